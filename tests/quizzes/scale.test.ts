import { env } from "cloudflare:test";
import type { D1Database } from "@cloudflare/workers-types";
import { beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../fixtures";
import { meterStatements } from "../lib/scale";
import { type Bank, makeQuiz, quizSetup, rightResponse, slotsOf, type Tree } from "./helpers";

let tree: Tree, school: Client, member: Client, bank: Bank;
let slots: ReturnType<typeof slotsOf>;

beforeAll(async () => {
  ({ tree, school, member, bank } = await quizSetup());
  // Graded in full at submit (no essay): the passes, the archive and the courses' checkpoint hook all run.
  slots = slotsOf(bank, ["single", "multiple", "tf", "fill", "num", "match"]);
});

const d1 = () => env.DB as unknown as D1Database;

/** What the rest of a big tenant holds, none of it this member's attempt: n of each, in SQL. */
async function seedTenant(n: number, crowdedQuizId: string) {
  const series = `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})`;
  const { school: org, branchA } = tree;
  await d1().batch([
    // Other members' archives: passes of other quizzes and of this one, and every other kind.
    d1()
      .prepare(
        `${series} INSERT INTO archive_events (id, member_id, org_id, kind, subject_type, subject_id, summary, occurred_at, created_at)
         SELECT 'seed-ev-' || i, 'seed-user-' || (i % 500), ?1, CASE i % 3 WHEN 0 THEN 'quiz.passed' ELSE 'course.completed' END,
                'quiz', CASE WHEN i % 7 = 0 THEN ?2 ELSE 'seed-quiz-' || (i % 50) END, '{}', i, i FROM s`,
      )
      .bind(branchA.id, crowdedQuizId),
    // Other members' closed attempts, of other quizzes and of this one.
    d1()
      .prepare(
        `${series} INSERT INTO quiz_attempts (id, quiz_id, user_id, org_id, number, state, started_at, max_score, score, percent, pending_count, passed)
         SELECT 'seed-at-' || i, CASE WHEN i % 7 = 0 THEN ?2 ELSE 'seed-quiz-' || (i % 50) END, 'seed-user-' || i, ?1, 1,
                'closed', i, 10, 8, 80, 0, 1 FROM s`,
      )
      .bind(branchA.id, crowdedQuizId),
    // Courses with lessons, checkpoints of other quizzes.
    d1()
      .prepare(
        `${series} INSERT INTO courses (id, school_org_id, school_path, title, category, level, status, checkpoint_quiz_id, created_by, created_at, updated_at)
         SELECT 'seed-course-' || i, ?1, ?2, '课程' || i, 'theory', 'member', 'published',
                CASE WHEN i % 2 = 0 THEN 'seed-quiz-' || (i % 50) END, 'seed', i, i FROM s`,
      )
      .bind(org.id, org.path),
    d1().prepare(
      `${series} INSERT INTO lessons (id, course_id, position, current_version_id, created_at)
         SELECT 'seed-lesson-' || i, 'seed-course-' || i, 1, 'seed-version-' || i, i FROM s`,
    ),
  ]);
}

type Cost = Record<"start" | "open" | "autosave" | "submit", Awaited<ReturnType<typeof meterStatements>>>;

/** Rows read by each step of one attempt: start, open, one autosave, submit. */
async function attemptCost(quizId: string): Promise<Cost> {
  const start = await meterStatements(() => member.post(`/api/quizzes/${quizId}/attempts`));
  const a = (start.result as { body: { id: string; questions: Parameters<typeof rightResponse>[0][] } }).body;
  const open = await meterStatements(() => member.get(`/api/attempts/${a.id}`));
  for (const q of a.questions.slice(1)) {
    await member.put(`/api/attempts/${a.id}/slots/${(q as { slot?: number }).slot}`, {
      response: rightResponse(q),
      seq: 1,
    });
  }
  const first = a.questions[0] as Parameters<typeof rightResponse>[0] & { slot: number };
  const autosave = await meterStatements(() =>
    member.put(`/api/attempts/${a.id}/slots/${first.slot}`, { response: rightResponse(first), seq: 2 }),
  );
  const submit = await meterStatements(() => member.post(`/api/attempts/${a.id}/submit`));
  const graded = submit.result as { status: number; body: { state: string; passed: boolean } };
  expect([graded.status, graded.body.state, graded.body.passed]).toEqual([200, "closed", true]);
  return { start, open, autosave, submit };
}

const heaviest = (m: Awaited<ReturnType<typeof meterStatements>>) =>
  [...m.statements].sort((x, y) => y.rowsRead - x.rowsRead).slice(0, 2);

describe("a quiz attempt in a big tenant", () => {
  it("reads rows by what is its own: start, open, autosave, submit and a regrade cost the same beside 20,000 rows of others", async () => {
    const quietQuiz = await makeQuiz(school, tree, slots, { timeLimitSec: 600 });
    const crowdedQuiz = await makeQuiz(school, tree, slots, { timeLimitSec: 600 });
    const regrade = () => school.post(`/api/questions/${bank.q.single}/regrade`, { mode: "fullMarks" });
    const alone = await attemptCost(quietQuiz);
    const regradeAlone = await meterStatements(regrade);

    await seedTenant(20_000, crowdedQuiz);
    const regradeBeside = await meterStatements(regrade);
    const beside = await attemptCost(crowdedQuiz);

    const rows = (c: Cost) => Object.fromEntries(Object.entries(c).map(([k, m]) => [k, m.rowsRead]));
    console.log("alone", rows(alone), "beside", rows(beside), "regrade", regradeAlone.rowsRead, regradeBeside.rowsRead);
    for (const step of ["start", "open", "autosave", "submit"] as const) {
      const m = beside[step];
      // At most a row a statement: a range read now stops at a neighbour's key, never reads the neighbours.
      expect({ step, extra: m.rowsRead - alone[step].rowsRead, heaviest: heaviest(m) }).toEqual({
        step,
        extra: expect.toSatisfy((n: number) => n <= m.statements.length),
        heaviest: expect.anything(),
      });
    }
    expect({ extra: regradeBeside.rowsRead - regradeAlone.rowsRead, heaviest: heaviest(regradeBeside) }).toEqual({
      extra: expect.toSatisfy((n: number) => n <= regradeBeside.statements.length),
      heaviest: expect.anything(),
    });
  }, 120_000);
});
