import { desc, inArray } from "drizzle-orm";
import { devRules } from "../../schema";
import { DEFAULT_RULES, DEFAULT_SOURCES, type RuleSources, type RuleValues } from "../../schema/development/values";
import type { Db } from "../lib/db";
import { conflict } from "../lib/errors";
import { newId } from "../lib/ids";
import { nearest, pathIds } from "../lib/paths";

export interface RuleSet {
  /** null: the built-in defaults of the 细则. */
  id: string | null;
  orgId: string | null;
  version: number;
  values: RuleValues;
  sources: RuleSources;
  note: string;
  createdAt: number | null;
}

const DEFAULT_RULE_SET: RuleSet = {
  id: null,
  orgId: null,
  version: 0,
  values: DEFAULT_RULES,
  sources: DEFAULT_SOURCES,
  note: "",
  createdAt: null,
};

/** The query for every version set on an org or its ancestors, newest first. */
export const rulesAlong = (db: Db, path: string) =>
  db
    .select()
    .from(devRules)
    .where(inArray(devRules.orgId, pathIds(path)))
    .orderBy(desc(devRules.version));

/** The rules in force under `path`: the newest version on the nearest committee that set any. */
export function rulesInForce(rows: readonly (typeof devRules.$inferSelect)[], path: string): RuleSet {
  const row = nearest(rows, path);
  // A version saved before a rule existed takes that rule's default and its source.
  return row
    ? { ...row, values: { ...DEFAULT_RULES, ...row.values }, sources: { ...DEFAULT_SOURCES, ...row.sources } }
    : DEFAULT_RULE_SET;
}

/** A new version on a committee; the unique (org, version) index refuses a concurrent duplicate. */
export async function addRuleVersion(
  db: Db,
  orgId: string,
  input: { values: RuleValues; sources: RuleSources; note: string },
  by: string,
  now: number,
) {
  const rows = await db
    .select({ version: devRules.version })
    .from(devRules)
    .where(inArray(devRules.orgId, [orgId]));
  const version = Math.max(0, ...rows.map((r) => r.version)) + 1;
  const id = newId();
  try {
    await db.insert(devRules).values({ id, orgId, version, ...input, createdBy: by, createdAt: now });
  } catch (err) {
    throw conflict("another version was saved at the same time", { cause: String(err) });
  }
  return { id, version };
}
