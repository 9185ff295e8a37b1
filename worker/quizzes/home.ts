import { sql } from "drizzle-orm";
import type { SessionUser } from "../auth";
import { ancestorPaths, subtreeEnd } from "../lib/paths";
import { type FieldedPart, type ReadPart, sqlList } from "../lib/sql";
import { QUIZ_ROLES } from "./access";

// The home page's share of the quizzes feature: statements for one combined batch (worker/lib/sql.ts readParts).

/**
 * A member's open quizzes not yet taken (checkpoints are reached through their course), closing soonest
 * first, and their last finished attempt (no score: when a score shows is the quiz's review setting).
 */
export function memberQuizToDo(user: SessionUser, now: number) {
  const paths = [
    ...new Set(user.memberships.filter((m) => m.role === "member").flatMap((m) => ancestorPaths(m.orgPath))),
  ];
  if (!paths.length) return null;
  return {
    queries: [
      sql`SELECT q.id AS quizId, q.title AS title, q.close_at AS closesAt FROM quizzes q
        WHERE q.audience_path IN (${sqlList(paths)}) AND q.published = 1 AND q.course_id IS NULL
          AND (q.open_at IS NULL OR q.open_at <= ${now}) AND (q.close_at IS NULL OR q.close_at > ${now})
          AND NOT EXISTS (SELECT 1 FROM quiz_attempts a
            WHERE a.quiz_id = q.id AND a.user_id = ${user.id} AND a.state <> 'open')
        ORDER BY q.close_at IS NULL, q.close_at LIMIT 5`,
      sql`SELECT a.id AS attemptId, q.title AS title, a.submitted_at AS at
        FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id
        WHERE a.user_id = ${user.id} AND a.state = 'closed'
        ORDER BY a.submitted_at DESC LIMIT 1`,
      // The list changes by the clock alone when one of these quizzes opens or closes.
      sql`SELECT min(CASE WHEN q.open_at > ${now} THEN q.open_at ELSE q.close_at END) AS at FROM quizzes q
        WHERE q.audience_path IN (${sqlList(paths)}) AND q.published = 1 AND q.course_id IS NULL
          AND (q.open_at > ${now} OR q.close_at > ${now})`,
    ],
    fields: [["quizId", "title", "closesAt"], ["attemptId", "title", "at"], ["at"]],
    shape: ([open, latest, next]) => ({
      quizzes: open as { quizId: string; title: string; closesAt: number | null }[],
      latestQuiz: (latest[0] as { attemptId: string; title: string; at: number } | undefined) ?? null,
      changesAt: (next[0] as { at: number | null } | undefined)?.at ?? Infinity,
    }),
  } satisfies FieldedPart<unknown>;
}

/** Essays waiting for a grade in the quizzes the user publishes (school or admin over the owner). */
export function essaysToGrade(user: SessionUser) {
  const roots = user.memberships.filter((m) => (QUIZ_ROLES as readonly string[]).includes(m.role));
  if (!roots.length) return null;
  const owned = sql.join(
    roots.map((r) => sql`(q.owner_path >= ${r.orgPath} AND q.owner_path < ${subtreeEnd(r.orgPath)})`),
    sql` OR `,
  );
  return {
    queries: [
      // The caller's quizzes first, by the owner index (grouped by id, SQLite walked every quiz of the tenant
      // and its slots), then the slots waiting for a grade of each.
      sql`WITH owned AS MATERIALIZED (SELECT q.id, q.title FROM quizzes q WHERE ${owned})
        SELECT q.id AS quizId, q.title AS title, count(*) AS n
        FROM owned q CROSS JOIN attempt_slots s ON s.quiz_id = q.id AND s.needs_grading = 1
        GROUP BY q.id ORDER BY n DESC LIMIT 10`,
    ],
    shape: ([rows]) => rows as { quizId: string; title: string; n: number }[],
  } satisfies ReadPart<unknown>;
}
