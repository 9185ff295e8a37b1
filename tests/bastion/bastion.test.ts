import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bastionModels, bastionScores, memberships } from "../../schema";
import { DEFAULT_BASTION } from "../../schema/bastion/values";
import { scoreBastion } from "../../worker/bastion/score";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { meterStatements } from "../lib/scale";
import { DAY, END, expected, holdYearly, PERIOD, START, seedRecords, total } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
const MONTH = 30.44 * DAY;
const scoreOf = async (orgId: string) =>
  (await db().select().from(bastionScores).where(eq(bastionScores.orgId, orgId)))[0];
const rescore = async (orgId: string) => {
  const admin = await as(tree.admin);
  const r = await admin.post(`/api/orgs/${orgId}/bastion/score`, { start: START, end: END });
  expect(r.status).toBe(200);
  return r.body;
};

beforeAll(async () => {
  tree = await makeTree();
  await seedRecords(tree);
});

describe("the branch index explained to its records", () => {
  it("scores every indicator from the records, and the explanation adds up to the score", async () => {
    const counted = await meterStatements(() =>
      scoreBastion(db(), { branchId: tree.branchA.id, periodStart: START, periodEnd: END, now: Date.now() }),
    );
    const r = counted.result;
    // One read batch (branch facts, models, study, held meetings, rhythm versions) and one upsert,
    // whatever the branch: 2 round trips, 6 statements.
    expect(counted.roundTrips).toBe(2);
    expect(counted.statements.length).toBe(6);
    expect(r.sector).toBe("community");
    const v = (k: string) => r.inputs[k] as { value?: number; missing?: true; reason?: string };
    expect(v("study").value).toBe(0.5);
    expect(v("evaluations").value).toBe(1);
    expect(v("sector_service").value).toBe(4);
    expect(v("masses").value).toBe(0.5);
    expect(v("development").value).toBe(0.5);
    expect(v("followups").value).toBe(0.5);
    expect(v("no_secretary").value).toBe(0);
    expect(v("orglife").value).toBe(0.111);
    expect(v("life_not_held").value).toBe(0);
    expect(v("duty")).toMatchObject({ missing: true, reason: "not_assessed" });
    expect(r.status).toBe("scored");
    expect(total(r.explanation)).toBe(r.score);
    expect(r.score!).toBeCloseTo(expected(r.explanation as never), 1);
    // 60 common and 40 sector points, each line in its group.
    const groups = Object.entries(r.groups);
    expect(groups.filter(([, g]) => g === "common").map(([k]) => k)).toEqual(DEFAULT_BASTION.common.map((i) => i.key));
    expect(groups.filter(([, g]) => g === "sector").map(([k]) => k)).toEqual(
      DEFAULT_BASTION.sectors.community.map((i) => i.key),
    );
  });

  it("missing is missing, never zero: a hand item not assessed is left out; assessed at 0 it counts", async () => {
    const before = await rescore(tree.branchA.id);
    const stored = await scoreOf(tree.branchA.id);
    const line = (stored!.explanation as any).lines.find((l: any) => l.key === "community_work");
    expect(line).toMatchObject({ status: "missing", reason: "not_assessed", contribution: 0 });
    const admin = await as(tree.admin);
    const zero = await admin.post(`/api/orgs/${tree.branchA.id}/bastion/items`, {
      itemKey: "community_work",
      points: 0,
      reason: "网格员未到位",
      evidence: "督查记录 2025-06",
      occurredOn: "2025-06-30",
    });
    expect(zero.status).toBe(201);
    const after = await rescore(tree.branchA.id);
    expect(after.scored.score).toBeLessThan(before.scored.score);
    const explained = await admin.get(`/api/orgs/${tree.branchA.id}/bastion/score?${PERIOD}`);
    expect(explained.status).toBe(200);
    const named = explained.body.explanation.lines.find((l: any) => l.key === "community_work");
    expect(named).toMatchObject({ status: "ok", value: 0 });
    expect(named.sources[0]).toMatchObject({ type: "bastion_item", name: "督查记录 2025-06", note: "网格员未到位" });
    expect(total(explained.body.explanation)).toBe(explained.body.score);
    // Sources named down to the records: the cycle by its label, follow-ups by member, services by text.
    const sources = (key: string) => explained.body.explanation.lines.find((l: any) => l.key === key).sources;
    expect(sources("evaluations")[0]).toMatchObject({ type: "eval_cycle", name: "2025年度" });
    expect(
      sources("followups")
        .map((s: any) => s.name)
        .sort(),
    ).toEqual(["memA", "secA"]);
    expect(sources("sector_service")).toHaveLength(2);
    expect(sources("study").find((s: any) => s.id === tree.memA.id)).toMatchObject({ name: "memA", value: 1 });
  });

  it("a serious discipline case, recorded by hand with evidence, marks the branch lagging outright", async () => {
    const admin = await as(tree.admin);
    const bad = await admin.post(`/api/orgs/${tree.branchA.id}/bastion/items`, {
      itemKey: "discipline",
      points: 5,
      reason: "",
      evidence: "x",
      occurredOn: "2025-02-30",
    });
    expect(bad.status).toBe(400);
    const unknown = await admin.post(`/api/orgs/${tree.branchA.id}/bastion/items`, {
      itemKey: "village_work",
      points: 5,
      reason: "不属于社区",
      evidence: "x",
      occurredOn: "2025-02-01",
    });
    expect(unknown.status).toBe(422);
    const tooMany = await admin.post(`/api/orgs/${tree.branchA.id}/bastion/items`, {
      itemKey: "duty",
      points: 11,
      reason: "超过上限",
      evidence: "x",
      occurredOn: "2025-02-01",
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0]).toMatchObject({ path: "points", code: "too_big" });
    const other = await makeTree();
    const r = await admin.post(`/api/orgs/${other.branchA.id}/bastion/items`, {
      itemKey: "discipline",
      points: 0,
      reason: "书记违规",
      evidence: "纪委通报",
      occurredOn: "2025-08-01",
    });
    expect(r.status).toBe(404);
    const otherAdmin = await as(other.admin);
    const fresh = await otherAdmin.post(`/api/orgs/${other.branchA.id}/bastion/items`, {
      itemKey: "discipline",
      points: 0,
      reason: "书记违规",
      evidence: "纪委通报〔2025〕3号",
      occurredOn: "2025-08-01",
    });
    expect(fresh.status).toBe(201);
    const scored = await otherAdmin.post(`/api/orgs/${other.branchA.id}/bastion/score`, { start: START, end: END });
    expect(scored.body.scored).toMatchObject({ score: 0, status: "lagging", band: "lagging" });
    const e = (await scoreOf(other.branchA.id))!.explanation as any;
    expect(e.lines.find((l: any) => l.key === "discipline")).toMatchObject({ status: "ok", value: 1 });
    expect(e.adjustments.at(-1).kind).toBe("veto");
    expect(total(e)).toBe(0);
  });

  it("no secretary for the model's months marks the branch lagging; a shorter gap does not", async () => {
    const t = await makeTree();
    await db()
      .update(memberships)
      .set({ endedAt: END - 4 * MONTH })
      .where(eq(memberships.userId, t.secB.id));
    await db()
      .update(memberships)
      .set({ endedAt: END - 2 * MONTH })
      .where(eq(memberships.userId, t.secA.id));
    await holdYearly(t.branchA.id, t.secA.id);
    const now = Date.now();
    const b = await scoreBastion(db(), { branchId: t.branchB.id, periodStart: START, periodEnd: END, now });
    expect(b).toMatchObject({ status: "lagging", band: "lagging", score: 0 });
    expect(b.inputs.no_secretary).toMatchObject({ value: 1, detail: { threshold: 3 } });
    expect((b.inputs.no_secretary as any).detail.months).toBeGreaterThanOrEqual(3.9);
    const a = await scoreBastion(db(), { branchId: t.branchA.id, periodStart: START, periodEnd: END, now });
    expect(a.status).not.toBe("lagging");
    expect(a.inputs.no_secretary).toMatchObject({ value: 0 });
    // Without other records only organisational life (2 of the rhythm's 45) and service are measured (no
    // confirmed service is a real 0); the rest is missing.
    const ok = a.explanation.lines.filter((l) => l.part === "base" && l.status === "ok");
    expect(ok.map((l) => [l.key, l.value])).toEqual([
      ["orglife", 0.044],
      ["sector_service", 0],
    ]);
    expect(a.status).toBe("scored");
    expect(a.score!).toBeCloseTo(expected(a.explanation as never), 1);
    // A branch without members has no measure at all: no score, not a zero.
    const empty = await makeOrg(t.committee, "空支部", "branch", "village");
    await makeUser("sec", [[empty, "secretary"]]);
    const e = await scoreBastion(db(), { branchId: empty.id, periodStart: START, periodEnd: END, now });
    expect(e).toMatchObject({ status: "insufficient_data", score: null, band: "missing" });
  });
});

describe("model versions", () => {
  it("a committee saves versions; scores keep the version they were computed with", async () => {
    const t = await makeTree();
    await seedRecords(t);
    const admin = await as(t.admin);
    await admin.post(`/api/orgs/${t.branchA.id}/bastion/score`, { start: START, end: END });
    // The built-in default is at its version 1 (organisational life added).
    expect(await scoreOf(t.branchA.id)).toMatchObject({ modelId: "default", modelVersion: 1 });
    const def = structuredClone(DEFAULT_BASTION);
    // Organisational life weighs more, study less: still 60 in all.
    def.common[0]!.max = 18;
    def.common[1]!.max = 4;
    const saved = await admin.post(`/api/orgs/${t.committee.id}/bastion/models`, {
      name: "本市堡垒指数",
      definition: def,
    });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toBe(1);
    const stale = await scoreOf(t.branchA.id);
    expect(stale).toMatchObject({ modelId: "default", modelVersion: 1 });
    const r = await admin.post(`/api/orgs/${t.branchA.id}/bastion/score`, { start: START, end: END });
    expect(await scoreOf(t.branchA.id)).toMatchObject({ modelId: saved.body.id, modelVersion: 1 });
    expect(r.body.scored.score).not.toBe(stale!.score);
    const model = await admin.get(`/api/orgs/${t.branchA.id}/bastion/model`);
    expect(model.body).toMatchObject({ version: 1, orgId: t.committee.id });
    const again = await admin.post(`/api/orgs/${t.committee.id}/bastion/models`, { name: "第二版", definition: def });
    expect(again.body.version).toBe(2);
  });

  it("refuses a model whose parts do not add up to 60 and 40, or that is not a committee's", async () => {
    const t = await makeTree();
    const admin = await as(t.admin);
    const count = async () =>
      (await db().select().from(bastionModels).where(eq(bastionModels.orgId, t.committee.id))).length;
    const common = structuredClone(DEFAULT_BASTION);
    common.common[0]!.max = 11;
    const r1 = await admin.post(`/api/orgs/${t.committee.id}/bastion/models`, { name: "错", definition: common });
    expect(r1.status).toBe(422);
    expect(r1.body.error.details[0]).toMatchObject({ path: "definition.common", code: "base_mismatch" });
    const sector = structuredClone(DEFAULT_BASTION);
    sector.sectors.village[0]!.max = 1;
    const r2 = await admin.post(`/api/orgs/${t.committee.id}/bastion/models`, { name: "错", definition: sector });
    expect(r2.body.error.details[0]).toMatchObject({ path: "definition.sectors.village", code: "base_mismatch" });
    const dup = structuredClone(DEFAULT_BASTION);
    dup.sectors.school[1]!.key = "duty";
    const r3 = await admin.post(`/api/orgs/${t.committee.id}/bastion/models`, { name: "错", definition: dup });
    expect(r3.body.error.details[0]).toMatchObject({ code: "duplicate_key" });
    const r4 = await admin.post(`/api/orgs/${t.branchA.id}/bastion/models`, {
      name: "支部",
      definition: DEFAULT_BASTION,
    });
    expect(r4.status).toBe(422);
    const secA = await as(t.secA);
    expect(
      (await secA.post(`/api/orgs/${t.committee.id}/bastion/models`, { name: "x", definition: DEFAULT_BASTION }))
        .status,
    ).toBe(404);
    expect(await count()).toBe(0);
  });
});
