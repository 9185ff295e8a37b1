import type { D1Database } from "@cloudflare/workers-types";
import type { Db } from "../lib/db";
import { type DueRow, dueStatement, setDue } from "../lib/due";
import { notifyFromSelect } from "../lib/notify";

/** The due_work kind of one plan item's due date: the reminder is its row, due a few days ahead. */
const COURSE_DUE = "course_due";
/** Members who have not finished are told this long before a course's due date. */
export const COURSE_DUE_AHEAD = 3 * 86_400_000;

const dueKey = (itemId: string) => ({ kind: COURSE_DUE, subject: itemId, ref: "" });

/** The statement that schedules a plan item's reminder, for the item's own batch. */
export const scheduleCourseDue = (db: Db, itemId: string, dueAt: number) =>
  dueStatement(db, dueKey(itemId), dueAt - COURSE_DUE_AHEAD);

/** The statement that forgets a removed item's reminder. */
export const forgetCourseDue = (db: Db, itemId: string) => dueStatement(db, dueKey(itemId), null);

/**
 * The cron tick's share of the claimed due rows: for each plan item come due, one set-based insert tells
 * the members under the plan's org (its secretaries for a secretaries' item) who have not been credited
 * with the course, keyed by the item and its due date; then the row is forgotten. Nothing due, nothing sent.
 */
export async function onCron(env: { DB: D1Database }, now: number, due: readonly DueRow[]) {
  const items = due.filter((r) => r.kind === COURSE_DUE);
  if (!items.length) return { sent: 0 };
  const d1 = env.DB;
  const results = await d1.batch(
    items.flatMap((r) => [
      notifyFromSelect(
        d1,
        `SELECT m.user_id, 'course-due:' || pi.id || ':' || pi.due_at, 'course_due',
                json_object('course', c.title, 'courseId', c.id), '/courses/' || c.id, pi.due_at, ?2
           FROM plan_items pi
           JOIN curriculum_plans cp ON cp.id = pi.plan_id AND cp.purpose = 'study'
           JOIN courses c ON c.id = pi.course_id AND c.status = 'published'
           JOIN orgs o ON o.path >= pi.org_path AND o.path < substr(pi.org_path, 1, length(pi.org_path) - 1) || '0'
           JOIN memberships m ON m.org_id = o.id AND m.ended_at IS NULL
                AND m.role = CASE pi.audience WHEN 'secretary' THEN 'secretary' ELSE 'member' END
           JOIN users u ON u.id = m.user_id AND u.active = 1
          WHERE pi.id = ?1 AND pi.due_at > ?2
            AND NOT EXISTS (SELECT 1 FROM course_completions cc
                             WHERE cc.user_id = m.user_id AND cc.course_id = pi.course_id AND cc.status = 'credited')`,
        r.subject,
        now,
      ),
      setDue(d1, r, null),
    ]),
  );
  return { sent: results.reduce((n, r, i) => n + (i % 2 === 0 ? (r.meta.changes ?? 0) : 0), 0) };
}
