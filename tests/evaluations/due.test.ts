import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dueWork, evalSchedules, orgs } from "../../schema";
import { periodOf } from "../../schema/evaluations/periods";
import { as, db, makeOrg, makeTree } from "../fixtures";
import { CLAIM, recordedTick } from "../lib/cron";
import { cyclesOf, DAY, deliver, makeSchedule } from "./helpers";

// The cron finds its evaluation work through the due_work index: an idle tick is one statement and no
// message, a busy one sends a message only for each branch with something due.

/** The evaluation cycles' rows of due_work (other kinds share the table). */
const cycleRows = () => db().select().from(dueWork).where(eq(dueWork.kind, "eval_cycle"));
const start = periodOf(Date.UTC(2026, 11, 10), "monthly", "Asia/Shanghai").start;
let tree: Awaited<ReturnType<typeof makeTree>>;
let scheduleId: string;

/** The whole cron on the real local D1; returns the queue messages and the statements run. */
async function scheduled(now: number) {
  const { ran, messages } = await recordedTick(now);
  // The statements of the cycles' work: the claim and theirs (other crons, the follow-up warnings among
  // them, run their own indexed statements beside it; other kinds' jobs store their rows' next moments).
  const ours = ran.map((s) => s.sql).filter((s) => s === CLAIM || (/eval_/.test(s) && !/eval_followups/.test(s)));
  return { messages, ours };
}

async function fullTick(now: number) {
  const r = await scheduled(now);
  if (r.messages.length) await deliver(r.messages);
  return r;
}

beforeAll(async () => {
  tree = await makeTree();
  scheduleId = await makeSchedule(await as(tree.admin), tree.committee.id);
  await fullTick(start + 3 * DAY); // opens December's cycles for A and B
});

describe("work that grows only with what is due", () => {
  it("an idle tick runs one statement on the due index and sends nothing", async () => {
    const idle = await scheduled(start + 3 * DAY + 15 * 60_000);
    expect(idle.messages).toEqual([]);
    expect(idle.ours).toEqual([CLAIM]);
    // The claim reads no row when nothing is due: SQLite walks the due_at index to the first later row.
    const plan = await env.DB.prepare("EXPLAIN QUERY PLAN UPDATE due_work SET due_at = 1 WHERE due_at <= 0").all<{
      detail: string;
    }>();
    expect(plan.results.map((r) => r.detail).join()).toContain("USING INDEX due_work_due_idx");
  });

  it("a tick with k due branches sends k messages, naming exactly those", async () => {
    const added = [];
    for (let i = 0; i < 3; i++) added.push(await makeOrg(tree.committee, `新支部${i}`, "branch"));
    const busy = await scheduled(start + 3 * DAY + 30 * 60_000);
    expect(busy.messages.map((m) => m.branchId).sort()).toEqual(added.map((b) => b.id).sort());
    expect(busy.messages.every((m) => m.scheduleIds.join() === scheduleId)).toBe(true);
    expect(busy.ours).toHaveLength(1);
    await deliver(busy.messages);
    for (const b of added) expect(await cyclesOf(b.id)).toHaveLength(1);
    // Claimed and done: the next tick is idle again.
    expect((await scheduled(start + 3 * DAY + 45 * 60_000)).messages).toEqual([]);
  });

  it("each branch waits for its own next moment: the first reminder two days before analysis closes", async () => {
    const [row] = (await cycleRows()).filter((r) => r.subject === tree.branchA.id);
    const [cycle] = await cyclesOf(tree.branchA.id);
    // The appraisal window opens on day 10, the reminder before analysis closes on day 12.
    expect(row!.dueAt).toBe(Math.min(cycle!.windows.appraisal!.opensAt, cycle!.windows.analysis!.closesAt - 2 * DAY));
    expect((await scheduled(row!.dueAt - 1)).messages).toEqual([]);
    const dueThen = (await cycleRows()).filter((r) => r.dueAt <= row!.dueAt);
    const due = await fullTick(row!.dueAt);
    expect(due.messages.map((m) => m.branchId).sort()).toEqual(dueThen.map((r) => r.subject).sort());
    expect(dueThen.map((r) => r.subject)).toContain(tree.branchB.id);
    const [after] = await cyclesOf(tree.branchA.id);
    expect(after!.phase).toBe("appraisal");
  });

  it("a claimed message that never finished is due again after the lease, and lands once", async () => {
    const late = await makeOrg(tree.committee, "失联支部", "branch");
    const t = start + 13 * DAY;
    const first = await scheduled(t); // claimed, but the messages are lost
    expect(first.messages.map((m) => m.branchId)).toContain(late.id);
    expect((await scheduled(t + 15 * 60_000)).messages.map((m) => m.branchId)).not.toContain(late.id);
    const again = await fullTick(t + 60 * 60_000);
    expect(again.messages.map((m) => m.branchId)).toContain(late.id);
    await fullTick(t + 60 * 60_000);
    expect(await cyclesOf(late.id)).toHaveLength(1);
  });

  it("a deactivated schedule, an archived branch and a branch moved away leave nothing due", async () => {
    const gone = await makeOrg(tree.committee, "撤销支部", "branch");
    const moved = await makeOrg(tree.committee, "转出支部", "branch");
    const elsewhere = await makeOrg(null, "外市委", "committee");
    await db().update(orgs).set({ archivedAt: Date.now() }).where(eq(orgs.id, gone.id));
    await db()
      .update(orgs)
      .set({ parentId: elsewhere.id, path: `${elsewhere.path}${moved.id}/` })
      .where(eq(orgs.id, moved.id));
    await fullTick(start + 14 * DAY);
    expect(await cyclesOf(gone.id)).toHaveLength(0);
    expect(await cyclesOf(moved.id)).toHaveLength(0);
    const left = await cycleRows();
    expect(left.map((r) => r.subject)).not.toContain(gone.id);
    expect(left.map((r) => r.subject)).not.toContain(moved.id);
    await db().update(evalSchedules).set({ active: false }).where(eq(evalSchedules.id, scheduleId));
    expect(await cycleRows()).toEqual([]);
  });
});
