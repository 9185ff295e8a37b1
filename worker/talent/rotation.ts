import { addDays, addMonths } from "../lib/day";

/** The due_work row of a branch's advisor terms: opened, reminded and closed by the talent job. */
export const ADVISOR_DUE = "talent_advisor";
export const advisorDueKey = (branchId: string) => ({ kind: ADVISOR_DUE, subject: branchId, ref: "advisors" });

/** Offices that make a member not "without a post" (无职党员): rotating advisors have none. */
export const OFFICE_ROLES = ["secretary", "school", "admin"] as const;

/**
 * The members a branch may rotate in, in the order they rotate: those who never served first, then the
 * one whose last advisor term ended longest ago; ties by who joined the branch first, then by id (so
 * the order is stable). A member holding an open advisor term, or any office, is not eligible.
 * ?1 the branch.
 */
export const ELIGIBLE_SQL = `
  SELECT m.user_id AS userId, u.display_name AS name,
         (SELECT max(coalesce(t.closed_on, t.ends_on)) FROM talent_terms t
           WHERE t.member_id = m.user_id AND t.kind = 'advisor') AS lastServed
    FROM memberships m JOIN users u ON u.id = m.user_id
   WHERE m.org_id = ?1 AND m.role = 'member' AND m.ended_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.user_id = m.user_id AND o.ended_at IS NULL
                      AND o.role IN (${OFFICE_ROLES.map((r) => `'${r}'`).join(", ")}))
     AND NOT EXISTS (SELECT 1 FROM talent_terms t WHERE t.member_id = m.user_id AND t.kind = 'advisor'
                      AND t.closed_on IS NULL)
   ORDER BY lastServed IS NOT NULL, lastServed, m.started_at, m.user_id`;

export interface Rule {
  startsOn: string;
  termMonths: number;
  noticeDays: number;
}

export interface Period {
  startsOn: string;
  endsOn: string;
  /** The day its terms open and the advisors are told: noticeDays before the start. */
  opensOn: string;
}

function period(rule: Rule, k: number): Period {
  const startsOn = addMonths(rule.startsOn, k * rule.termMonths);
  return {
    startsOn,
    endsOn: addDays(addMonths(rule.startsOn, (k + 1) * rule.termMonths), -1),
    opensOn: addDays(startsOn, -rule.noticeDays),
  };
}

/**
 * The periods whose terms should be open on `today` (their opening day has come and they have not
 * ended: the running one and, in its last days, the next), and the next period to open after them.
 */
export function periodsAt(rule: Rule, today: string) {
  const months = (Number(today.slice(0, 4)) - Number(rule.startsOn.slice(0, 4))) * 12;
  const since = months + Number(today.slice(5, 7)) - Number(rule.startsOn.slice(5, 7));
  let k = Math.max(0, Math.floor(since / rule.termMonths) - 1);
  const due: Period[] = [];
  for (;;) {
    const p = period(rule, k++);
    if (p.opensOn > today) return { due, next: p };
    if (p.endsOn >= today) due.push(p);
  }
}
