import "./moves";
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
import { authorizedQuestion } from "../banks";
import type { getDb } from "../lib/db";
import { invalid, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg, getOrg } from "../orgs";
import { managedQuiz, managesQuiz, QUIZ_ROLES, takeableQuiz } from "./access";
import { attemptView, loadAttempt, ownAttempt, saveAnswer, startAttempt } from "./attempts";
import { publishableAudiences } from "./audiences";
import { attemptHistory } from "./history";
import { quizAttemptsList } from "./listing";
import { gradeEssay, gradingQueue, regradeQuestion } from "./marking";
import { answerPractice, practiceView } from "./practice";
import {
  createQuiz,
  listForMember,
  listManaged,
  listOverrides,
  setOverride,
  slotSourceNames,
  updateQuiz,
} from "./service";
import { quizStats } from "./stats";
import { submitAttempt } from "./submit";

async function audienceOrg(db: ReturnType<typeof getDb>, id: string) {
  const org = await getOrg(db, id);
  if (!org) throw invalid("unknown audience", [{ path: "audienceOrgId", code: "not_found" }]);
  return org;
}

export const quizRoutes = createAuthedRouter()
  // ---- managers: build, settings, results
  .get("/", async (c) => c.json({ items: await listManaged(c.var.db, c.var.user) }))
  .get("/audiences", async (c) => c.json({ items: await publishableAudiences(c.var.db, c.var.user) }))
  .post("/", v("json", createQuizBody), async (c) => {
    const body = c.req.valid("json");
    const owner = await authorizedOrg(c.var, body.ownerOrgId, QUIZ_ROLES);
    const db = c.var.db;
    const { ownerOrgId: _o, audienceOrgId, ...input } = body;
    return c.json(await createQuiz(db, c.var.user, owner, await audienceOrg(db, audienceOrgId), input), 201);
  })
  .get("/:id", v("param", idParam), async (c) => {
    const quiz = await managedQuiz(c.var, c.req.valid("param").id);
    return c.json({ ...quiz, sourceNames: await slotSourceNames(c.var.db, quiz.slots) });
  })
  .patch("/:id", v("param", idParam), v("json", updateQuizBody), async (c) => {
    const quiz = await managedQuiz(c.var, c.req.valid("param").id);
    const db = c.var.db;
    const { audienceOrgId, ...patch } = c.req.valid("json");
    return c.json(
      await updateQuiz(db, c.var.user, quiz, audienceOrgId ? await audienceOrg(db, audienceOrgId) : null, patch),
    );
  })
  .get("/:id/overrides", v("param", idParam), async (c) => {
    const quiz = await managedQuiz(c.var, c.req.valid("param").id);
    return c.json({ items: await listOverrides(c.var.db, quiz.id) });
  })
  .post("/:id/overrides", v("param", idParam), v("json", overrideBody), async (c) => {
    const quiz = await managedQuiz(c.var, c.req.valid("param").id);
    await setOverride(c.var.db, quiz, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .get("/:id/attempts", v("param", idParam), v("query", pageQuery), async (c) => {
    const quiz = await managedQuiz(c.var, c.req.valid("param").id);
    const q = c.req.valid("query");
    return c.json(page(await quizAttemptsList(c.var.db, quiz.id, q.limit, q.offset), q.limit, q.offset));
  })
  .get("/:id/grading", v("param", idParam), v("query", pageQuery), async (c) => {
    const quiz = await managedQuiz(c.var, c.req.valid("param").id);
    const q = c.req.valid("query");
    return c.json(page(await gradingQueue(c.var.db, quiz.id, q.limit, q.offset), q.limit, q.offset));
  })
  .get("/:id/stats", v("param", idParam), async (c) => {
    const quiz = await managedQuiz(c.var, c.req.valid("param").id);
    return c.json(await quizStats(c.var.db, quiz.id));
  })
  .post("/:id/attempts", v("param", idParam), async (c) => {
    const { quiz, branch } = await takeableQuiz(c.var, c.req.valid("param").id);
    const db = c.var.db;
    const started = await startAttempt(db, c.var.user, quiz, branch);
    return c.json(attemptView(await loadAttempt(db, started.id), Date.now()), started.resumed ? 200 : 201);
  });

export const attemptRoutes = createAuthedRouter()
  .post("/:id/slots/:slot/grade", v("param", slotParam), v("json", gradeEssayBody), async (c) => {
    const { id, slot } = c.req.valid("param");
    const db = c.var.db;
    const x = await loadAttempt(db, id).catch(() => null);
    if (!x || !managesQuiz(c.var.user, x.quiz)) throw notFound("attempt");
    const body = c.req.valid("json");
    await gradeEssay(db, c.var.user.id, x.quiz.id, id, slot, body.fraction, body.comment);
    return c.json({ ok: true as const });
  })
  .get("/:id", v("param", idParam), async (c) => {
    const user = c.var.user;
    const db = c.var.db;
    const x = await loadAttempt(db, c.req.valid("param").id).catch(() => null);
    if (x && x.attempt.userId !== user.id && managesQuiz(user, x.quiz)) return c.json(attemptView(x, Date.now(), true));
    return c.json(attemptView(await ownAttempt(db, user.id, c.req.valid("param").id), Date.now()));
  })
  .put("/:id/slots/:slot", v("param", slotParam), v("json", saveBody), async (c) => {
    const { id, slot } = c.req.valid("param");
    const body = c.req.valid("json");
    return c.json(await saveAnswer(c.var.db, c.var.user.id, id, slot, body.response as Response | null, body.seq));
  })
  .post("/:id/submit", v("param", idParam), async (c) =>
    c.json(await submitAttempt(c.var.db, c.var.user, c.req.valid("param").id)),
  );

export const regradeRoutes = createAuthedRouter().post("/", v("param", idParam), v("json", regradeBody), async (c) => {
  const { question, bank } = await authorizedQuestion(c.var, c.req.valid("param").id);
  return c.json(await regradeQuestion(c.var.db, c.var.user.id, question.id, c.req.valid("json").mode, bank.ownerOrgId));
});

export const myQuizRoutes = createAuthedRouter()
  // ---- members: take, save, submit, review
  .get("/", async (c) => c.json({ items: await listForMember(c.var.db, c.var.user) }))
  .get("/attempts", v("query", pageQuery), async (c) => {
    const q = c.req.valid("query");
    return c.json(page(await attemptHistory(c.var.db, c.var.user.id, q), q.limit, q.offset));
  })
  .get("/:id", v("param", idParam), async (c) => {
    const { quiz } = await takeableQuiz(c.var, c.req.valid("param").id);
    const { id, title, description, openAt, closeAt, timeLimitSec, attemptsAllowed, gradingMethod, passPercent } = quiz;
    const attempts = await attemptHistory(c.var.db, c.var.user.id, { quizId: quiz.id, limit: 200, offset: 0 });
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
  });

export const practiceRoutes = createAuthedRouter()
  // ---- 每日一练: private to the member
  .get("/", async (c) => c.json(await practiceView(c.var.db, c.var.user)))
  .post("/answer", v("json", practiceAnswerBody), async (c) => {
    const body = c.req.valid("json");
    return c.json(await answerPractice(c.var.db, c.var.user, body.index, body.response as Response));
  });
