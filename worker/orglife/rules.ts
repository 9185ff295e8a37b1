import { sql } from "drizzle-orm";
import { orglifeKinds, orglifeRules } from "../../schema";
import {
  BUILT_IN_KINDS,
  DEFAULT_RHYTHM,
  DEFAULT_SOURCES,
  type RhythmSources,
  type RhythmValues,
} from "../../schema/orglife/values";
import { dayIn } from "../lib/day";
import type { Db } from "../lib/db";
import { conflict, invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { nearest, pathIds, subtreeEnd } from "../lib/paths";
import { sqlList } from "../lib/sql";

export interface RhythmSet {
  /** null: the built-in defaults of the 条例. */
  id: string | null;
  orgId: string | null;
  version: number;
  fromYear: number | null;
  values: RhythmValues;
  sources: RhythmSources;
  note: string;
}

const BUILT_IN: RhythmSet = {
  id: null,
  orgId: null,
  version: 0,
  fromYear: null,
  values: DEFAULT_RHYTHM,
  sources: DEFAULT_SOURCES,
  note: "",
};

// Only committees set rhythms and kinds (an archived one has only archived branches): the (kind, archived,
// path) index reads the subtree's committees, never its branches.
const orgsInside = (path: string) =>
  sql`SELECT id FROM orgs WHERE kind = 'committee' AND archived_at IS NULL AND path >= ${path} AND path < ${subtreeEnd(path)}`;

/** Orgs along `path` (its committees) and, for a subtree view, every org inside it too. */
const onOrgs = (path: string, subtree: boolean) =>
  subtree
    ? sql`(org_id IN (${sqlList(pathIds(path))}) OR org_id IN (${orgsInside(path)}))`
    : sql`org_id IN (${sqlList(pathIds(path))})`;

const ruleColumns = sql`id, org_id AS orgId, version, from_year AS fromYear, "values", sources, note, created_at AS createdAt`;

/** Every rhythm version set on those orgs, newest first (a handful of rows; JSON as text). */
export const rulesSql = (path: string, subtree = false) =>
  sql`SELECT ${ruleColumns} FROM orglife_rules WHERE ${onOrgs(path, subtree)} ORDER BY version DESC`;

/** Every rhythm version of the tenant: a few per committee that set one, read without walking the orgs. */
export const everyRuleSql = sql`SELECT ${ruleColumns} FROM orglife_rules ORDER BY version DESC`;

/** Kinds committees added on those orgs. */
export const kindsSql = (path: string, subtree = false) =>
  sql`SELECT id, org_id AS orgId, name FROM orglife_kinds WHERE ${onOrgs(path, subtree)} ORDER BY created_at`;

export interface RuleRow {
  id: string;
  orgId: string;
  version: number;
  fromYear: number;
  values: RhythmValues;
  sources: RhythmSources;
  note: string;
  createdAt: number;
}
export interface KindRow {
  id: string;
  orgId: string;
  name: string;
}

/** Raw rows carry the JSON columns as text. */
export const parseRules = (rows: readonly Record<string, unknown>[]): RuleRow[] =>
  rows.map((r) => ({
    ...(r as unknown as RuleRow),
    values: JSON.parse(String(r.values)),
    sources: JSON.parse(String(r.sources)),
  }));

/**
 * The rhythm for `year` under `path`: the newest version from that year or before on the nearest
 * committee that set one. A version made later never changes an earlier year.
 */
export function rhythmFor(rows: readonly RuleRow[], path: string, year: number): RhythmSet {
  const row = nearest(
    rows.filter((r) => r.fromYear <= year),
    path,
  );
  if (!row) return BUILT_IN;
  return {
    ...row,
    values: { ...DEFAULT_RHYTHM, ...row.values },
    sources: { ...DEFAULT_SOURCES, ...row.sources },
  };
}

/** The kinds a branch may hold: the built-in ones, then its committees' own (by name). */
export function kindsAt(rows: readonly KindRow[], path: string) {
  const ids = pathIds(path);
  return [
    ...BUILT_IN_KINDS.map((k) => ({ id: k as string, name: null as string | null })),
    ...rows.filter((r) => ids.includes(r.orgId)).map((r) => ({ id: r.id, name: r.name as string | null })),
  ];
}

/**
 * A new version on a committee, numbered inside the INSERT (two concurrent writers collide on the
 * unique index). It may start this year or later in the committee's zone, never in a past year.
 */
export async function addRuleVersion(
  db: Db,
  org: { id: string; timeZone: string },
  input: { fromYear: number; values: RhythmValues; sources: RhythmSources; note: string },
  known: readonly string[],
  by: string,
  now: number,
) {
  const thisYear = Number(dayIn(now, org.timeZone).slice(0, 4));
  if (input.fromYear < thisYear)
    throw invalid("a rhythm version cannot start in a past year", [{ path: "fromYear", code: "past_year" }]);
  const unknown = Object.keys(input.values).filter((k) => !known.includes(k));
  if (unknown.length)
    throw invalid(
      "unknown meeting kind",
      unknown.map((k) => ({ path: `values.${k}`, code: "unknown_kind" })),
    );
  const id = newId();
  const next = sql<number>`(SELECT coalesce(max(version), 0) + 1 FROM orglife_rules WHERE org_id = ${org.id})`;
  try {
    const [row] = await db
      .insert(orglifeRules)
      .values({ id, orgId: org.id, version: next, ...input, createdBy: by, createdAt: now })
      .returning({ id: orglifeRules.id, version: orglifeRules.version });
    return row!;
  } catch (err) {
    throw conflict("another version was saved at the same time", { cause: String(err) });
  }
}

export async function addKind(db: Db, orgId: string, name: string, by: string, now: number) {
  const id = newId();
  await db.insert(orglifeKinds).values({ id, orgId, name, createdBy: by, createdAt: now });
  return { id, name };
}
