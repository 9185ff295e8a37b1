import { beforeAll, describe, expect, it } from "vitest";
import { courses, curriculumPlans, planItems, quizAttempts, quizzes } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { DEFAULT_REVIEW } from "../../worker/quizzes/defaults";
import { scoreBranch } from "../../worker/vanguard/branch";
import { db, makeTree, makeUser } from "../fixtures";

// The mastery indicator: the share of the quizzes and exams required of the member in the period that
// they passed, by each quiz's grading method.
const DAY = 86_400_000;
const start = Date.UTC(2025, 0, 1);
const end = Date.UTC(2025, 3, 1);
let tree: Awaited<ReturnType<typeof makeTree>>;
let keen: { id: string };
let half: { id: string };
let pend: { id: string };
let exam: string;
let checkpoint: string;
let secOnly: string;

beforeAll(async () => {
  tree = await makeTree();
  keen = await makeUser("keen", [[tree.branchA, "member"]]);
  half = await makeUser("half", [[tree.branchA, "member"]]);
  pend = await makeUser("pend", [[tree.branchA, "member"]]);
  const now = Date.now();
  const quiz = (
    title: string,
    audience: { id: string; path: string },
    extra: Partial<typeof quizzes.$inferInsert>,
  ) => ({
    id: newId(),
    ownerOrgId: tree.school.id,
    ownerPath: tree.school.path,
    audienceOrgId: audience.id,
    audiencePath: audience.path,
    title,
    slots: [],
    review: DEFAULT_REVIEW,
    published: true,
    createdBy: tree.publisher.id,
    createdAt: now,
    updatedAt: now,
    ...extra,
  });
  const q = {
    // Standalone exam for branch A closing in the period: required (highest grade counts).
    exam: quiz("支部考试", tree.branchA, { closeAt: start + 10 * DAY, gradingMethod: "highest" }),
    // Closing after the period, a draft, and another branch's exam: not required here.
    late: quiz("下期考试", tree.committee, { closeAt: end + DAY }),
    draft: quiz("草稿考试", tree.branchA, { closeAt: start + DAY, published: false }),
    otherBranch: quiz("村支部考试", tree.branchB, { closeAt: start + DAY }),
  };
  const courseRow = (title: string, checkpointQuizId: string) => ({
    id: newId(),
    schoolOrgId: tree.school.id,
    schoolPath: tree.school.path,
    title,
    category: "theory" as const,
    level: "member" as const,
    status: "published" as const,
    checkpointQuizId,
    createdBy: tree.publisher.id,
    createdAt: now,
    updatedAt: now,
  });
  // Checkpoints: of a required course due in the period (the last attempt counts), of a secretaries-only
  // course, and of an elective course (not required).
  const cpQuiz = quiz("结业测验", tree.committee, { gradingMethod: "last" });
  const secQuiz = quiz("书记结业测验", tree.committee, {});
  const electiveQuiz = quiz("选修测验", tree.committee, {});
  const c1 = courseRow("必修课", cpQuiz.id);
  const c2 = courseRow("书记课", secQuiz.id);
  const c3 = courseRow("选修课", electiveQuiz.id);
  cpQuiz.courseId = c1.id;
  // D1 binds at most 100 parameters per statement: one row each.
  for (const row of [...Object.values(q), cpQuiz, secQuiz, electiveQuiz]) await db().insert(quizzes).values(row);
  await db().insert(courses).values([c1, c2, c3]);
  const planId = newId();
  await db().insert(curriculumPlans).values({
    id: planId,
    orgId: tree.committee.id,
    title: "一季度",
    period: "quarter",
    year: 2025,
    createdBy: tree.admin.id,
    createdAt: now,
  });
  const item = (courseId: string, extra: Partial<typeof planItems.$inferInsert>) => ({
    id: newId(),
    planId,
    courseId,
    orgId: tree.committee.id,
    orgPath: tree.committee.path,
    required: true,
    dueAt: start + 30 * DAY,
    createdAt: now,
    ...extra,
  });
  await db()
    .insert(planItems)
    .values([item(c1.id, {}), item(c2.id, { audience: "secretary" }), item(c3.id, { required: false })]);
  exam = q.exam.id;
  checkpoint = cpQuiz.id;
  secOnly = secQuiz.id;
  let n = 0;
  const attempt = (quizId: string, userId: string, number: number, percent: number, pendingCount = 0) => ({
    id: newId(),
    quizId,
    userId,
    orgId: tree.branchA.id,
    number,
    state: "closed" as const,
    startedAt: start + ++n * 1000,
    maxScore: 10,
    score: percent / 10,
    percent,
    pendingCount,
  });
  const attempts = [
    // keen: exam 40 then 80 (highest 80 ≥ 60), checkpoint 70: 2 of 2.
    attempt(exam, keen.id, 1, 40),
    attempt(exam, keen.id, 2, 80),
    attempt(checkpoint, keen.id, 1, 70),
    // half: exam 65 passes; checkpoint 80 then 50 (the last counts: fails): 1 of 2.
    attempt(exam, half.id, 1, 65),
    attempt(checkpoint, half.id, 1, 80),
    attempt(checkpoint, half.id, 2, 50),
    // pend: an essay still waiting for a person is not a pass yet: 0 of 2. Passing an elective or
    // a draft counts for nothing.
    attempt(exam, pend.id, 1, 90, 1),
    attempt(q.draft.id, pend.id, 1, 100),
    attempt(electiveQuiz.id, pend.id, 1, 100),
    // The secretary passes the secretaries' checkpoint only: 1 of 3.
    attempt(secOnly, tree.secA.id, 1, 100),
  ];
  for (const row of attempts) await db().insert(quizAttempts).values(row);
});

const inputs = async (branchId: string) => {
  const r = await scoreBranch(db(), branchId, start, end, Date.now(), { store: false });
  return new Map(r.members.map((m) => [m.memberId, m.inputs.mastery as any]));
};

describe("mastery indicator", () => {
  it("passed share of the required exams and checkpoints, by grading method, with the quizzes as sources", async () => {
    const m = await inputs(tree.branchA.id);
    expect(m.get(keen.id)).toMatchObject({ value: 1, unit: "ratio", detail: { passed: 2, required: 2 } });
    const sources = (id: string) =>
      Object.fromEntries(m.get(id).sources.map((s: { id: string; value: number }) => [s.id, s.value]));
    expect(sources(keen.id)).toEqual({ [exam]: 1, [checkpoint]: 1 });
    expect(m.get(half.id)).toMatchObject({ value: 0.5, detail: { passed: 1, required: 2 } });
    expect(sources(half.id)).toEqual({ [exam]: 1, [checkpoint]: 0 });
    expect(m.get(pend.id)).toMatchObject({ value: 0, detail: { passed: 0, required: 2 } });
    // Nothing taken is a real 0, not missing.
    expect(m.get(tree.memA.id)).toMatchObject({ value: 0, detail: { passed: 0, required: 2 } });
    expect(m.get(tree.secA.id)).toMatchObject({ value: 0.333, detail: { passed: 1, required: 3 } });
    expect(sources(tree.secA.id)).toEqual({ [exam]: 0, [checkpoint]: 0, [secOnly]: 1 });
  });

  it("is missing, not zero, when nothing is required in the period", async () => {
    // Branch B: its own exam and the committee-wide checkpoint apply, none attempted: a real 0.
    const b = await inputs(tree.branchB.id);
    expect(b.get(tree.memB.id)).toMatchObject({ value: 0, detail: { required: 2 } });
    // The period before: nothing closes or is due then.
    const r = await scoreBranch(db(), tree.branchA.id, start - 90 * DAY, start, Date.now(), { store: false });
    const a = r.members.find((x) => x.memberId === keen.id)!;
    expect(a.inputs.mastery).toEqual({ missing: true, reason: "no_required_quizzes" });
  });
});
