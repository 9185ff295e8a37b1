import { env } from "cloudflare:test";
import { and, eq, inArray, isNull, like, min } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { devCases, dueWork, notifications, orgs } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { CLAIM, recordedTick } from "../lib/cron";
import type { Metered } from "../lib/scale";
import { applicant } from "./helpers";
import { plansBeyondKeys } from "./recorded";

// Development deadlines through the due index: each open case's next warning is its row in due_work,
// written with the case (the migration's triggers); a tick touches only the cases whose moment came.

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const DAY = 86_400_000;
/** A day n days back, in the default zone. */
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3_600_000 - n * DAY).toISOString().slice(0, 10);
const warned = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.kind, "dev_%")));
const rowOf = async (caseId: string) =>
  (await db().select().from(dueWork).where(eq(dueWork.subject, caseId)))[0]?.dueAt ?? null;
const caseOf = async (caseId: string) => (await db().select().from(devCases).where(eq(devCases.id, caseId)))[0]!;
/** The statements of the development job (and the claim), with the rows each read. */
const ours = (ran: Metered[]) => ran.filter((s) => /due_work|dev_/.test(s.sql));

describe("development warnings grow only with what is due", () => {
  it("a case's row holds its next warning: 14 days ahead for the branch's step, then its deadline", async () => {
    const sec = await as(tree.secA);
    const c = await applicant(sec, tree.branchA.id, daysAgo(3));
    const k = await caseOf(c.caseId);
    expect(k.nextStep).toBe("talk");
    expect(await rowOf(c.caseId)).toBe(k.nextDue! - 14 * DAY + 1);
    await recordedTick(k.nextDue! - 14 * DAY + 1);
    expect((await warned(tree.secA.id)).map((n) => n.kind)).toEqual(["dev_talk_due"]);
    expect(await rowOf(c.caseId)).toBe(k.nextDue! + 1);
  });

  it("an idle tick is the one claim and no message; a busy one the same few statements, whatever else is open", async () => {
    const sec = await as(tree.secA);
    // Two cases inside their warning window (talk due in about 10 days).
    const due = [
      await applicant(sec, tree.branchA.id, daysAgo(20)),
      await applicant(sec, tree.branchA.id, daysAgo(20)),
    ];
    const first = await recordedTick(Date.now());
    const busy = ours(first.ran);
    expect(busy[0]?.sql).toBe(CLAIM);
    expect(busy).toHaveLength(5); // the claim, the two notice inserts, the next moments, the rows done
    for (const c of due) expect((await warned(tree.secA.id)).some((n) => n.link?.endsWith(c.caseId))).toBe(true);

    const [next] = await db()
      .select({ at: min(dueWork.dueAt) })
      .from(dueWork);
    const idle = await recordedTick(next!.at! - 1);
    expect(idle.messages).toEqual([]);
    expect(ours(idle.ran).map((s) => s.sql)).toEqual([CLAIM]);

    // Ten more open cases not yet due and two more due: the busy tick runs the same statements and
    // reads about what it read for two (a row or so more as the tables grow), not the ten.
    for (let i = 0; i < 10; i++) await applicant(sec, tree.branchA.id, daysAgo(0));
    await applicant(sec, tree.branchA.id, daysAgo(20));
    await applicant(sec, tree.branchA.id, daysAgo(20));
    const again = ours((await recordedTick(Date.now())).ran);
    // Each statement walks the claimed cases by key: no index or table of every open case.
    expect(await plansBeyondKeys(again.slice(1))).toEqual([]);
    expect(again.map((s) => s.sql)).toEqual(busy.map((s) => s.sql));
    const read = (list: typeof busy) => list.reduce((n, s) => n + s.rowsRead, 0);
    expect(read(again) - read(busy)).toBeLessThan(10);
  });

  it("two overlapping ticks warn once and leave one next moment", async () => {
    const sec = await as(tree.secB);
    const c = await applicant(sec, tree.branchB.id, daysAgo(20));
    const now = Date.now();
    await Promise.all([recordedTick(now), recordedTick(now)]);
    expect(await warned(tree.secB.id)).toHaveLength(1);
    expect(await rowOf(c.caseId)).toBe((await caseOf(c.caseId)).nextDue! + 1);
  });

  it("a secretary appointed later hears of the branch's open cases at the next tick, the others nothing twice", async () => {
    const before = (await warned(tree.secB.id)).length;
    const late = await makeUser("后任书记", [[tree.branchB, "secretary"]]);
    await recordedTick(Date.now());
    expect((await warned(late.id)).map((n) => n.kind)).toEqual(["dev_talk_due"]);
    expect(await warned(tree.secB.id)).toHaveLength(before);
  });

  it("a branch moved under another committee: that committee's admins hear of its overdue case", async () => {
    const elsewhere = await makeOrg(null, "外县委", "committee");
    const otherAdmin = await makeUser("外县管理员", [[elsewhere, "admin"]]);
    const branch = await makeOrg(tree.committee, "迁出支部", "branch");
    const sec = await makeUser("迁出书记", [[branch, "secretary"]]);
    const c = await applicant(await as(sec), branch.id, daysAgo(40));
    await recordedTick(Date.now());
    expect((await warned(tree.admin.id)).some((n) => n.link?.endsWith(c.caseId))).toBe(true);
    await db()
      .update(orgs)
      .set({ parentId: elsewhere.id, path: `${elsewhere.path}${branch.id}/` })
      .where(eq(orgs.id, branch.id));
    expect(await rowOf(c.caseId)).toBe(0);
    await recordedTick(Date.now());
    expect((await warned(otherAdmin.id)).map((n) => n.kind)).toEqual(["dev_overdue"]);
  });

  it("a closed case's row goes with it", async () => {
    const sec = await as(tree.secB);
    const c = await applicant(sec, tree.branchB.id, daysAgo(1));
    expect(await rowOf(c.caseId)).not.toBeNull();
    await db()
      .update(devCases)
      .set({ status: "cancelled", nextDue: null, nextStep: null })
      .where(eq(devCases.id, c.caseId));
    expect(await rowOf(c.caseId)).toBeNull();
  });

  it("the migration's backfill gives open cases their next warning, a day back at most, and every branch and committee its rhythm", async () => {
    const now = Date.now();
    const kase = (nextStep: "talk" | "approval", nextDue: number, status: "open" | "full" = "open") => ({
      id: newId(),
      userId: newId(),
      orgId: tree.branchA.id,
      stage: "applicant" as const,
      status,
      nextStep,
      nextDue,
      nextDueOn: new Date(nextDue).toISOString().slice(0, 10),
      createdAt: now,
      updatedAt: now,
    });
    const cases = {
      insideWindow: kase("talk", now + 5 * DAY),
      beforeWindow: kase("talk", now + 20 * DAY),
      justOverdue: kase("approval", now - 12 * 3_600_000),
      longOverdue: kase("approval", now - 30 * DAY),
      closed: kase("talk", now + 20 * DAY, "full"),
    };
    await db().insert(devCases).values(Object.values(cases));
    // As before the migration: no rows of these kinds.
    await db()
      .delete(dueWork)
      .where(inArray(dueWork.kind, ["dev_deadline", "orglife_rhythm"]));
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("due_development_orglife"));
    // Its statements that are not triggers: comments (block and line) off, they start with INSERT.
    const bare = (q: string) => q.replace(/\/\*[\s\S]*?\*\/|--[^\n]*/g, "").trim();
    const backfill = migration!.queries.filter((q) => /^INSERT/.test(bare(q)));
    expect(backfill).toHaveLength(2);
    for (const q of backfill) await env.DB.prepare(q).run();
    expect(await rowOf(cases.insideWindow.id)).toBe(cases.insideWindow.nextDue + 1);
    expect(await rowOf(cases.beforeWindow.id)).toBe(cases.beforeWindow.nextDue - 14 * DAY + 1);
    expect(await rowOf(cases.justOverdue.id)).toBe(cases.justOverdue.nextDue + 1);
    expect(await rowOf(cases.longOverdue.id)).toBeNull();
    expect(await rowOf(cases.closed.id)).toBeNull();
    const rhythm = await db().select().from(dueWork).where(eq(dueWork.kind, "orglife_rhythm"));
    const live = await db()
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(inArray(orgs.kind, ["branch", "committee"]), isNull(orgs.archivedAt)));
    expect(rhythm.map((r) => [r.subject, r.dueAt]).sort()).toEqual(live.map((o) => [o.id, 0]).sort());
  });
});
