import { desc, eq } from "drizzle-orm";
import { quizAttempts, users } from "../../schema";
import type { Db } from "../lib/db";

/** Every attempt of a quiz, newest first, for its managers. */
export function quizAttemptsList(db: Db, quizId: string, limit: number, offset: number) {
  return db
    .select({
      id: quizAttempts.id,
      member: users.displayName,
      number: quizAttempts.number,
      state: quizAttempts.state,
      startedAt: quizAttempts.startedAt,
      submittedAt: quizAttempts.submittedAt,
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
      percent: quizAttempts.percent,
      passed: quizAttempts.passed,
      pending: quizAttempts.pendingCount,
      flag: quizAttempts.flag,
    })
    .from(quizAttempts)
    .innerJoin(users, eq(users.id, quizAttempts.userId))
    .where(eq(quizAttempts.quizId, quizId))
    .orderBy(desc(quizAttempts.startedAt))
    .limit(limit + 1)
    .offset(offset);
}
