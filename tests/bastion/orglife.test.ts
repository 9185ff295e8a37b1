import { beforeAll, describe, expect, it } from "vitest";
import { orglifeRules } from "../../schema";
import { DEFAULT_BASTION } from "../../schema/bastion/values";
import { DEFAULT_RHYTHM, type RhythmValues } from "../../schema/orglife/values";
import { scoreBastion } from "../../worker/bastion/score";
import { yearRange } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { as, db, makeTree } from "../fixtures";
import { END, holdMeetings, holdYearly, PERIOD, START, seedRecords } from "./helpers";

// The branch index's organisational life: what the branch held against the rhythm in force (orglife's face).
let tree: Awaited<ReturnType<typeof makeTree>>;
let meetings: string[];
const line = (r: { explanation: { lines: any[] } }, key: string) => r.explanation.lines.find((l) => l.key === key);
const score = (branchId: string, now = Date.now(), periodStart = START, periodEnd = END) =>
  scoreBastion(db(), { branchId, periodStart, periodEnd, now });

/** A rhythm version set on a committee directly (the API refuses past years, as it should). */
async function rhythmVersion(orgId: string, fromYear: number, values: RhythmValues, by: string) {
  await db().insert(orglifeRules).values({
    id: newId(),
    orgId,
    version: fromYear,
    fromYear,
    values,
    sources: {},
    note: "",
    createdBy: by,
    createdAt: 0,
  });
}

beforeAll(async () => {
  tree = await makeTree();
  ({ meetings } = await seedRecords(tree));
});

describe("organisational life held against the rhythm", () => {
  it("is the share of the required meetings held, each meeting a record of the explanation", async () => {
    const r = await score(tree.branchA.id);
    // The default rhythm asks 45 meetings of 2025 (4 general, 12 committee, 12 group, 4 lectures,
    // 12 theme days, 1 组织生活会); held within them: 2 general, 1 lecture (the second of Q1 adds
    // nothing), 1 theme day, the 组织生活会.
    const l = line(r, "orglife");
    expect(l).toMatchObject({ status: "ok", value: 0.111, max: 12, detail: { required: 45, held: 5 } });
    expect(l.points).toBeCloseTo((5 / 45) * 12, 2);
    expect(l.detail.kinds).toEqual(
      expect.arrayContaining([
        { kind: "general_meeting", required: 4, held: 2 },
        { kind: "lecture", required: 4, held: 1 },
        { kind: "committee_meeting", required: 12, held: 0 },
      ]),
    );
    const sources = l.sources as { id: string; value: number; note: string }[];
    expect(sources.map((s) => s.id).sort()).toEqual([...meetings].sort());
    const lectures = sources.filter((s) => s.note === "lecture");
    expect(lectures.map((s) => s.value)).toEqual([1, 0]);
    // Named as the committee knows them: topic, day, the meeting's page.
    const admin = await as(tree.admin);
    const explained = await admin.get(`/api/orgs/${tree.branchA.id}/bastion/score?${PERIOD}`);
    const named = explained.body.explanation.lines.find((x: any) => x.key === "orglife").sources;
    expect(named.find((s: any) => s.id === meetings[0])).toMatchObject({
      type: "orglife_meeting",
      name: "general_meeting 2025-02-20",
      at: Date.UTC(2025, 1, 20),
      link: `/orglife/meeting/${meetings[0]}`,
    });
  });

  it("counts only the rhythm's periods that have ended: mid-year, half the year is asked", async () => {
    const july = Date.UTC(2025, 6, 15);
    const r = await score(tree.branchA.id, july);
    // Ended by mid-July: 2 quarters (general, lecture) and 6 months (committee, group, theme day); the
    // yearly 组织生活会 is not due yet.
    expect(line(r, "orglife")).toMatchObject({ value: 0.182, detail: { required: 22, held: 4 } });
    expect(line(r, "life_not_held")).toMatchObject({ status: "missing", reason: "period_short" });
  });

  it("is missing, not zero, when the rhythm in force asks nothing; a later version never changes the year", async () => {
    const t = await makeTree();
    await holdYearly(t.branchA.id, t.secA.id);
    const none = Object.fromEntries(Object.keys(DEFAULT_RHYTHM).map((k) => [k, { period: "year", min: 0 }]));
    await rhythmVersion(t.committee.id, 2026, none as RhythmValues, t.admin.id);
    expect(line(await score(t.branchA.id), "orglife")).toMatchObject({ status: "ok", detail: { required: 45 } });
    await rhythmVersion(t.committee.id, 2025, none as RhythmValues, t.admin.id);
    const r = await score(t.branchA.id);
    expect(line(r, "orglife")).toMatchObject({ status: "missing", reason: "no_rhythm", contribution: 0 });
    expect(r.explanation.coverage).toBeLessThan(1);
    // Meetings held are still seen by the lagging situation: not lagging.
    expect(line(r, "life_not_held")).toMatchObject({ status: "ok", value: 0 });
    expect(r.status).toBe("scored");
  });
});

describe("organisational life not held", () => {
  it("a year without a 组织生活会 marks the branch lagging, with its reason; the model sets what counts", async () => {
    const t = await makeTree();
    await holdMeetings(t.branchA.id, t.secA.id, [
      ["general_meeting", "2025-03-10"],
      ["lecture", "2025-06-10"],
      // Held after the period: it does not count for 2025.
      ["life_meeting", "2026-01-05"],
    ]);
    const admin = await as(t.admin);
    const scored = await admin.post(`/api/orgs/${t.branchA.id}/bastion/score`, { start: START, end: END });
    expect(scored.body.scored).toMatchObject({ status: "lagging", band: "lagging", score: 0 });
    const overview = await admin.get(`/api/orgs/${t.committee.id}/bastion?${PERIOD}&band=lagging`);
    const item = overview.body.items.find((i: any) => i.orgId === t.branchA.id);
    expect(item.explanation.lines.find((l: any) => l.key === "life_not_held")).toMatchObject({
      group: "lagging",
      status: "ok",
      value: 1,
      label: { "zh-CN": "组织生活不正常" },
    });
    const r = await score(t.branchA.id);
    expect(line(r, "life_not_held").detail).toEqual({ notHeld: ["life_meeting"], threshold: 12 });
    // A committee whose model asks only for the general meeting: the same branch is not lagging.
    const definition = { ...structuredClone(DEFAULT_BASTION), lifeNotHeld: { kinds: ["general_meeting"], months: 12 } };
    const bad = await admin.post(`/api/orgs/${t.committee.id}/bastion/models`, {
      name: "本市",
      definition: { ...definition, lifeNotHeld: { kinds: [], months: 0 } },
    });
    expect(bad.status).toBe(400);
    const saved = await admin.post(`/api/orgs/${t.committee.id}/bastion/models`, { name: "本市", definition });
    expect(saved.status).toBe(201);
    const again = await score(t.branchA.id);
    expect(again.status).toBe("scored");
    expect(line(again, "life_not_held")).toMatchObject({ value: 0, detail: { notHeld: [] } });
  });

  it("is judged only over a period as long as the model's months", async () => {
    const t = await makeTree();
    const [start, end] = [yearRange(2025)[0], yearRange(2025)[0] + 180 * 86_400_000];
    const r = await score(t.branchA.id, Date.now(), start, end);
    expect(line(r, "life_not_held")).toMatchObject({ status: "missing", reason: "period_short" });
    expect(r.status).not.toBe("lagging");
  });
});

describe("rights unchanged", () => {
  it("the meetings named in a branch's explanation reach only those who read its score", async () => {
    const admin = await as(tree.admin);
    await admin.post(`/api/orgs/${tree.branchA.id}/bastion/score`, { start: START, end: END });
    const secA = await as(tree.secA);
    const own = await secA.get(`/api/orgs/${tree.branchA.id}/bastion/score?${PERIOD}`);
    expect(own.status).toBe(200);
    expect(own.body.explanation.lines.find((l: any) => l.key === "orglife").sources).toHaveLength(6);
    // Another branch's secretary, a member, a stranger committee: what a random id gets, or 403.
    const secB = await as(tree.secB);
    const random = await secB.get(`/api/orgs/nosuchbranch00000000000/bastion/score?${PERIOD}`);
    const theirs = await secB.get(`/api/orgs/${tree.branchA.id}/bastion/score?${PERIOD}`);
    expect([theirs.status, theirs.body]).toEqual([random.status, random.body]);
    expect((await (await as(tree.memA)).get(`/api/orgs/${tree.branchA.id}/bastion/score?${PERIOD}`)).status).toBe(403);
    const stranger = await as((await makeTree()).admin);
    expect((await stranger.get(`/api/orgs/${tree.branchA.id}/bastion/score?${PERIOD}`)).status).toBe(404);
    expect((await secA.post(`/api/orgs/${tree.branchA.id}/bastion/score`, { start: START, end: END })).status).toBe(
      403,
    );
  });
});
