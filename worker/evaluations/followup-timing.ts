import { desc, inArray } from "drizzle-orm";
import { evalFollowupRules } from "../../schema";
import {
  FOLLOWUP_RULE_DEFAULTS,
  FOLLOWUP_RULE_SOURCE,
  type FollowupRuleValues,
} from "../../schema/evaluations/followups";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { conflict } from "../lib/errors";
import { newId } from "../lib/ids";
import { nearest, pathIds } from "../lib/paths";

// The follow-up time rules as data: versions per committee, the newest on the nearest committee in force.
// A follow-up copies the values in force when it opens, so a later version never moves its deadlines.

type RuleRow = typeof evalFollowupRules.$inferSelect;
export interface FollowupTiming extends FollowupRuleValues {
  /** null: the platform's defaults. */
  id: string | null;
  orgId: string | null;
  version: number;
  source: string;
  note: string;
  createdAt: number | null;
}

const DEFAULT_TIMING: FollowupTiming = {
  id: null,
  orgId: null,
  version: 0,
  ...FOLLOWUP_RULE_DEFAULTS,
  source: FOLLOWUP_RULE_SOURCE,
  note: "",
  createdAt: null,
};

/** Every version set on an org or its ancestors, newest first. */
export const timingAlong = (db: Db, path: string) =>
  db
    .select()
    .from(evalFollowupRules)
    .where(inArray(evalFollowupRules.orgId, pathIds(path)))
    .orderBy(desc(evalFollowupRules.version));

/** The rules in force under `path` (rows newest first, as timingAlong gives them). */
export function timingInForce(rows: readonly RuleRow[], path: string): FollowupTiming {
  const row = nearest(rows, path);
  return row ?? DEFAULT_TIMING;
}

/** A new version on a committee, audited; the unique (org, version) index refuses a concurrent duplicate. */
export async function addTimingVersion(
  db: Db,
  orgId: string,
  input: FollowupRuleValues & { source: string; note: string },
  by: string,
  now: number,
) {
  const rows = await db
    .select({ version: evalFollowupRules.version })
    .from(evalFollowupRules)
    .where(inArray(evalFollowupRules.orgId, [orgId]));
  const version = Math.max(0, ...rows.map((r) => r.version)) + 1;
  const id = newId();
  try {
    await db.batch([
      db.insert(evalFollowupRules).values({ id, orgId, version, ...input, createdBy: by, createdAt: now }),
      auditInsert(
        db,
        {
          actorId: by,
          action: "followup_rules.add",
          entity: "eval_followup_rules",
          entityId: id,
          orgId,
          detail: { version, ...input },
        },
        now,
      ),
    ]);
  } catch (err) {
    throw conflict("another version was saved at the same time", { cause: String(err) });
  }
  return { id, version };
}

/**
 * For the cron's raw SQL: the newest version on the nearest committee above branch `branchParam`. The
 * branch's path split into its org ids reaches the rules through the (org_id, version) index.
 */
export const timingForBranchSql = (branchParam: string) =>
  `SELECT r.id, r.plan_days, r.next_days, r.warn_days FROM orgs b
     JOIN json_each('["' || replace(trim(b.path, '/'), '/', '","') || '"]') a
     JOIN eval_followup_rules r ON r.org_id = a.value
    WHERE b.id = ${branchParam}
    ORDER BY a.key DESC, r.version DESC LIMIT 1`;
