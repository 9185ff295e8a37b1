import { Hono } from "hono";
import type { Response } from "../../schema/banks/types";
import { regradeBody } from "../../schema/banks/validation";
import { idParam, pageQuery } from "../../schema/common/validation";
import {
  createQuizBody,
  gradeEssayBody,
  overrideBody,
  practiceAnswerBody,
  saveBody,
  slotParam,
  updateQuizBody,
} from "../../schema/quizzes/validation";
import { requireUser } from "../auth/authorize";
import { authorizedQuestion } from "../banks/access";
import { completeCheckpointCourses } from "../courses/progress";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { invalid, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs/access";
import { getOrg } from "../orgs/service";
import { managedQuiz, managesQuiz, QUIZ_ROLES, takeableQuiz } from "./access";
import { attemptView, loadAttempt, myAttempts, ownAttempt, saveAnswer, startAttempt } from "./attempts";
import { finalizeAttempt } from "./finalize";
import { quizAttemptsList } from "./listing";
import { gradeEssay, gradingQueue, regradeQuestion } from "./marking";
import { answerPractice, practiceView } from "./practice";
import { createQuiz, listForMember, listManaged, listOverrides, setOverride, updateQuiz } from "./service";
import { quizStats } from "./stats";

async function audienceOrg(db: ReturnType<typeof getDb>, id: string) {
  const org = await getOrg(db, id);
  if (!org) throw invalid("unknown audience", [{ path: "audienceOrgId", code: "not_found" }]);
  return org;
}

export const quizRoutes = new Hono<AppEnv>()
  // ---- managers: build, settings, results
  .get("/quizzes", async (c) => c.json({ items: await listManaged(getDb(c.env.DB), requireUser(c)) }))
  .post("/quizzes", v("json", createQuizBody), async (c) => {
    const body = c.req.valid("json");
    const owner = await authorizedOrg(c, body.ownerOrgId, QUIZ_ROLES);
    const db = getDb(c.env.DB);
    const { ownerOrgId: _o, audienceOrgId, ...input } = body;
    return c.json(await createQuiz(db, requireUser(c), owner, await audienceOrg(db, audienceOrgId), input), 201);
  })
  .get("/quizzes/:id", v("param", idParam), async (c) => c.json(await managedQuiz(c, c.req.valid("param").id)))
  .patch("/quizzes/:id", v("param", idParam), v("json", updateQuizBody), async (c) => {
    const quiz = await managedQuiz(c, c.req.valid("param").id);
    const db = getDb(c.env.DB);
    const { audienceOrgId, ...patch } = c.req.valid("json");
    return c.json(
      await updateQuiz(db, requireUser(c), quiz, audienceOrgId ? await audienceOrg(db, audienceOrgId) : null, patch),
    );
  })
  .get("/quizzes/:id/overrides", v("param", idParam), async (c) => {
    const quiz = await managedQuiz(c, c.req.valid("param").id);
    return c.json({ items: await listOverrides(getDb(c.env.DB), quiz.id) });
  })
  .post("/quizzes/:id/overrides", v("param", idParam), v("json", overrideBody), async (c) => {
    const quiz = await managedQuiz(c, c.req.valid("param").id);
    await setOverride(getDb(c.env.DB), quiz, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .get("/quizzes/:id/attempts", v("param", idParam), v("query", pageQuery), async (c) => {
    const quiz = await managedQuiz(c, c.req.valid("param").id);
    const q = c.req.valid("query");
    return c.json(page(await quizAttemptsList(getDb(c.env.DB), quiz.id, q.limit, q.offset), q.limit, q.offset));
  })
  .get("/quizzes/:id/grading", v("param", idParam), v("query", pageQuery), async (c) => {
    const quiz = await managedQuiz(c, c.req.valid("param").id);
    const q = c.req.valid("query");
    return c.json(page(await gradingQueue(getDb(c.env.DB), quiz.id, q.limit, q.offset), q.limit, q.offset));
  })
  .get("/quizzes/:id/stats", v("param", idParam), async (c) => {
    const quiz = await managedQuiz(c, c.req.valid("param").id);
    return c.json(await quizStats(getDb(c.env.DB), quiz.id));
  })
  .post("/attempts/:id/slots/:slot/grade", v("param", slotParam), v("json", gradeEssayBody), async (c) => {
    const { id, slot } = c.req.valid("param");
    const db = getDb(c.env.DB);
    const x = await loadAttempt(db, id).catch(() => null);
    if (!x || !managesQuiz(requireUser(c), x.quiz)) throw notFound("attempt");
    const body = c.req.valid("json");
    await gradeEssay(db, requireUser(c).id, x.quiz.id, id, slot, body.fraction, body.comment);
    return c.json({ ok: true as const });
  })
  .post("/questions/:id/regrade", v("param", idParam), v("json", regradeBody), async (c) => {
    const { question, bank } = await authorizedQuestion(c, c.req.valid("param").id);
    return c.json(
      await regradeQuestion(getDb(c.env.DB), requireUser(c).id, question.id, c.req.valid("json").mode, bank.ownerOrgId),
    );
  })
  // ---- members: take, save, submit, review
  .get("/my/quizzes", async (c) => c.json({ items: await listForMember(getDb(c.env.DB), requireUser(c)) }))
  .get("/my/quizzes/:id", v("param", idParam), async (c) => {
    const { quiz } = await takeableQuiz(c, c.req.valid("param").id);
    const { id, title, description, openAt, closeAt, timeLimitSec, attemptsAllowed, gradingMethod, passPercent } = quiz;
    const attempts = await myAttempts(getDb(c.env.DB), requireUser(c).id, quiz.id);
    return c.json({
      id,
      title,
      description,
      openAt,
      closeAt,
      timeLimitSec,
      attemptsAllowed,
      gradingMethod,
      passPercent,
      attempts,
      serverNow: Date.now(),
    });
  })
  .post("/quizzes/:id/attempts", v("param", idParam), async (c) => {
    const { quiz, branch } = await takeableQuiz(c, c.req.valid("param").id);
    const db = getDb(c.env.DB);
    const started = await startAttempt(db, requireUser(c), quiz, branch);
    return c.json(attemptView(await loadAttempt(db, started.id), Date.now()), started.resumed ? 200 : 201);
  })
  .get("/attempts/:id", v("param", idParam), async (c) => {
    const user = requireUser(c);
    const db = getDb(c.env.DB);
    const x = await loadAttempt(db, c.req.valid("param").id).catch(() => null);
    if (x && x.attempt.userId !== user.id && managesQuiz(user, x.quiz)) return c.json(attemptView(x, Date.now(), true));
    return c.json(attemptView(await ownAttempt(db, user.id, c.req.valid("param").id), Date.now()));
  })
  .put("/attempts/:id/slots/:slot", v("param", slotParam), v("json", saveBody), async (c) => {
    const { id, slot } = c.req.valid("param");
    const body = c.req.valid("json");
    return c.json(
      await saveAnswer(getDb(c.env.DB), requireUser(c).id, id, slot, body.response as Response | null, body.seq),
    );
  })
  .post("/attempts/:id/submit", v("param", idParam), async (c) => {
    const user = requireUser(c);
    const db = getDb(c.env.DB);
    const id = c.req.valid("param").id;
    await ownAttempt(db, user.id, id);
    await finalizeAttempt(db, id, "member");
    // A second tab lost the claim: wait briefly for the winner's grades instead of answering without them.
    let x = await loadAttempt(db, id);
    for (let i = 0; i < 20 && x.attempt.state === "grading"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      x = await loadAttempt(db, id);
    }
    // A passed checkpoint credits its course when every lesson is already done (else the course page offers it).
    if (x.attempt.state === "closed" && x.attempt.pendingCount === 0)
      await completeCheckpointCourses(db, user, x.quiz.id);
    return c.json(attemptView(x, Date.now()));
  })
  // ---- 每日一练: private to the member
  .get("/practice", async (c) => c.json(await practiceView(getDb(c.env.DB), requireUser(c))))
  .post("/practice/answer", v("json", practiceAnswerBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await answerPractice(getDb(c.env.DB), requireUser(c), body.index, body.response as Response));
  });
