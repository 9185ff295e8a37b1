import { env } from "cloudflare:test";
import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { evalCycles, evalDecisions, evalFollowups, notifications, orgs } from "../../schema";
import { periodOf } from "../../schema/evaluations/periods";
import { newId } from "../../worker/lib/ids";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { cron, cyclesOf, DAY, deliver, flakyEnv, makeSchedule, tick } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let scheduleId: string;
// December 2026 in Shanghai; ticks are placed relative to its start.
const start = periodOf(Date.UTC(2026, 11, 10), "monthly", "Asia/Shanghai").start;
/** The evaluation notices a user has (other features' cron notices, e.g. organisational life, aside). */
const count = async (userId: string) =>
  (
    await db()
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), like(notifications.link, "/evaluations/%")))
  )[0]!.n;

beforeAll(async () => {
  tree = await makeTree();
  scheduleId = await makeSchedule(await as(tree.admin), tree.committee.id);
});

describe("cron tick and queue consumer", () => {
  it("sends one message per branch of the subtree, and nothing for other trees", async () => {
    const other = await makeOrg(null, "别的市委", "committee");
    await makeOrg(other, "别处支部", "branch");
    const calls = await cron(start + 3 * DAY);
    const bodies = calls.flat().map((m) => m.body);
    expect(bodies.map((b) => b.branchId).sort()).toEqual([tree.branchA.id, tree.branchB.id].sort());
    expect(bodies.every((b) => b.scheduleIds.join() === scheduleId && b.now === start + 3 * DAY)).toBe(true);
  });

  it("catches up after three missed days: opens the period's cycle once, in analysis, and tells members", async () => {
    await tick(start + 3 * DAY + 5 * 3_600_000);
    const [cycle] = await cyclesOf(tree.branchA.id);
    expect(cycle).toMatchObject({ periodStart: start, status: "open", phase: "analysis", label: "2026-12" });
    expect(cycle!.windows.analysis!.closesAt).toBe(start + 14 * DAY);
    const mine = await db().select().from(notifications).where(eq(notifications.userId, tree.memA.id));
    expect(mine.map((n) => n.kind).sort()).toEqual(["opened", "phase"]);
    // The secretary (also a member) hears as a member and as secretary.
    expect(await count(tree.secA.id)).toBe(3);
  });

  it("is idempotent: the same tick again, and later ticks, create nothing twice", async () => {
    const before = await count(tree.memA.id);
    await tick(start + 3 * DAY + 5 * 3_600_000);
    await tick(start + 4 * DAY);
    expect(await cyclesOf(tree.branchA.id)).toHaveLength(1);
    expect(await count(tree.memA.id)).toBe(before);
  });

  it("moves phases, reminds those who have not done it, tells secretaries how many are missing", async () => {
    await tick(start + 12 * DAY + 3_600_000); // analysis closes on day 14, appraisal opened on day 10
    const [cycle] = await cyclesOf(tree.branchA.id);
    expect(cycle!.phase).toBe("appraisal");
    const kinds = (await db().select().from(notifications).where(eq(notifications.userId, tree.memA.id))).map(
      (n) => n.kind,
    );
    expect(kinds.filter((k) => k === "reminder")).toHaveLength(1);
    const [missing] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, tree.secA.id), eq(notifications.kind, "missing")));
    expect(missing!.params).toMatchObject({ phase: "analysis", missingAnalysis: 2 });
    await tick(start + 12 * DAY + 2 * 3_600_000);
    expect(
      (await db().select().from(notifications).where(eq(notifications.userId, tree.memA.id))).filter(
        (n) => n.kind === "reminder",
      ),
    ).toHaveLength(1);
  });

  it("closes the cycle after the last window, locks it and opens follow-ups for 不合格 once", async () => {
    const [cycle] = await cyclesOf(tree.branchA.id);
    await db().insert(evalDecisions).values({
      cycleId: cycle!.id,
      memberId: tree.memA.id,
      grade: "unqualified",
      reason: "r",
      decidedBy: tree.secA.id,
      decidedAt: Date.now(),
    });
    await tick(start + 26 * DAY);
    await tick(start + 26 * DAY);
    const [closed] = await cyclesOf(tree.branchA.id);
    expect(closed).toMatchObject({ status: "closed", phase: null });
    const f = await db().select().from(evalFollowups).where(eq(evalFollowups.cycleId, cycle!.id));
    expect(f).toHaveLength(1);
    expect(f[0]!.memberId).toBe(tree.memA.id);
    // Next month's tick opens next month's cycle, once.
    await tick(start + 33 * DAY);
    await tick(start + 33 * DAY);
    expect(await cyclesOf(tree.branchA.id)).toHaveLength(2);
  });

  it("does not open a period whose windows have all passed", async () => {
    const late = await makeOrg(tree.committee, "迟到支部", "branch");
    await tick(start + 27 * DAY);
    expect(await cyclesOf(late.id)).toHaveLength(0);
  });

  it("sends in chunks of 100, only for what is due", async () => {
    const parent = await makeOrg(tree.committee, "大片区", "committee");
    const rows = Array.from({ length: 130 }, (_, i) => {
      const id = newId();
      return {
        id,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        name: `b${i}`,
        kind: "branch" as const,
        orgType: "community" as const,
        createdAt: 0,
      };
    });
    for (let i = 0; i < rows.length; i += 10)
      await db()
        .insert(orgs)
        .values(rows.slice(i, i + 10));
    const calls = await cron(start + 40 * DAY);
    expect(calls.map((c) => c.length)).toEqual([100, calls.flat().length - 100]);
    // The 130 new ones, and the late one, due since next month began; A and B wait for January's windows.
    expect(calls.flat().length).toBe(131);
    expect(calls.flat().some((m) => m.body.branchId === tree.branchA.id)).toBe(false);
  });
});

describe("queue consumer retry", () => {
  it("retries a failed message, and the retry and a duplicate delivery do the work once", async () => {
    const c2 = await makeOrg(null, "重试市委", "committee");
    const b = await makeOrg(c2, "重试支部", "branch");
    const m = await makeUser("retry-member", [[b, "member"]]);
    const admin = await makeUser("retry-admin", [[c2, "admin"]]);
    const sid = await makeSchedule(await as(admin), c2.id, {
      frequency: "quarterly",
      phases: { analysis: { from: 0, to: 85 } },
    });
    const body = { branchId: b.id, scheduleIds: [sid], now: start + DAY };
    let failures = 1;
    const flaky = flakyEnv((stmts) => stmts.length > 4 && failures-- > 0);
    const first = await deliver([body], flaky);
    expect(first.result.retryMessages.map((r) => r.msgId)).toEqual([first.batch.messages[0]!.id]);
    expect(first.result.explicitAcks).toEqual([]);
    expect(await cyclesOf(b.id)).toHaveLength(0);
    const second = await deliver([body], flaky, 2);
    expect(second.result.explicitAcks).toEqual([second.batch.messages[0]!.id]);
    await deliver([body], env, 3); // delivered again (at-least-once)
    const cycles = await db().select().from(evalCycles).where(eq(evalCycles.branchId, b.id));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.label).toBe("2026-Q4");
    expect(await count(m.id)).toBe(2);
  });
});
