import { eq, sql } from "drizzle-orm";
import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Db } from "../lib/db";
import { containing, likeEscaped } from "../lib/like";

// The FTS5 table of migration 0002, declared here for the query builder only (not in schema/, so
// drizzle-kit does not try to create it as a plain table).
const courseSearch = sqliteTable("course_search", {
  courseId: text("course_id").notNull(),
  lessonId: text("lesson_id").notNull(),
  text: text("text").notNull(),
});

/**
 * Statements that rebuild one course's rows in the FTS5 trigram index (course_search, migration 0002):
 * the course row (title, summary, tags) and one row per current lesson (title and Markdown text).
 * Put them in the same db.batch as the edit.
 */
export function reindexCourse(db: Db, courseId: string) {
  return [
    db.delete(courseSearch).where(eq(courseSearch.courseId, courseId)),
    db
      .insert(courseSearch)
      .select(sql`SELECT id, '', title || char(10) || summary || char(10) || tags FROM courses WHERE id = ${courseId}`),
    db.insert(courseSearch).select(sql`SELECT l.course_id, l.id, v.title || char(10) || v.body
        FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id
       WHERE l.course_id = ${courseId} AND l.removed_at IS NULL`),
  ] as const;
}

/**
 * The SQL condition "course c matches the query": FTS5 MATCH on a quoted phrase for 3+ characters
 * (the trigram tokenizer's minimum), a LIKE scan of the same table for 1–2 characters.
 */
export function matchCourses(q: string) {
  if ([...q].length >= 3) {
    const phrase = `"${q.replace(/"/g, '""')}"`;
    return sql`c.id IN (SELECT course_id FROM course_search WHERE course_search MATCH ${phrase})`;
  }
  return sql`c.id IN (SELECT course_id FROM course_search WHERE ${likeEscaped(sql`text`, containing(q))})`;
}
