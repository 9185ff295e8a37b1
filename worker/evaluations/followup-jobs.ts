import type { D1Database } from "@cloudflare/workers-types";
import { MAX_WARN_DAYS } from "../../schema/evaluations/followups";
import { notifyFromSelect } from "../lib/notify";

const DAY = 86_400_000;

const PARAMS = `json_object('person', u.display_name, 'step', f.next_step, 'dueOn', f.next_due_on)`;

/**
 * The cron tick's follow-up warnings, found through the (status, next_due) index: the branch's
 * secretaries the follow-up's own warn_days (its rules when it opened) before a branch step's deadline, the admins of every committee above once any step (an
 * approval included) is overdue. A notice's key names the follow-up, the step and its deadline, so a
 * second tick sends nothing twice and a new deadline warns again.
 */
export async function followupWarnings(d1: D1Database, now: number) {
  const [secretaries, committees] = await d1.batch([
    notifyFromSelect(
      d1,
      `SELECT m.user_id, 'fu:' || f.id || ':' || f.next_step || ':' || f.next_due_on,
                'followup_due', ${PARAMS}, '/evaluations/followups/' || f.id, f.next_due, ?2
           FROM eval_followups f
           JOIN users u ON u.id = f.member_id
           JOIN memberships m ON m.org_id = f.branch_id AND m.role = 'secretary' AND m.ended_at IS NULL
          WHERE f.status = 'open' AND f.next_due IS NOT NULL AND f.next_due < ?1 AND f.next_due < ?2 + f.warn_days * ${DAY}
            AND f.next_step <> 'approval'
            AND m.user_id <> f.member_id`,
      now + MAX_WARN_DAYS * DAY,
      now,
    ),
    // The committees above each overdue follow-up, walked up parent_id, then their admins by org.
    notifyFromSelect(
      d1,
      `WITH RECURSIVE late AS (
           SELECT f.id FROM eval_followups f WHERE f.status = 'open' AND f.next_due IS NOT NULL AND f.next_due < ?1
         ), up (followup_id, org_id) AS (
           SELECT late.id, b.parent_id FROM late JOIN eval_followups f ON f.id = late.id JOIN orgs b ON b.id = f.branch_id
            WHERE b.parent_id IS NOT NULL
           UNION
           SELECT up.followup_id, o.parent_id FROM up JOIN orgs o ON o.id = up.org_id WHERE o.parent_id IS NOT NULL
         )
         SELECT m.user_id, 'fu-overdue:' || f.id || ':' || f.next_step || ':' || f.next_due_on,
                'followup_overdue', ${PARAMS}, '/evaluations/followups/' || f.id, f.next_due, ?1
           FROM up
           JOIN eval_followups f ON f.id = up.followup_id
           JOIN users u ON u.id = f.member_id
           JOIN memberships m ON m.org_id = up.org_id AND m.role = 'admin' AND m.ended_at IS NULL
          WHERE m.user_id <> f.member_id`,
      now,
    ),
  ]);
  return { secretaries: secretaries?.meta.changes ?? 0, committees: committees?.meta.changes ?? 0 };
}
