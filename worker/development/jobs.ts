import type { D1Database } from "@cloudflare/workers-types";
import { notifyFromSelect } from "../lib/notify";

/** A secretary is warned this long before a step's deadline. */
const WARN_AHEAD = 14 * 86_400_000;

// Which warning a next step gives; committee steps warn the committee once they are overdue.
const SECRETARY_KIND = `CASE c.next_step WHEN 'talk' THEN 'dev_talk_due' WHEN 'assessment' THEN 'dev_assessment_due'
  WHEN 'full_application' THEN 'dev_probation_ending' WHEN 'full_vote' THEN 'dev_probation_ending' ELSE 'dev_step_due' END`;
const COMMITTEE_KIND = `CASE WHEN c.next_step IN ('prereview', 'approval', 'full_approval') THEN 'dev_approval_overdue' ELSE 'dev_overdue' END`;
const PARAMS = `json_object('person', u.display_name, 'step', c.next_step, 'dueOn', c.next_due_on, 'caseId', c.id)`;

/**
 * The cron tick's development warnings, found through the (status, next_due) index: the branch's
 * secretaries before a deadline, the admins of every committee above once it has passed. A notice's
 * key names the case, the step and its deadline, so a second tick sends nothing twice.
 */
export async function onCron(env: { DB: D1Database }, now: number) {
  const d1 = env.DB;
  const [secretaries, committees] = await d1.batch([
    notifyFromSelect(
      d1,
      `SELECT m.user_id, 'dev:' || c.id || ':' || c.next_step || ':' || c.next_due_on,
                ${SECRETARY_KIND}, ${PARAMS}, '/development/case/' || c.id, c.next_due, ?2
           FROM dev_cases c
           JOIN users u ON u.id = c.user_id
           JOIN memberships m ON m.org_id = c.org_id AND m.role = 'secretary' AND m.ended_at IS NULL
          WHERE c.status = 'open' AND c.next_due IS NOT NULL AND c.next_due < ?1
            AND c.next_step NOT IN ('prereview', 'approval', 'full_approval')
            AND m.user_id <> c.user_id`,
      now + WARN_AHEAD,
      now,
    ),
    // The committees above each overdue case, walked up parent_id, then their admins by org.
    notifyFromSelect(
      d1,
      `WITH RECURSIVE late AS (
           SELECT c.id, c.user_id, c.next_step, c.next_due, c.next_due_on FROM dev_cases c
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
           JOIN late c ON c.id = up.case_id
           JOIN users u ON u.id = c.user_id
           JOIN memberships m ON m.org_id = up.org_id AND m.role = 'admin' AND m.ended_at IS NULL`,
      now,
    ),
  ]);
  return { secretaries: secretaries?.meta.changes ?? 0, committees: committees?.meta.changes ?? 0 };
}
