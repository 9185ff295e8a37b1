import { and, eq } from "drizzle-orm";
import { courseCompletions } from "../../schema";
import { dayStart } from "../../worker/lib/day";
import { openedAgo, publishedCourse, textLesson } from "../courses/helpers";
import { as, Client, db, makeTree, makeUser } from "../fixtures";

let n = 0;

export type Tree = Awaited<ReturnType<typeof makeTree>>;

/** What the pipeline files start from: a tree, branch A's two full members and the party school's training class. */
export async function pipelineSetup() {
  const tree = await makeTree();
  const people = await fullMembers(tree.branchA);
  return { tree, people, cls: await trainingClass(await as(tree.publisher), tree) };
}

/** A new applicant registered by the branch's secretary: returns the case id and the person's login. */
export async function applicant(sec: Client, branchId: string, appliedOn: string, over: Record<string, unknown> = {}) {
  n += 1;
  const username = `applicant-${Date.now().toString(36)}-${n}`;
  const r = await sec.post(`/api/orgs/${branchId}/development`, {
    displayName: `申请人${n}`,
    username,
    password: "applicant-pass-1",
    gender: "female",
    appliedOn,
    ...over,
  });
  if (r.status !== 201) throw new Error(`applicant: ${r.status} ${JSON.stringify(r.body)}`);
  return { caseId: r.body.id as string, userId: r.body.userId as string, username, password: "applicant-pass-1" };
}

export const step = (c: Client, caseId: string, name: string, takenOn: string, extra: Record<string, unknown> = {}) =>
  c.post(`/api/development/cases/${caseId}/steps`, {
    step: name,
    takenOn,
    actor: "支部委员会",
    decision: "同意",
    evidence: "会议记录",
    ...extra,
  });

/** Records a step that must succeed. */
export async function ok(
  c: Client,
  caseId: string,
  name: string,
  takenOn: string,
  extra: Record<string, unknown> = {},
) {
  const r = await step(c, caseId, name, takenOn, extra);
  if (r.status !== 201) throw new Error(`${name} on ${takenOn}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const blockers = (r: { body: any }) =>
  (r.body.error?.details?.blockers ?? []).map((b: { code: string }) => b.code);

/** Two full members of the branch to act as mentors and sponsors. */
export async function fullMembers(branch: { id: string }) {
  const a = await makeUser("sponsorA", [[branch, "member"]]);
  const b = await makeUser("sponsorB", [[branch, "member"]]);
  return [a.id, b.id];
}

export interface TrainingClass {
  planId: string;
  courses: { id: string; lessonIds: string[] }[];
}

/** A 发展对象培训班 the committee's party school publishes: `n` courses of `hours` 学时 each. */
export async function trainingClass(
  publisher: Client,
  tree: { school: { id: string } },
  n = 3,
  hours = 8,
): Promise<TrainingClass> {
  const courses = [];
  for (let i = 0; i < n; i++) {
    courses.push(
      await publishedCourse(publisher, tree.school.id, [textLesson({ minutes: 45 })], {
        title: `发展对象培训第${i + 1}讲`,
        creditHours: hours,
      }),
    );
  }
  const plan = await publisher.post("/api/plans", {
    orgId: tree.school.id,
    title: "2025年发展对象培训班",
    period: "class",
    purpose: "candidate_training",
    year: 2025,
    items: courses.map((c) => ({ courseId: c.id, required: true })),
  });
  if (plan.status !== 201) throw new Error(`plan: ${plan.status} ${JSON.stringify(plan.body)}`);
  return { planId: plan.body.id, courses };
}

/** The person studies `count` of the class's courses to the end, completing them on the given days. */
export async function study(
  person: { userId: string; username: string; password: string },
  cls: TrainingClass,
  days: string[],
) {
  const me = await new Client().login(person.username, person.password);
  for (const [i, day] of days.entries()) {
    const c = cls.courses[i];
    if (!c) throw new Error("more days than courses");
    const lesson = c.lessonIds[0]!;
    await me.post(`/api/courses/${c.id}/lessons/${lesson}/progress`, { percent: 10 });
    await openedAgo(person.userId, lesson, 60 * 60_000);
    const r = await me.post(`/api/courses/${c.id}/lessons/${lesson}/progress`, { percent: 100 });
    if (!r.body.completion) throw new Error(`study: ${r.status} ${JSON.stringify(r.body)}`);
    await db()
      .update(courseCompletions)
      .set({ completedAt: dayStart(day) + 10 * 3_600_000 })
      .where(and(eq(courseCompletions.userId, person.userId), eq(courseCompletions.courseId, c.id)));
  }
  return me;
}

/** Takes a case from application (2024-01-10) to a candidate who passed the committee's pre-review. */
export async function toPrereview(
  sec: Client,
  admin: Client,
  person: { caseId: string; userId: string; username: string; password: string },
  people: string[],
  cls: TrainingClass,
) {
  const caseId = person.caseId;
  await ok(sec, caseId, "talk", "2024-01-20");
  await ok(sec, caseId, "activist", "2024-02-01", { mentorIds: [people[0]], recommendedBy: "members" });
  await ok(sec, caseId, "assessment", "2024-08-01");
  await ok(sec, caseId, "assessment", "2025-02-01");
  await ok(sec, caseId, "candidate", "2025-02-05", { sponsorIds: people });
  await ok(sec, caseId, "political_review", "2025-03-01");
  await enroll(sec, caseId, cls.planId);
  await study(person, cls, ["2025-03-03", "2025-03-04", "2025-03-05"]);
  await ok(sec, caseId, "training", "2025-03-10", { planId: cls.planId });
  await ok(admin, caseId, "prereview", "2025-04-01");
  await ok(sec, caseId, "notice", "2025-04-02", { startOn: "2025-04-02", endOn: "2025-04-08" });
}

export const vote = (entitled: number, yes: number, against = 0, abstain = 0) => ({
  entitled,
  for: yes,
  against,
  abstain,
});

export async function enroll(c: Client, caseId: string, planId: string) {
  const r = await c.post(`/api/development/cases/${caseId}/training`, { planId });
  if (r.status !== 201) throw new Error(`enroll: ${r.status} ${JSON.stringify(r.body)}`);
}
