import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { attemptSlots, questions, questionVersions, quizAttempts, users } from "../../schema";
import type { QuestionBody, Response } from "../../schema/banks/types";
import { grade } from "../banks";
import { auditInsert } from "../lib/audit";
import { type Db, outer } from "../lib/db";
import { notFound } from "../lib/errors";
import { batchAll } from "./batch";
import { settleAttempts } from "./finalize";

/** Essays waiting for a person in one quiz, oldest first. */
export function gradingQueue(db: Db, quizId: string, limit: number, offset: number) {
  return db
    .select({
      attemptId: attemptSlots.attemptId,
      slot: attemptSlots.slot,
      points: attemptSlots.points,
      response: attemptSlots.response,
      stem: questionVersions.stem,
      format: questionVersions.format,
      member: users.displayName,
      submittedAt: quizAttempts.submittedAt,
      flag: quizAttempts.flag,
    })
    .from(attemptSlots)
    .innerJoin(quizAttempts, eq(quizAttempts.id, attemptSlots.attemptId))
    .innerJoin(questionVersions, eq(questionVersions.id, attemptSlots.versionId))
    .innerJoin(users, eq(users.id, quizAttempts.userId))
    .where(and(eq(attemptSlots.quizId, quizId), eq(attemptSlots.needsGrading, true), eq(quizAttempts.state, "closed")))
    .orderBy(asc(quizAttempts.submittedAt), asc(attemptSlots.slot))
    .limit(limit + 1)
    .offset(offset);
}

export async function gradeEssay(
  db: Db,
  actorId: string,
  quizId: string,
  attemptId: string,
  slot: number,
  fraction: number,
  comment: string,
  now = Date.now(),
) {
  const rows = await db
    .update(attemptSlots)
    .set({ fraction, needsGrading: false, comment, gradedBy: actorId, gradedAt: now })
    .where(
      and(
        eq(attemptSlots.attemptId, attemptId),
        eq(attemptSlots.slot, slot),
        eq(attemptSlots.quizId, quizId),
        sql`EXISTS (SELECT 1 FROM ${quizAttempts} WHERE ${quizAttempts.id} = ${attemptId} AND ${quizAttempts.state} = 'closed')`,
      ),
    )
    .returning({ id: attemptSlots.id });
  if (rows.length === 0) throw notFound("answer");
  await settleAttempts(db, eq(quizAttempts.id, attemptId), actorId, now, "quiz.graded");
}

/**
 * After an edit: grade every closed attempt's answer to this question against the current version's key
 * (or give everyone full marks), then recompute scores, passes and archives in SQL.
 */
export async function regradeQuestion(
  db: Db,
  actorId: string,
  questionId: string,
  mode: "newKey" | "fullMarks",
  orgId: string,
  now = Date.now(),
) {
  // Each answer's own attempt by its key (an IN list would be every closed attempt of the tenant).
  const closed = sql`EXISTS (SELECT 1 FROM ${quizAttempts} WHERE ${quizAttempts.id} = ${outer(attemptSlots.attemptId)} AND ${quizAttempts.state} = 'closed')`;
  let changed = 0;
  if (mode === "fullMarks") {
    const r = await db
      .update(attemptSlots)
      .set({ fraction: 1, needsGrading: false })
      .where(and(eq(attemptSlots.questionId, questionId), closed))
      .returning({ id: attemptSlots.id });
    changed = r.length;
  } else {
    const [[current], slots] = await db.batch([
      db
        .select({ versionId: questions.versionId, body: questionVersions.body })
        .from(questions)
        .innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
        .where(eq(questions.id, questionId)),
      db
        .select({ id: attemptSlots.id, response: attemptSlots.response })
        .from(attemptSlots)
        .where(and(eq(attemptSlots.questionId, questionId), closed)),
    ]);
    if (!current) throw notFound("question");
    const byFraction = new Map<number | null, string[]>();
    for (const s of slots) {
      const f = grade(current.body as QuestionBody, s.response as Response | null).fraction;
      byFraction.set(f, [...(byFraction.get(f) ?? []), s.id]);
    }
    const stmts = [];
    for (const [f, ids] of byFraction) {
      for (let i = 0; i < ids.length; i += 90) {
        const set =
          f === null
            ? { versionId: current.versionId }
            : { versionId: current.versionId, fraction: f, needsGrading: false };
        stmts.push(
          db
            .update(attemptSlots)
            .set(set)
            .where(inArray(attemptSlots.id, ids.slice(i, i + 90))),
        );
      }
    }
    await batchAll(db, stmts);
    changed = slots.length;
  }
  await auditInsert(
    db,
    { actorId, action: "question.regrade", entity: "question", entityId: questionId, orgId, detail: { mode, changed } },
    now,
  );
  await settleAttempts(
    db,
    sql`${quizAttempts.id} IN (SELECT ${attemptSlots.attemptId} FROM ${attemptSlots} WHERE ${attemptSlots.questionId} = ${questionId})`,
    actorId,
    now,
  );
  return { regraded: changed };
}
