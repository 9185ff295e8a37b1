import { and, desc, eq } from "drizzle-orm";
import { quizAttempts, quizzes } from "../../schema";
import type { Db } from "../lib/db";
import { reviewTime, shownAt } from "./views";

/**
 * The member's own attempts, newest first (of one quiz, or of all), each with its result only where the
 * quiz's review options show the score at this moment: the same rule as the attempt view.
 */
export async function attemptHistory(
  db: Db,
  userId: string,
  { quizId, limit, offset }: { quizId?: string; limit: number; offset: number },
  now = Date.now(),
) {
  const rows = await db
    .select({
      id: quizAttempts.id,
      quizId: quizAttempts.quizId,
      quizTitle: quizzes.title,
      number: quizAttempts.number,
      state: quizAttempts.state,
      startedAt: quizAttempts.startedAt,
      deadline: quizAttempts.deadline,
      submittedAt: quizAttempts.submittedAt,
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
      percent: quizAttempts.percent,
      passed: quizAttempts.passed,
      pending: quizAttempts.pendingCount,
      review: quizzes.review,
      closeAt: quizzes.closeAt,
    })
    .from(quizAttempts)
    .innerJoin(quizzes, eq(quizzes.id, quizAttempts.quizId))
    .where(and(eq(quizAttempts.userId, userId), quizId ? eq(quizAttempts.quizId, quizId) : undefined))
    .orderBy(desc(quizAttempts.startedAt), desc(quizAttempts.number))
    .limit(limit + 1)
    .offset(offset);
  return rows.map(({ score, maxScore, percent, passed, pending, review, closeAt, ...a }) => {
    const shown = a.state === "closed" && shownAt(review, reviewTime(a.state, a.submittedAt, closeAt, now)).score;
    return shown ? { ...a, score, maxScore, percent, passed, pending } : a;
  });
}
