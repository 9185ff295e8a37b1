import { env } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, evalAnalyses, evalDecisions, vanguardBranchScores, vanguardScores } from "../../schema";
import { periodOf } from "../../schema/evaluations/periods";
import { DEFAULT_MODEL } from "../../schema/vanguard/values";
import { newId } from "../../worker/lib/ids";
import { as, db, makeTree } from "../fixtures";
import { cyclesOf, DAY, deliver, flakyEnv, makeSchedule, tick } from "./helpers";

// Closing a cycle through the queue consumer stores the branch's vanguard index for the cycle's period, once.
let tree: Awaited<ReturnType<typeof makeTree>>;
let scheduleId: string;
const period = periodOf(Date.UTC(2026, 11, 10), "monthly", "Asia/Shanghai"); // December 2026
const closing = () => ({ branchId: tree.branchA.id, scheduleIds: [scheduleId], now: period.start + 26 * DAY });
const n = async (table: typeof vanguardScores | typeof vanguardBranchScores | typeof archiveEvents) =>
  (await db().select({ n: sql<number>`count(*)` }).from(table))[0]!.n;
const scoresOf = (orgId: string) => db().select().from(vanguardScores).where(eq(vanguardScores.orgId, orgId));

beforeAll(async () => {
  tree = await makeTree();
  const admin = await as(tree.admin);
  const saved = await admin.post(`/api/orgs/${tree.committee.id}/vanguard/models`, {
    name: "本市先锋指数",
    definition: DEFAULT_MODEL,
  });
  expect(saved.status).toBe(201);
  scheduleId = await makeSchedule(admin, tree.committee.id);
  await tick(period.start + DAY);
  const [cycle] = await cyclesOf(tree.branchA.id);
  await db()
    .insert(evalAnalyses)
    .values({
      id: newId(),
      cycleId: cycle!.id,
      memberId: tree.memA.id,
      status: "accepted",
      draft: {},
      reports: {},
      version: 1,
      updatedAt: period.start + 2 * DAY,
    });
  await db()
    .insert(evalDecisions)
    .values({
      cycleId: cycle!.id,
      memberId: tree.memA.id,
      grade: "qualified",
      decidedBy: tree.secA.id,
      decidedAt: period.start + 21 * DAY,
    });
});

describe("a cycle closing through the queue scores the branch", () => {
  it("stores every member's score for the cycle's period with the model version", async () => {
    expect(await scoresOf(tree.branchA.id)).toHaveLength(0);
    const { result } = await deliver([closing()]);
    expect(result.explicitAcks).toHaveLength(1);
    const [cycle] = await cyclesOf(tree.branchA.id);
    expect(cycle).toMatchObject({ status: "closed", periodEnd: period.end });
    // The period ends where the next one starts.
    expect(period.end).toBe(periodOf(period.end, "monthly", "Asia/Shanghai").start);
    const rows = await scoresOf(tree.branchA.id);
    expect(rows.map((r) => r.memberId).sort()).toEqual([tree.secA.id, tree.memA.id].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ periodStart: period.start, periodEnd: period.end, modelVersion: 1 });
      expect(r.computedAt).toBe(closing().now);
    }
    const mine = rows.find((r) => r.memberId === tree.memA.id)!;
    expect((mine.inputs as any).self_analysis).toMatchObject({ value: 1 });
    expect((mine.inputs as any).appraisal).toMatchObject({ value: 0.8 });
    expect(mine.score).toBe(52.8);
    const sec = rows.find((r) => r.memberId === tree.secA.id)!;
    expect((sec.inputs as any).self_analysis).toMatchObject({ value: 0 });
    expect((sec.inputs as any).appraisal).toMatchObject({ missing: true, reason: "no_decision" });
    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.orgId, tree.branchA.id), eq(archiveEvents.kind, "vanguard")));
    expect(events).toHaveLength(2);
    // Branch B's cycle closed in the same way only when its own message arrives.
    expect(await scoresOf(tree.branchB.id)).toHaveLength(0);
  });

  it("the same message again, or a later tick, writes nothing twice", async () => {
    const before = [await n(vanguardScores), await n(vanguardBranchScores), await n(archiveEvents)];
    const stamp = (await scoresOf(tree.branchA.id)).map((r) => r.computedAt);
    await deliver([closing()], env, 2);
    await deliver([closing()], env, 3);
    await tick(period.start + 27 * DAY);
    expect(await scoresOf(tree.branchA.id)).toHaveLength(2);
    expect((await scoresOf(tree.branchA.id)).map((r) => r.computedAt)).toEqual(stamp);
    // The tick closed and scored branch B (secB, memB): two scores, one aggregate, two events more; A unchanged.
    expect([await n(vanguardScores), await n(vanguardBranchScores), await n(archiveEvents)]).toEqual([
      before[0]! + 2,
      before[1]! + 1,
      before[2]! + 2,
    ]);
  });

  it("a message whose close landed but whose scoring failed scores on the retry, once", async () => {
    const c = await makeTree();
    const sid = await makeSchedule(await as(c.admin), c.committee.id);
    const body = { branchId: c.branchA.id, scheduleIds: [sid], now: period.start + DAY };
    await deliver([body]);
    // read, close writes, scoring reads, then the scoring's write batch fails
    const flaky = flakyEnv((_, call) => call === 4);
    const closeBody = { ...body, now: period.start + 26 * DAY };
    const first = await deliver([closeBody], flaky);
    expect(first.result.retryMessages).toHaveLength(1);
    expect((await cyclesOf(c.branchA.id))[0]!.status).toBe("closed");
    expect(await scoresOf(c.branchA.id)).toHaveLength(0);
    const second = await deliver([closeBody], env, 2);
    expect(second.result.explicitAcks).toHaveLength(1);
    expect(await scoresOf(c.branchA.id)).toHaveLength(2);
    await deliver([closeBody], env, 3);
    expect(await scoresOf(c.branchA.id)).toHaveLength(2);
    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.orgId, c.branchA.id), eq(archiveEvents.kind, "vanguard")));
    expect(events).toHaveLength(2);
  });

  it("the overview finds the stored period by its calendar dates", async () => {
    const sec = await as(tree.secA);
    const r = await sec.get(`/api/orgs/${tree.branchA.id}/vanguard?from=2026-12-01&to=2026-12-31`);
    expect(r.status).toBe(200);
    expect(r.body.members).toHaveLength(2);
    expect(r.body.branch).toMatchObject({ members: 2, modelVersion: 1 });
  });

  it("lists the stored periods for the page to offer, and reads one by its exact bounds; rights by subtree", async () => {
    const admin = await as(tree.admin);
    const all = await admin.get(`/api/orgs/${tree.committee.id}/vanguard/periods`);
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([
      { periodStart: period.start, periodEnd: period.end, branches: 2, label: period.label },
    ]);
    const sec = await as(tree.secA);
    const mine = await sec.get(`/api/orgs/${tree.branchA.id}/vanguard/periods`);
    expect(mine.body.items).toEqual([
      { periodStart: period.start, periodEnd: period.end, branches: 1, label: "2026-12" },
    ]);
    const exact = await sec.get(`/api/orgs/${tree.branchA.id}/vanguard?start=${period.start}&end=${period.end}`);
    expect(exact.body.members).toHaveLength(2);
    const sub = await admin.get(`/api/orgs/${tree.committee.id}/vanguard?start=${period.start}&end=${period.end}`);
    expect(sub.body.subtree.branches).toHaveLength(2);
    expect((await sec.get(`/api/orgs/${tree.branchA.id}/vanguard?start=5&end=4`)).status).toBe(422);
    expect((await sec.get(`/api/orgs/${tree.branchA.id}/vanguard`)).status).toBe(422);
    expect((await sec.get(`/api/orgs/${tree.branchB.id}/vanguard/periods`)).status).toBe(404);
    expect((await (await as(tree.memA)).get(`/api/orgs/${tree.branchA.id}/vanguard/periods`)).status).toBe(403);
  });
});
