import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, dueWork, quizAttempts } from "../../schema";
import { GRACE_MS } from "../../worker/quizzes/defaults";
import { as, type Client, db, makeUser } from "../fixtures";
import { runCron } from "../lib/cron";
import { meterStatements } from "../lib/scale";
import { type Bank, makeQuiz, quizSetup, rightResponse, slotsOf, type Tree } from "./helpers";

let tree: Tree, school: Client, bank: Bank;

beforeAll(async () => {
  ({ tree, school, bank } = await quizSetup());
});

/** One cron tick at `now` (the scheduled handler, then the tenant's tick message), every statement it made. */
const tick = (now: number) => meterStatements(() => runCron(env, now));
const touching = (m: Awaited<ReturnType<typeof tick>>, table: string) =>
  m.statements.filter((s) => s.sql.includes(table)).map((s) => s.sql);

const attempt = (id: string) => db().select().from(quizAttempts).where(eq(quizAttempts.id, id));
const dueRows = (id: string) =>
  db()
    .select()
    .from(dueWork)
    .where(and(eq(dueWork.kind, "quiz_deadline"), eq(dueWork.subject, id)));

describe("the quiz deadline job on the due index", () => {
  it("closes an attempt whose deadline passed on the next tick, once; a submitted one is untouched; idle ticks read no attempt", async () => {
    const quizId = await makeQuiz(school, tree, slotsOf(bank, ["single", "tf"]), { timeLimitSec: 60 });
    const late = await as(tree.memA);
    const prompt = await as(await makeUser("deadlinePrompt", [[tree.branchB, "member"]]));
    const left = (await late.post(`/api/quizzes/${quizId}/attempts`)).body;
    for (const q of left.questions)
      await late.put(`/api/attempts/${left.id}/slots/${q.slot}`, { response: rightResponse(q), seq: 1 });
    const done = (await prompt.post(`/api/quizzes/${quizId}/attempts`)).body;
    await prompt.post(`/api/attempts/${done.id}/submit`);
    const [submitted] = await attempt(done.id);
    // The row follows the attempt: due just after the deadline and the grace, gone once submitted.
    expect((await dueRows(left.id)).map((r) => r.dueAt)).toEqual([left.deadline + GRACE_MS + 1]);
    expect(await dueRows(done.id)).toEqual([]);

    // Before the deadline (the first tick also takes the other jobs' rows the tree made due).
    await tick(left.deadline - 1_000);
    const idle = await tick(left.deadline);
    expect(touching(idle, "quiz_attempts")).toEqual([]);
    expect((await attempt(left.id))[0]?.state).toBe("open");

    const closing = await tick(left.deadline + GRACE_MS + 1);
    const [closed] = await attempt(left.id);
    expect(closed).toMatchObject({ state: "closed", closedBy: "cron", score: 4, passed: true });
    expect(await dueRows(left.id)).toEqual([]);
    // The prompt member's attempt: in no statement of the tick, unchanged.
    expect(closing.statements.filter((s) => JSON.stringify(s.params).includes(left.id)).length).toBeGreaterThan(0);
    expect(closing.statements.filter((s) => JSON.stringify(s.params).includes(done.id))).toEqual([]);
    expect(await attempt(done.id)).toEqual([submitted]);

    const after = await tick(left.deadline + GRACE_MS + 15 * 60_000);
    expect(touching(after, "quiz_attempts")).toEqual([]);
    const passes = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.kind, "quiz.passed"), eq(archiveEvents.subjectId, quizId)));
    expect(passes.map((p) => p.memberId)).toEqual([tree.memA.id]);
  });

  it("grades again an attempt left mid-grading, once it counts as stuck", async () => {
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.single as string, points: 2 }]);
    const member = await as(tree.memB);
    const a = (await member.post(`/api/quizzes/${quizId}/attempts`)).body;
    // No time limit: no row until a claim leaves it grading (a crash between claim and write).
    expect(await dueRows(a.id)).toEqual([]);
    const claimedAt = Date.now();
    await db().update(quizAttempts).set({ state: "grading", submittedAt: claimedAt }).where(eq(quizAttempts.id, a.id));
    await tick(claimedAt + 60_000);
    expect((await attempt(a.id))[0]?.state).toBe("grading");
    await tick(claimedAt + 5 * 60_000 + 1);
    expect((await attempt(a.id))[0]).toMatchObject({ state: "closed", closedBy: "cron" });
    expect(await dueRows(a.id)).toEqual([]);
  });

  it("closes at most 50 attempts a tick; the rest stay due and the next tick closes them", async () => {
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.tf as string, points: 1 }]);
    const deadline = Date.now() - 60_000;
    // 51 abandoned attempts written straight to the table: the trigger gives each its row.
    await env.DB.prepare(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 51)
       INSERT INTO quiz_attempts (id, quiz_id, user_id, org_id, number, state, started_at, deadline, max_score)
       SELECT ?1 || '-late-' || i, ?1, ?2, ?3, 100 + i, 'open', ?4 - 60000, ?4, 1 FROM s`,
    )
      .bind(quizId, tree.memB.id, tree.branchB.id, deadline)
      .run();
    const open = async () =>
      (await db().select().from(quizAttempts).where(eq(quizAttempts.quizId, quizId))).filter((a) => a.state === "open");
    await tick(Date.now());
    const left = await open();
    expect(left).toHaveLength(1);
    expect((await dueRows(left[0]?.id as string)).map((r) => r.dueAt)).toEqual([deadline + GRACE_MS + 1]);
    await tick(Date.now() + 15 * 60_000);
    expect(await open()).toEqual([]);
  });
});
