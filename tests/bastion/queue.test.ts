import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bastionScores } from "../../schema";
import { periodOf } from "../../schema/evaluations/periods";
import { enqueueSubtree } from "../../worker/bastion/jobs";
import type { BastionMessage } from "../../worker/env";
import worker from "../../worker/index";
import { cyclesOf, DAY, deliver, makeSchedule, tick } from "../evaluations/helpers";
import { as, db, makeOrg, makeTree } from "../fixtures";
import { END, START } from "./helpers";

// Scored when a cycle closes (evaluations emits, bastion listens) and on demand through the queue.
let tree: Awaited<ReturnType<typeof makeTree>>;
const period = periodOf(Date.UTC(2026, 10, 10), "monthly", "Asia/Shanghai"); // November 2026
const scoresOf = (orgId: string) => db().select().from(bastionScores).where(eq(bastionScores.orgId, orgId));

beforeAll(async () => {
  tree = await makeTree();
});

describe("scored when a cycle closes", () => {
  it("the closing message scores the branch for the cycle's period, once", async () => {
    const admin = await as(tree.admin);
    const scheduleId = await makeSchedule(admin, tree.committee.id);
    await tick(period.start + DAY);
    expect(await cyclesOf(tree.branchA.id)).toHaveLength(1);
    expect(await scoresOf(tree.branchA.id)).toHaveLength(0);
    const closing = { branchId: tree.branchA.id, scheduleIds: [scheduleId], now: period.start + 26 * DAY };
    const { result } = await deliver([closing]);
    expect(result.explicitAcks).toHaveLength(1);
    const [row] = await scoresOf(tree.branchA.id);
    expect(row).toMatchObject({ periodStart: period.start, periodEnd: period.end, computedAt: closing.now });
    // The closed cycle is the evaluations indicator's source.
    const [cycle] = await cyclesOf(tree.branchA.id);
    const line = (row!.explanation as any).lines.find((l: any) => l.key === "evaluations");
    expect(line.sources.map((s: any) => s.id)).toEqual([cycle!.id]);
    // A retried message after the close and scoring landed changes nothing.
    await deliver([{ ...closing, now: closing.now + 60_000 }]);
    const again = await scoresOf(tree.branchA.id);
    expect(again).toHaveLength(1);
    expect(again[0]!.computedAt).toBe(closing.now);
  });
});

describe("scored on demand", () => {
  it("a committee's request sends one message per branch; each message scores its branch", async () => {
    const t = await makeTree();
    await makeOrg(t.committee, "第三支部", "branch", "school");
    const sent: { body: BastionMessage }[] = [];
    const producer = { sendBatch: async (m: { body: BastionMessage }[]) => void sent.push(...m) };
    const out = await enqueueSubtree(db(), { ...env, EVAL_QUEUE: producer } as never, t.committee.path, START, END, 1);
    expect(out.queued).toBe(3);
    expect(sent.map((m) => m.body.kind)).toEqual(["bastion", "bastion", "bastion"]);
    const batch = createMessageBatch<BastionMessage>(
      "vanguard-evaluations",
      sent.map((m, i) => ({ id: `b${i}`, timestamp: new Date(), attempts: 1, body: m.body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch as never, env as never, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(3);
    const rows = await db()
      .select()
      .from(bastionScores)
      .where(and(eq(bastionScores.periodStart, START), eq(bastionScores.computedAt, 1)));
    expect(rows.map((r) => r.orgId).sort()).toEqual(sent.map((m) => m.body.branchId).sort());
  });

  it("the route answers how many were queued, for admins only", async () => {
    const admin = await as(tree.admin);
    const r = await admin.post(`/api/orgs/${tree.committee.id}/bastion/score`, {
      from: "2025-01-01",
      to: "2025-12-31",
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ queued: 2, scored: null, periodStart: START, periodEnd: END });
    const bad = await admin.post(`/api/orgs/${tree.committee.id}/bastion/score`, {
      from: "2025-12-31",
      to: "2025-01-01",
    });
    expect(bad.status).toBe(422);
    const secA = await as(tree.secA);
    expect((await secA.post(`/api/orgs/${tree.branchA.id}/bastion/score`, { start: START, end: END })).status).toBe(
      403,
    );
  });
});
