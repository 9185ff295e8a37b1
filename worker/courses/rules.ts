import { and, desc, eq, inArray, type Placeholder, sql } from "drizzle-orm";
import { studyRules } from "../../schema";
import {
  DEFAULT_STUDY_RULE_SOURCES,
  DEFAULT_STUDY_RULES,
  STUDY_RULE_KINDS,
  STUDY_RULE_SETTER,
  type StudyRuleKind,
  type StudyRuleValues,
} from "../../schema/courses/values";
import { auditInsert } from "../lib/audit";
import { yearOf } from "../lib/day";
import type { Db } from "../lib/db";
import { conflict, invalid, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { nearest, pathIds } from "../lib/paths";
import { sqlList } from "../lib/sql";
import type { OrgRow } from "../orgs";

/** A version as read (drizzle, or a raw row from a batch whose values are still JSON text). */
export interface RuleRow {
  orgId: string;
  kind: string;
  fromYear: number;
  version: number;
  values: Record<string, number> | string;
}

export interface RuleInForce<K extends StudyRuleKind> {
  /** null: the built-in default (no committee or school set a version in force). */
  orgId: string | null;
  version: number;
  fromYear: number | null;
  values: StudyRuleValues<K>;
}

/**
 * The version of a rule in force for `year` under `path`: of the versions from that year or before, those
 * of the nearest org that set any, and of those the latest (by year, then version). A version for a later
 * year leaves earlier years as they were, so last year's report keeps last year's quota.
 */
export function ruleInForce<K extends StudyRuleKind>(
  rows: readonly RuleRow[],
  kind: K,
  path: string,
  year: number,
): RuleInForce<K> {
  const candidates = rows
    .filter((r) => r.kind === kind && r.fromYear <= year)
    .sort((a, b) => b.fromYear - a.fromYear || b.version - a.version);
  const row = nearest(candidates, path);
  if (!row) return { orgId: null, version: 0, fromYear: null, values: DEFAULT_STUDY_RULES[kind] };
  const values = typeof row.values === "string" ? (JSON.parse(row.values) as Record<string, number>) : row.values;
  return {
    orgId: row.orgId,
    version: row.version,
    fromYear: row.fromYear,
    values: { ...DEFAULT_STUDY_RULES[kind], ...values },
  };
}

/** The values in force now (this year in the default zone) of a rule a school or committee sets. */
export const valuesNow = <K extends StudyRuleKind>(rows: readonly RuleRow[], kind: K, path: string, now = Date.now()) =>
  ruleInForce(rows, kind, path, yearOf(now)).values;

/** The raw statement for the versions of some kinds on the orgs along `paths` (for a batch with other reads). */
export const rulesOnSql = (kinds: StudyRuleKind | StudyRuleKind[], paths: readonly string[]) =>
  sql`SELECT org_id AS orgId, kind, from_year AS fromYear, version, "values" FROM study_rules
    WHERE kind IN (${sqlList([kinds].flat())}) AND org_id IN (${sqlList([...new Set(paths.flatMap(pathIds))])})`;

/**
 * The versions of one kind along an org path as a JSON column of another select (parse with rulesFrom):
 * inside db.batch, a join of tables with the same column names would lose columns, so this rides along.
 * The path's org ids are one JSON parameter, so the text is the same for every path: `path` may be a
 * placeholder of a statement built once, filled with `pathIdsJson`.
 */
export const rulesColumn = (kind: StudyRuleKind, path: string | Placeholder) =>
  sql<string>`(SELECT json_group_array(json_object('orgId', r.org_id, 'kind', r.kind, 'fromYear', r.from_year,
    'version', r.version, 'values', json(r."values"))) FROM study_rules r
    WHERE r.kind = ${kind} AND r.org_id IN (SELECT value FROM json_each(${typeof path === "string" ? pathIdsJson(path) : path})))`;
export const pathIdsJson = (path: string) => JSON.stringify(pathIds(path));
export const rulesFrom = (column: string | null) => (column ? (JSON.parse(column) as RuleRow[]) : []);

/** The versions of one kind set along an org path (one indexed query). */
export const rulesAlong = (db: Db, kind: StudyRuleKind, path: string) =>
  db
    .select()
    .from(studyRules)
    .where(and(eq(studyRules.kind, kind), inArray(studyRules.orgId, pathIds(path))));

/** What the rules page shows for an org: per kind, the version in force this year and every version along its path. */
export async function rulesPage(db: Db, org: OrgRow, year: number) {
  const rows = await db
    .select()
    .from(studyRules)
    .where(inArray(studyRules.orgId, pathIds(org.path)))
    .orderBy(desc(studyRules.fromYear), desc(studyRules.version));
  return {
    year,
    kinds: STUDY_RULE_KINDS.map((kind) => ({
      kind,
      setter: STUDY_RULE_SETTER[kind],
      defaults: DEFAULT_STUDY_RULES[kind],
      defaultSource: DEFAULT_STUDY_RULE_SOURCES[kind],
      inForce: ruleInForce(rows, kind, org.path, year),
      versions: rows.filter((r) => r.kind === kind),
    })),
  };
}

/**
 * A new version of one rule on a committee (quotas, plausibility) or a party school (credit, checkpoint),
 * audited in the same batch; the unique (org, kind, version) index refuses a concurrent duplicate.
 */
export async function addStudyRule(
  db: Db,
  actorId: string,
  org: OrgRow,
  input: { kind: StudyRuleKind; fromYear: number; values: Record<string, number>; source: string; note?: string },
  now = Date.now(),
) {
  if (org.kind !== STUDY_RULE_SETTER[input.kind]) {
    throw invalid(`${input.kind} rules are set by a ${STUDY_RULE_SETTER[input.kind]}`, [
      { path: "kind", code: "invalid_value" },
    ]);
  }
  const [last] = await db
    .select({ version: studyRules.version })
    .from(studyRules)
    .where(and(eq(studyRules.orgId, org.id), eq(studyRules.kind, input.kind)))
    .orderBy(desc(studyRules.version))
    .limit(1);
  const row = {
    id: newId(),
    orgId: org.id,
    kind: input.kind,
    fromYear: input.fromYear,
    version: (last?.version ?? 0) + 1,
    values: input.values,
    source: input.source,
    note: input.note ?? "",
    createdBy: actorId,
    createdAt: now,
  };
  const { id: _id, orgId: _org, createdBy: _by, createdAt: _at, ...detail } = row;
  try {
    await db.batch([
      db.insert(studyRules).values(row),
      auditInsert(
        db,
        { actorId, action: "study_rule_added", entity: "study_rule", entityId: row.id, orgId: org.id, detail },
        now,
      ),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw conflict("another version was saved at the same time", { cause: String(err) });
  }
  return { id: row.id, version: row.version };
}
