import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, courseCompletions } from "../../schema";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { makeBank, makeQuiz, rightResponse } from "../quizzes/helpers";
import { openedAgo, publishedCourse, textLesson } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let school: Client;
let member: Client;
let quizId: string;

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  member = await as(tree.memA);
  const bank = await makeBank(school, tree);
  quizId = await makeQuiz(school, tree, [{ questionId: bank.q.single, points: 1 }], { title: "结业测验一" });
});

/** One attempt answering the single-choice question right or wrong; returns the submitted view. */
async function attempt(who: Client, quiz: string, right: boolean) {
  const a = await who.post(`/api/quizzes/${quiz}/attempts`);
  expect(a.status).toBe(201);
  const q = a.body.questions[0];
  const wrong = q.options.find((o: { html: string }) => !o.html.includes("一切为了群众")).id;
  const response = right ? rightResponse(q) : { choice: wrong };
  expect((await who.request("PUT", `/api/attempts/${a.body.id}/slots/${q.slot}`, { response, seq: 1 })).status).toBe(
    200,
  );
  return (await who.post(`/api/attempts/${a.body.id}/submit`)).body;
}

describe("checkpoint quiz", () => {
  it("a course with a checkpoint is credited only after the quiz is passed, once, with the extra 0.5", async () => {
    const { id, lessonIds } = await publishedCourse(school, tree.school.id, [textLesson({ minutes: 20 })], {
      checkpointQuizId: quizId,
    });
    const lessonId = lessonIds[0]!;
    await member.post(`/api/courses/${id}/lessons/${lessonId}/progress`, { percent: 0 });
    await openedAgo(tree.memA.id, lessonId, 30 * 60_000);
    const last = await member.post(`/api/courses/${id}/lessons/${lessonId}/progress`, { percent: 100 });
    expect(last.body.completedAt).toBeTruthy();
    expect(last.body.completion).toBeNull();
    const pending = await member.post(`/api/courses/${id}/complete`);
    expect(pending.status).toBe(409);
    expect(pending.body.error.details.code).toBe("checkpoint_pending");
    let detail = await member.get(`/api/courses/${id}`);
    expect(detail.body.checkpoint).toEqual({
      quizId,
      title: "结业测验一",
      studiedPercent: 100,
      unlockPercent: 80,
      unlocked: true,
      bonus: 0.5,
      passed: false,
    });
    expect(detail.body.course.credit).toBe(1); // 20 minutes: 0.5, checkpoint +0.5

    // A failed attempt does not open the course.
    expect((await attempt(member, quizId, false)).state).toBe("closed");
    expect((await member.post(`/api/courses/${id}/complete`)).status).toBe(409);

    // Passing it does, on submit: credited once, 0.5 + 0.5.
    await attempt(member, quizId, true);
    detail = await member.get(`/api/courses/${id}`);
    expect(detail.body.checkpoint.passed).toBe(true);
    expect(detail.body.completion).toMatchObject({ status: "credited", hours: 1, checkpointPassed: true });
    // Completing again (the course page's button, two tabs) is idempotent.
    const again = await Promise.all([
      member.post(`/api/courses/${id}/complete`),
      member.post(`/api/courses/${id}/complete`),
    ]);
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(r.body.id).toBe(detail.body.completion.id);
    }
    // A later passing attempt credits nothing more.
    await attempt(member, quizId, true);
    const rows = await db()
      .select()
      .from(courseCompletions)
      .where(and(eq(courseCompletions.userId, tree.memA.id), eq(courseCompletions.courseId, id)));
    expect(rows).toHaveLength(1);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, rows[0]!.id));
    expect(events.map((e) => e.kind)).toEqual(["course_completed"]);

    // Another member cannot start the quiz before studying the school's share (80 %); after the lesson, passing credits.
    const fresh = await makeUser("fresh", [[tree.branchA, "member"]]);
    const other = await as(fresh);
    const locked = await other.post(`/api/quizzes/${quizId}/attempts`);
    expect(locked.status).toBe(409);
    expect(locked.body.error).toMatchObject({
      code: "checkpoint_locked",
      details: { studiedPercent: 0, unlockPercent: 80 },
    });
    await other.post(`/api/courses/${id}/lessons/${lessonId}/progress`, { percent: 0 });
    await openedAgo(fresh.id, lessonId, 30 * 60_000);
    const end = await other.post(`/api/courses/${id}/lessons/${lessonId}/progress`, { percent: 100 });
    expect(end.body.completion).toBeNull();
    await attempt(other, quizId, true);
    expect((await other.get(`/api/courses/${id}`)).body.completion).toMatchObject({ status: "credited", hours: 1 });
    // A third who has not passed is refused.
    const third = await as(await makeUser("third", [[tree.branchA, "member"]]));
    await third.post(`/api/courses/${id}/lessons/${lessonId}/progress`, { percent: 0 });
    expect((await third.post(`/api/courses/${id}/complete`)).status).toBe(409);
  });

  it("the school sets and clears the checkpoint; other schools' quizzes and other courses' quizzes are refused", async () => {
    const { id } = await publishedCourse(school, tree.school.id);
    expect((await school.patch(`/api/courses/${id}`, { checkpointQuizId: quizId })).status).toBe(200);
    expect((await school.get(`/api/courses/${id}`)).body.course.checkpointQuizId).toBe(quizId);
    expect((await school.patch(`/api/courses/${id}`, { checkpointQuizId: null })).status).toBe(200);
    expect((await school.get(`/api/courses/${id}`)).body.checkpoint).toBeNull();

    // Another school of the same committee, and another tree's school.
    const school2 = await makeOrg(tree.committee, "第二党校", "school", "school");
    const pub2 = await as(await makeUser("pub2", [[school2, "school"]]));
    const bank2 = await makeBank(pub2, { ...tree, school: school2 });
    const foreign = await makeQuiz(pub2, { ...tree, school: school2 }, [{ questionId: bank2.q.single, points: 1 }]);
    const refusals = [
      await school.patch(`/api/courses/${id}`, { checkpointQuizId: foreign }),
      await school.patch(`/api/courses/${id}`, { checkpointQuizId: "no-such-quiz" }),
      await school.post("/api/courses", {
        schoolOrgId: tree.school.id,
        title: "x",
        category: "theory",
        level: "member",
        checkpointQuizId: foreign,
      }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(422);
      expect(r.body.error.details[0]).toMatchObject({ path: "checkpointQuizId", code: "not_found" });
    }
    // A quiz tied to another course.
    const other = await publishedCourse(school, tree.school.id);
    const bank = await makeBank(school, tree);
    const tied = await makeQuiz(school, tree, [{ questionId: bank.q.single, points: 1 }], { courseId: other.id });
    const r = await school.patch(`/api/courses/${id}`, { checkpointQuizId: tied });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].code).toBe("other_course");
    expect((await school.patch(`/api/courses/${other.id}`, { checkpointQuizId: tied })).status).toBe(200);
    // Nothing changed by the refusals.
    expect((await school.get(`/api/courses/${id}`)).body.course.checkpointQuizId).toBeNull();
    // A member cannot set it.
    expect((await member.patch(`/api/courses/${id}`, { checkpointQuizId: quizId })).status).toBe(403);
  });
});
