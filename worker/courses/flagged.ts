import { sql } from "drizzle-orm";

/**
 * From orgs `o` (a subtree's, chosen by the query) to the flagged completions `cc` of their active members
 * now (`m` the membership, `u` the member): the rows of the review queue and what a secretary's home counts,
 * so the two agree. Sought per member by the flagged-only index; CROSS JOIN keeps that order (without
 * statistics SQLite walked every completion of the tenant).
 */
export const flaggedOfMembers = sql`CROSS JOIN memberships m ON m.org_id = o.id AND m.role = 'member' AND m.ended_at IS NULL
  CROSS JOIN course_completions cc ON cc.user_id = m.user_id AND cc.status = 'flagged'
  CROSS JOIN users u ON u.id = cc.user_id AND u.active = 1`;
