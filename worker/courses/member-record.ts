import { sql } from "drizzle-orm";
import { yearRange } from "../lib/day";
import { sqlList } from "../lib/sql";

export interface YearHoursRow {
  online: number;
  offline: number;
}

/** One statement for a read batch: a member's credited 学时 of a year, online and offline. */
export function yearHoursSql(userId: string, year: number) {
  const [start, end] = yearRange(year);
  return sql`SELECT
      coalesce((SELECT sum(cc.hours) FROM course_completions cc WHERE cc.user_id = ${userId}
        AND cc.status = 'credited' AND cc.completed_at >= ${start} AND cc.completed_at < ${end}), 0) AS online,
      coalesce((SELECT sum(oc.hours) FROM offline_credits oc WHERE oc.user_id = ${userId}
        AND oc.studied_on >= ${`${year}-01-01`} AND oc.studied_on < ${`${year + 1}-01-01`}), 0) AS offline`;
}

export interface CourseProgressRow {
  courseId: string;
  title: string;
  status: string;
  completion: string | null;
  hours: number | null;
  lessons: number;
  done: number;
}

/**
 * One statement: each named course with one member's standing in it — the completion (credited is
 * verified 学时) and the lessons finished of the lessons it has now. Courses that do not exist are absent.
 */
export const courseProgressSql = (userId: string | null, courseIds: string[]) =>
  sql`SELECT c.id AS courseId, c.title, c.status, cc.status AS completion, cc.hours,
        (SELECT count(*) FROM lessons l WHERE l.course_id = c.id AND l.removed_at IS NULL) AS lessons,
        (SELECT count(*) FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id
          WHERE p.user_id = ${userId} AND p.course_id = c.id AND p.completed_at IS NOT NULL
            AND l.removed_at IS NULL) AS done
      FROM courses c LEFT JOIN course_completions cc ON cc.course_id = c.id AND cc.user_id = ${userId}
     WHERE c.id IN (${sqlList(courseIds)})`;

/** 0…1: a credited completion is the whole course; before it, the share of its lessons finished. */
export const courseShare = (r: CourseProgressRow) =>
  r.completion === "credited" ? 1 : r.lessons ? Math.min(r.done / r.lessons, 0.99) : 0;
