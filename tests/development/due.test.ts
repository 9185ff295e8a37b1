import { and, eq, like, min } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { devCases, dueWork, notifications } from "../../schema";
import { as, db, makeTree, makeUser } from "../fixtures";
import { applicant } from "./helpers";
import { CLAIM, recordedTick } from "./recorded";

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
const ours = (ran: { sql: string; rowsRead: number }[]) => ran.filter((s) => /due_work|dev_/.test(s.sql));

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
});
