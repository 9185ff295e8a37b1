import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { devSteps } from "../../schema";
import { postPlan } from "../courses/helpers";
import { as, Client, db, makeTree } from "../fixtures";
import {
  applicant,
  blockers,
  enroll,
  ok,
  pipelineSetup,
  step,
  study,
  type TrainingClass,
  type Tree,
  trainingClass,
} from "./helpers";

let tree: Tree, people: string[], cls: TrainingClass;
beforeAll(async () => {
  ({ tree, people, cls } = await pipelineSetup());
});

/** An applicant taken to 发展对象 (candidate step on 2025-02-05). */
async function candidate() {
  const sec = await as(tree.secA);
  const a = await applicant(sec, tree.branchA.id, "2024-01-10");
  await ok(sec, a.caseId, "talk", "2024-01-20");
  await ok(sec, a.caseId, "activist", "2024-02-01", { mentorIds: [people[0]] });
  await ok(sec, a.caseId, "assessment", "2024-08-01");
  await ok(sec, a.caseId, "assessment", "2025-02-01");
  await ok(sec, a.caseId, "candidate", "2025-02-05", { sponsorIds: people });
  return { sec, a };
}

describe("the candidate training counted from the 发展对象培训班", () => {
  it("counts verified completions of the class up to the step's day; refuses short with the counted hours", async () => {
    const { sec, a } = await candidate();
    // Typed-in hours are no longer part of the step: only the class is named.
    const typed = await step(sec, a.caseId, "training", "2025-03-10", { hours: 24, days: 3 });
    expect(typed.status).toBe(422);
    expect(blockers(await step(sec, a.caseId, "training", "2025-03-10", { planId: cls.planId }))).toEqual([
      "not_enrolled",
    ]);
    const option = async () =>
      (await sec.get(`/api/development/cases/${a.caseId}`)).body.options.find(
        (o: { step: string }) => o.step === "training",
      ).blockers;
    // The record page says why before anyone tries: not enrolled, then short by what was completed.
    expect(await option()).toEqual([{ code: "not_enrolled" }]);
    await enroll(sec, a.caseId, cls.planId);
    expect(await option()).toEqual([{ code: "training_short", n: 0, needed: 24, days: 0, neededDays: 3 }]);
    // Two of three courses (16 学时 on 2 days) before the step's day, the third after it.
    await study(a, cls, ["2025-03-01", "2025-03-02", "2025-03-20"]);
    const short = await step(sec, a.caseId, "training", "2025-03-10", { planId: cls.planId });
    expect(short.status).toBe(409);
    expect(short.body.error.details.blockers).toEqual([
      { code: "training_short", n: 16, needed: 24, days: 2, neededDays: 3 },
    ]);
    // The record page shows the counted hours per class, course by course.
    const view = await sec.get(`/api/development/cases/${a.caseId}`);
    const mine = view.body.training.find((t: { id: string }) => t.id === cls.planId);
    expect(mine).toMatchObject({ enrolled: true, hours: 24, days: 3, title: "2025年发展对象培训班" });
    expect(mine.courses).toHaveLength(3);
    const done = await ok(sec, a.caseId, "training", "2025-03-21", { planId: cls.planId });
    const [row] = await db().select().from(devSteps).where(eq(devSteps.id, done.id));
    expect(row?.data).toMatchObject({ planId: cls.planId, hours: 24, days: 3 });
    expect(row?.data.completionIds).toHaveLength(3);
  });

  it("takes three days of the class as enough when fewer hours were credited", async () => {
    const { sec, a } = await candidate();
    const small = await trainingClass(await as(tree.publisher), tree, 3, 2);
    await enroll(sec, a.caseId, small.planId);
    await study(a, small, ["2025-03-01", "2025-03-02", "2025-03-03"]);
    const done = await ok(sec, a.caseId, "training", "2025-03-10", { planId: small.planId });
    const [row] = await db().select().from(devSteps).where(eq(devSteps.id, done.id));
    expect(row?.data).toMatchObject({ hours: 6, days: 3 });
  });

  it("enrols only a candidate, only in a class that reaches the branch; the class is no member's study", async () => {
    const sec = await as(tree.secA);
    const early = await applicant(sec, tree.branchA.id, "2024-01-10");
    const notYet = await sec.post(`/api/development/cases/${early.caseId}/training`, { planId: cls.planId });
    expect(notYet.body.error.details.blockers).toEqual([{ code: "missing_previous", step: "candidate" }]);
    // A class of another tree answers like an unknown id.
    const other = await makeTree();
    const foreign = await trainingClass(await as(other.publisher), other, 1);
    const { a } = await candidate();
    const far = await sec.post(`/api/development/cases/${a.caseId}/training`, { planId: foreign.planId });
    const none = await sec.post(`/api/development/cases/${a.caseId}/training`, { planId: "no-such-plan" });
    expect(far.status).toBe(404);
    expect(far.body).toEqual(none.body);
    // An ordinary study plan is not a training class.
    const plan = await postPlan(
      await as(tree.publisher),
      tree.school.id,
      "年度学习计划",
      [{ courseId: cls.courses[0]!.id, required: true }],
      2025,
    );
    expect((await sec.post(`/api/development/cases/${a.caseId}/training`, { planId: plan.body.id })).status).toBe(404);
    // Before enrolment the candidate cannot open the class's courses; after it, they can, and only those.
    const person = await new Client().login(a.username, a.password);
    expect((await person.get(`/api/courses/${cls.courses[0]!.id}`)).status).toBe(404);
    await enroll(sec, a.caseId, cls.planId);
    expect((await person.get(`/api/courses/${cls.courses[0]!.id}`)).status).toBe(200);
    // Members do not get the training class as assigned study.
    const member = await as(tree.memA);
    const mine = await member.get("/api/study/mine");
    const assigned = [...mine.body.required, ...mine.body.elective].map((i: { courseId: string }) => i.courseId);
    expect(assigned).not.toContain(cls.courses[1]!.id);
  });
});
