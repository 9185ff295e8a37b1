import type { D1Database } from "@cloudflare/workers-types";
import { claimedUntil, type DueRow } from "../lib/due";
import { notifyFromSelect } from "../lib/notify";

/** The due_work kind of an open case's deadline warnings (the migration's triggers spell it too). */
const DEV_DEADLINE = "dev_deadline";

/** A secretary is warned this long before a step's deadline (the migration's triggers spell it too). */
const WARN_AHEAD = 14 * 86_400_000;

const COMMITTEE_STEPS = "('prereview', 'approval', 'full_approval')";
// Which warning a next step gives; committee steps warn the committee once they are overdue.
const SECRETARY_KIND = `CASE c.next_step WHEN 'talk' THEN 'dev_talk_due' WHEN 'assessment' THEN 'dev_assessment_due'
  WHEN 'full_application' THEN 'dev_probation_ending' WHEN 'full_vote' THEN 'dev_probation_ending' ELSE 'dev_step_due' END`;
const COMMITTEE_KIND = `CASE WHEN c.next_step IN ${COMMITTEE_STEPS} THEN 'dev_approval_overdue' ELSE 'dev_overdue' END`;
const PARAMS = `json_object('person', u.display_name, 'step', c.next_step, 'dueOn', c.next_due_on, 'caseId', c.id)`;
// The claimed cases, each by its key: CROSS JOIN keeps SQLite from walking the (status, next_due) index.
const CLAIMED = "json_each(?3) j CROSS JOIN dev_cases c ON c.id = j.value";

/**
 * A case's next warning after ?2: the first millisecond its secretaries' warning is inside the window
 * (not for committee steps), then the first millisecond after its deadline; NULL when both are past.
 */
const NEXT_WARNING = `CASE WHEN c.status = 'open' AND c.next_due IS NOT NULL THEN
    CASE WHEN c.next_step NOT IN ${COMMITTEE_STEPS} AND c.next_due - ${WARN_AHEAD} + 1 > ?2 THEN c.next_due - ${WARN_AHEAD} + 1
         WHEN c.next_due + 1 > ?2 THEN c.next_due + 1 END END`;

/**
 * The cron tick's share of the claimed due rows: the cases whose warning moment came, in one batch —
 * the branch's secretaries before a deadline, the admins of every committee above once it has passed,
 * then each case's next moment (or its row goes). The rows follow the cases through the migration's
 * triggers (a step recorded or corrected, a case opened, transferred or closed, a secretary or admin
 * appointed: due at once). A notice's key names the case, the step and its deadline, so a second run
 * sends nothing twice. Nothing due, nothing read.
 */
export async function onCron(env: { DB: D1Database }, now: number, due: readonly DueRow[]) {
  const ids = due.filter((r) => r.kind === DEV_DEADLINE).map((r) => r.subject);
  if (!ids.length) return { secretaries: 0, committees: 0 };
  const d1 = env.DB;
  const claimed = JSON.stringify(ids);
  const [secretaries, committees] = await d1.batch([
    notifyFromSelect(
      d1,
      `SELECT m.user_id, 'dev:' || c.id || ':' || c.next_step || ':' || c.next_due_on,
                ${SECRETARY_KIND}, ${PARAMS}, '/development/case/' || c.id, c.next_due, ?2
           FROM ${CLAIMED}
           JOIN users u ON u.id = c.user_id
           JOIN memberships m ON m.org_id = c.org_id AND m.role = 'secretary' AND m.ended_at IS NULL
          WHERE c.status = 'open' AND c.next_due IS NOT NULL AND c.next_due < ?1
            AND c.next_step NOT IN ${COMMITTEE_STEPS}
            AND m.user_id <> c.user_id`,
      now + WARN_AHEAD,
      now,
      claimed,
    ),
    // The committees above each overdue case, walked up parent_id, then their admins by org.
    notifyFromSelect(
      d1,
      `WITH RECURSIVE late AS (
           SELECT c.id, c.user_id, c.next_step, c.next_due, c.next_due_on FROM ${CLAIMED}
            WHERE c.status = 'open' AND c.next_due IS NOT NULL AND c.next_due < ?1
         ), up (case_id, org_id) AS (
           SELECT late.id, b.parent_id FROM late JOIN dev_cases c ON c.id = late.id JOIN orgs b ON b.id = c.org_id
            WHERE b.parent_id IS NOT NULL
           UNION
           SELECT up.case_id, o.parent_id FROM up JOIN orgs o ON o.id = up.org_id WHERE o.parent_id IS NOT NULL
         )
         SELECT m.user_id, 'dev-overdue:' || c.id || ':' || c.next_step || ':' || c.next_due_on,
                ${COMMITTEE_KIND}, ${PARAMS}, '/development/case/' || c.id, c.next_due, ?1
           FROM up
           JOIN dev_cases c ON c.id = up.case_id
           JOIN users u ON u.id = c.user_id
           JOIN memberships m ON m.org_id = up.org_id AND m.role = 'admin' AND m.ended_at IS NULL`,
      now,
      null,
      claimed,
    ),
    // Only rows still holding this tick's claim: a change since then left its row due at once. An
    // upsert walks the claimed cases once, each row by its key.
    d1
      .prepare(
        `INSERT INTO due_work (kind, subject, ref, due_at)
         SELECT ?1, id, '', at FROM (SELECT c.id, ${NEXT_WARNING} AS at FROM ${CLAIMED}) WHERE at IS NOT NULL
         ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = excluded.due_at WHERE due_work.due_at = ?4`,
      )
      .bind(DEV_DEADLINE, now, claimed, claimedUntil(now)),
    d1
      .prepare(
        `DELETE FROM due_work WHERE kind = ?1 AND ref = '' AND due_at = ?4 AND subject IN (SELECT value FROM json_each(?3))`,
      )
      .bind(DEV_DEADLINE, now, claimed, claimedUntil(now)),
  ]);
  return { secretaries: secretaries?.meta.changes ?? 0, committees: committees?.meta.changes ?? 0 };
}
