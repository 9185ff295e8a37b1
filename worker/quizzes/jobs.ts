import { and, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import { quizAttempts } from "../../schema";
import type { Env } from "../env";
import { getDb } from "../lib/db";
import { GRACE_MS } from "./defaults";
import { finalizeAttempt } from "./finalize";

const BATCH = 200;

/**
 * Closes attempts whose deadline has passed with their last saved answers, and re-grades attempts stuck
 * mid-grading. Idempotent: each close is a conditional claim, so a second or late tick does nothing twice.
 */
export async function onCron(env: Env, now: number) {
  const db = getDb(env.DB);
  const due = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(
      or(
        and(
          eq(quizAttempts.state, "open"),
          isNotNull(quizAttempts.deadline),
          lt(quizAttempts.deadline, now - GRACE_MS),
        ),
        and(eq(quizAttempts.state, "grading"), sql`${quizAttempts.submittedAt} < ${now - 5 * 60_000}`),
      ),
    )
    .limit(BATCH);
  let closed = 0;
  for (const { id } of due) if (await finalizeAttempt(db, id, "cron", now)) closed++;
  return { closed };
}
