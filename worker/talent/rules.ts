import { desc, eq, inArray, sql } from "drizzle-orm";
import { talentRules } from "../../schema";
import { DEFAULT_RULE, type TalentRuleBody } from "../../schema/talent/values";
import type { Db } from "../lib/db";
import { newId } from "../lib/ids";
import { pathIds } from "../lib/paths";

export interface Rule {
  id: string | null;
  orgId: string | null;
  version: number;
  body: TalentRuleBody;
}

const BUILT_IN: Rule = { id: null, orgId: null, version: 0, body: DEFAULT_RULE };

/** Of rule rows on orgs along `path`, the newest version on the nearest org; the built-in default when none. */
export function ruleFor(rows: readonly Rule[], path: string): Rule {
  const ids = pathIds(path);
  let best = BUILT_IN;
  let depth = -1;
  for (const r of rows) {
    const d = ids.indexOf(r.orgId ?? "");
    if (d < 0) continue;
    if (d > depth || (d === depth && r.version > best.version)) {
      best = r;
      depth = d;
    }
  }
  return best;
}

const ruleColumns = {
  id: talentRules.id,
  orgId: talentRules.orgId,
  version: talentRules.version,
  body: talentRules.body,
};

/** One query: every version set on the org or its ancestors (a handful of rows). */
const rulesAlong = (db: Db, path: string) =>
  db
    .select(ruleColumns)
    .from(talentRules)
    .where(inArray(talentRules.orgId, pathIds(path)));

export async function currentRule(db: Db, path: string) {
  return ruleFor(await rulesAlong(db, path), path);
}

export async function getRule(db: Db, id: string | null): Promise<Rule> {
  if (!id) return BUILT_IN;
  const [row] = await db.select(ruleColumns).from(talentRules).where(eq(talentRules.id, id));
  return row ?? BUILT_IN;
}

/** The versions set on one org, newest first. */
export const ruleHistory = (db: Db, orgId: string) =>
  db
    .select({ ...ruleColumns, createdAt: talentRules.createdAt })
    .from(talentRules)
    .where(eq(talentRules.orgId, orgId))
    .orderBy(desc(talentRules.version));

/**
 * A new version, numbered inside the INSERT: two concurrent writers collide on the unique
 * (org, version) index instead of both taking the same number. Older versions stay as they were.
 */
export async function writeRule(db: Db, orgId: string, body: TalentRuleBody, actorId: string, now: number) {
  const id = newId();
  const next = sql<number>`(SELECT coalesce(max(version), 0) + 1 FROM talent_rules WHERE org_id = ${orgId})`;
  const [row] = await db
    .insert(talentRules)
    .values({ id, orgId, version: next, body, createdBy: actorId, createdAt: now })
    .returning({ id: talentRules.id, version: talentRules.version });
  return row!;
}
