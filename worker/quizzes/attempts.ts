import { and, asc, eq, sql } from "drizzle-orm";
import { attemptSlots, questionVersions, quizAttempts, quizOverrides, quizzes } from "../../schema";
import type { Response } from "../../schema/banks/types";
import type { SessionMembership, SessionUser } from "../auth";
import { chunkedInserts, type Db } from "../lib/db";
import { ApiError, conflict, isUniqueViolation, notFound } from "../lib/errors";
import { createEvent } from "../lib/events";
import { newId } from "../lib/ids";
import type { Quiz } from "./access";
import { GRACE_MS } from "./defaults";
import { drawQuestions } from "./draw";
import { finalizeAttempt } from "./finalize";
import { responseIn, SlotIds } from "./keys";
import { questionView, reviewTime, SHOW_ALL, type SlotRow, shownAt } from "./views";

export type Attempt = typeof quizAttempts.$inferSelect;
const closedErr = () => new ApiError(409, "attempt_closed", "this attempt is closed");
const expired = (a: Pick<Attempt, "state" | "deadline">, now: number) =>
  a.state === "open" && a.deadline !== null && now > a.deadline + GRACE_MS;

/** A member is about to start an attempt: a listener may refuse it (courses lock a checkpoint until studied). */
export const attemptStarting = createEvent<{ db: Db; user: SessionUser; quizId: string }>();

/** Starts an attempt, or resumes the open one. Two tabs starting at once get the same attempt. */
export async function startAttempt(db: Db, user: SessionUser, quiz: Quiz, branch: SessionMembership, now = Date.now()) {
  const [mine, overrides] = await db.batch([
    db
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.quizId, quiz.id), eq(quizAttempts.userId, user.id)))
      .orderBy(asc(quizAttempts.number)),
    db
      .select()
      .from(quizOverrides)
      .where(and(eq(quizOverrides.quizId, quiz.id), eq(quizOverrides.userId, user.id))),
  ]);
  const open = mine.find((a) => a.state === "open");
  if (open && !expired(open, now)) return { id: open.id, resumed: true };
  if (open) await finalizeAttempt(db, open.id, "deadline", now);
  if (quiz.openAt !== null && now < quiz.openAt) throw new ApiError(409, "not_open", "the quiz is not open yet");
  if (quiz.closeAt !== null && now >= quiz.closeAt) throw new ApiError(409, "closed", "the quiz is closed");
  await attemptStarting.emit({ db, user, quizId: quiz.id });
  const extra = overrides[0];
  const allowed =
    quiz.attemptsAllowed === 0 ? Number.POSITIVE_INFINITY : quiz.attemptsAllowed + (extra?.extraAttempts ?? 0);
  if (mine.length >= allowed) throw new ApiError(409, "no_attempts_left", "no attempts left");
  const drawn = await drawQuestions(db, quiz.slots, quiz.shuffleQuestions, quiz.shuffleOptions);
  const limit = quiz.timeLimitSec === null ? null : now + (quiz.timeLimitSec + (extra?.extraTimeSec ?? 0)) * 1000;
  const deadline = limit === null ? quiz.closeAt : quiz.closeAt === null ? limit : Math.min(limit, quiz.closeAt);
  const id = newId();
  const maxScore = drawn.reduce((s, d) => s + d.points, 0);
  try {
    await db.batch([
      db.insert(quizAttempts).values({
        id,
        quizId: quiz.id,
        userId: user.id,
        orgId: branch.orgId,
        number: (mine.at(-1)?.number ?? 0) + 1,
        state: "open",
        startedAt: now,
        deadline,
        maxScore,
        idKey: newId(),
      }),
      ...chunkedInserts(
        db,
        attemptSlots,
        drawn.map((d, slot) => ({ id: newId(), attemptId: id, quizId: quiz.id, slot, ...d })),
      ),
    ]);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const [other] = await db
      .select({ id: quizAttempts.id })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.quizId, quiz.id), eq(quizAttempts.userId, user.id), eq(quizAttempts.state, "open")));
    if (!other) throw conflict("another attempt started at the same moment");
    return { id: other.id, resumed: true };
  }
  return { id, resumed: false };
}

const slotCols = {
  slot: attemptSlots.slot,
  points: attemptSlots.points,
  order: attemptSlots.order,
  response: attemptSlots.response,
  seq: attemptSlots.seq,
  savedAt: attemptSlots.savedAt,
  fraction: attemptSlots.fraction,
  needsGrading: attemptSlots.needsGrading,
  comment: attemptSlots.comment,
  stem: questionVersions.stem,
  format: questionVersions.format,
  body: questionVersions.body,
  generalFeedback: questionVersions.generalFeedback,
};

/** The attempt with its quiz and its slots: one batched round trip. */
export async function loadAttempt(db: Db, id: string) {
  // No joined whole-table selects inside a D1 batch: drizzle maps batch rows by column name, and
  // same-named columns of two tables collide.
  const [attempts, quizRows, slots] = await db.batch([
    db.select().from(quizAttempts).where(eq(quizAttempts.id, id)),
    db
      .select()
      .from(quizzes)
      .where(
        sql`${quizzes.id} = (SELECT ${quizAttempts.quizId} FROM ${quizAttempts} WHERE ${quizAttempts.id} = ${id})`,
      ),
    db
      .select(slotCols)
      .from(attemptSlots)
      .innerJoin(questionVersions, eq(questionVersions.id, attemptSlots.versionId))
      .where(eq(attemptSlots.attemptId, id))
      .orderBy(asc(attemptSlots.slot)),
  ]);
  const attempt = attempts[0];
  const quiz = quizRows[0];
  if (!attempt || !quiz) throw notFound("attempt");
  return { attempt, quiz, slots: slots as SlotRow[] };
}

/**
 * What the member sees: during the attempt the questions without keys; afterwards what the review
 * options allow at this moment. Managers see everything.
 */
export function attemptView(x: Awaited<ReturnType<typeof loadAttempt>>, now: number, manager = false) {
  const { attempt: a, quiz: q } = x;
  const time = reviewTime(a.state, a.submittedAt, q.closeAt, now);
  const shown = manager ? SHOW_ALL : shownAt(q.review, time);
  const closed = a.state !== "open";
  return {
    id: a.id,
    quizId: q.id,
    title: q.title,
    number: a.number,
    state: a.state,
    startedAt: a.startedAt,
    deadline: a.deadline,
    submittedAt: a.submittedAt,
    serverNow: now,
    reviewTime: time,
    ...(closed && shown.score
      ? { score: a.score, maxScore: a.maxScore, percent: a.percent, passed: a.passed, pending: a.pendingCount }
      : {}),
    ...(manager ? { flag: a.flag, userId: a.userId } : {}),
    questions: x.slots.map((s) => questionView(s, shown, a.idKey)),
  };
}

/**
 * Saves one answer, sent in the ids the attempt shows and stored in authored ids: one read for the
 * question and the attempt's key, then one conditional UPDATE keyed by (attempt, slot) that only lands
 * while the attempt is open, its owner asks, the deadline (plus a grace for latency) has not passed, and
 * `seq` is newer.
 */
export async function saveAnswer(
  db: Db,
  userId: string,
  attemptId: string,
  slot: number,
  sent: Response | null,
  seq: number,
  now = Date.now(),
) {
  const [found] = await db
    .select({
      userId: quizAttempts.userId,
      state: quizAttempts.state,
      deadline: quizAttempts.deadline,
      idKey: quizAttempts.idKey,
      body: questionVersions.body,
    })
    .from(quizAttempts)
    .leftJoin(attemptSlots, and(eq(attemptSlots.attemptId, quizAttempts.id), eq(attemptSlots.slot, slot)))
    .leftJoin(questionVersions, eq(questionVersions.id, attemptSlots.versionId))
    .where(eq(quizAttempts.id, attemptId));
  if (!found || found.userId !== userId) throw notFound("attempt");
  if (expired(found, now)) {
    await finalizeAttempt(db, attemptId, "deadline", now);
    throw closedErr();
  }
  if (found.state !== "open") throw closedErr();
  if (!found.body) throw notFound("question");
  const response = responseIn(found.body, sent, new SlotIds(found.idKey, slot, found.body));
  const rows = await db
    .update(attemptSlots)
    .set({ response, seq, savedAt: now })
    .where(
      and(
        eq(attemptSlots.attemptId, attemptId),
        eq(attemptSlots.slot, slot),
        sql`${attemptSlots.seq} <= ${seq}`,
        sql`EXISTS (SELECT 1 FROM ${quizAttempts} WHERE ${quizAttempts.id} = ${attemptId} AND ${quizAttempts.userId} = ${userId} AND ${quizAttempts.state} = 'open' AND (${quizAttempts.deadline} IS NULL OR ${quizAttempts.deadline} + ${GRACE_MS} >= ${now}))`,
      ),
    )
    .returning({ seq: attemptSlots.seq, savedAt: attemptSlots.savedAt });
  if (rows[0]) return { saved: true, seq: rows[0].seq, savedAt: rows[0].savedAt };
  // Rare path: say why nothing changed (the attempt closed since the read, or this save is older).
  const [[a], [s]] = await db.batch([
    db.select({ state: quizAttempts.state }).from(quizAttempts).where(eq(quizAttempts.id, attemptId)),
    db
      .select({ seq: attemptSlots.seq, savedAt: attemptSlots.savedAt })
      .from(attemptSlots)
      .where(and(eq(attemptSlots.attemptId, attemptId), eq(attemptSlots.slot, slot))),
  ]);
  if (a?.state === "open" && expired({ state: "open", deadline: found.deadline }, now))
    await finalizeAttempt(db, attemptId, "deadline", now);
  if (a?.state !== "open" || expired({ state: "open", deadline: found.deadline }, now)) throw closedErr();
  if (!s) throw notFound("question");
  // An older or repeated save: already stored, nothing to do (idempotent).
  return { saved: false, seq: s.seq, savedAt: s.savedAt };
}

/** The member's own attempt, closing it first when its deadline has passed. */
export async function ownAttempt(db: Db, userId: string, id: string, now = Date.now()) {
  let x = await loadAttempt(db, id);
  if (x.attempt.userId !== userId) throw notFound("attempt");
  if (expired(x.attempt, now)) {
    await finalizeAttempt(db, id, "deadline", now);
    x = await loadAttempt(db, id);
  }
  return x;
}
