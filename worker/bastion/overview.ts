import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { bastionScores, evalCycles, orgs } from "../../schema";
import { BANDS, type Band } from "../../schema/bastion/values";
import type { Db } from "../lib/db";
import { page } from "../lib/pagination";
import { subtreeRange } from "../lib/paths";
import type { OrgRow } from "../orgs";
import type { Explanation } from "../vanguard";
import { nameSources, type SourceKind } from "../vanguard";
import { handItemsOf, itemsQuery } from "./items";
import { modelsOnPathQuery, pickModel } from "./model";
import type { Groups } from "./score";

type Stored = Explanation & { groups: Groups };
const band = sql<Band>`coalesce(${bastionScores.band}, 'unscored')`;
// Groups in the order to act on them (lagging first); inside a group by name: never by score, no ranks.
const bandOrder = sql.raw(
  `CASE ${BANDS.map((b, i) => `WHEN coalesce(bastion_scores.band, 'unscored') = '${b}' THEN ${i}`).join(" ")} END`,
);

/** The subtree's branches, each joined to its score of the period when it has one. */
const branchesWithScores = (path: string, start: number, end: number) => ({
  where: and(subtreeRange(orgs.path, path), eq(orgs.kind, "branch"), isNull(orgs.archivedAt)) as SQL,
  join: and(eq(bastionScores.orgId, orgs.id), eq(bastionScores.periodStart, start), eq(bastionScores.periodEnd, end)),
});

/**
 * One batch of two: how many branches of the subtree sit in each band (lagging and not yet scored
 * included) and one page of them, grouped by band and by name inside it, each with its explanation.
 */
export async function overview(
  db: Db,
  path: string,
  q: { start: number; end: number; band?: Band | undefined; limit: number; offset: number },
) {
  const { where, join } = branchesWithScores(path, q.start, q.end);
  const [counts, rows] = await db.batch([
    db.select({ band, n: sql<number>`count(*)` }).from(orgs).leftJoin(bastionScores, join).where(where).groupBy(band),
    db
      .select({
        orgId: orgs.id,
        name: orgs.name,
        orgType: orgs.orgType,
        band,
        score: bastionScores.score,
        status: bastionScores.status,
        modelVersion: bastionScores.modelVersion,
        explanation: bastionScores.explanation,
      })
      .from(orgs)
      .leftJoin(bastionScores, join)
      .where(q.band ? and(where, sql`${band} = ${q.band}`) : where)
      .orderBy(bandOrder, asc(orgs.name), asc(orgs.id))
      .limit(q.limit + 1)
      .offset(q.offset),
  ]);
  const bands = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
  for (const c of counts) bands[c.band] = c.n;
  const items = rows.map(({ explanation, ...r }) => ({ ...r, explanation: brief(explanation as Stored | null) }));
  return { bands, ...page(items, q.limit, q.offset) };
}

/** The lines without their record lists: what each part gave, what is missing and why, which lagging item hit. */
function brief(e: Stored | null) {
  if (!e) return null;
  return {
    coverage: e.coverage,
    adjustments: e.adjustments,
    lines: e.lines.map((l) => ({
      key: l.key,
      group: e.groups[l.key] ?? "common",
      label: l.label,
      max: l.max,
      status: l.status,
      reason: l.reason,
      value: l.value,
      unit: l.unit,
      contribution: l.contribution,
    })),
  };
}

/** One query: the periods with stored scores in the subtree, newest first, with the cycle label that closed them. */
export function storedPeriods(db: Db, path: string) {
  return db
    .select({
      periodStart: bastionScores.periodStart,
      periodEnd: bastionScores.periodEnd,
      branches: sql<number>`count(*)`.as("branches"),
      label: sql<string | null>`max(${evalCycles.label})`.as("label"),
    })
    .from(bastionScores)
    .innerJoin(orgs, eq(orgs.id, bastionScores.orgId))
    .leftJoin(
      evalCycles,
      and(
        eq(evalCycles.branchId, bastionScores.orgId),
        eq(evalCycles.periodStart, bastionScores.periodStart),
        eq(evalCycles.periodEnd, bastionScores.periodEnd),
      ),
    )
    .where(subtreeRange(orgs.path, path))
    .groupBy(bastionScores.periodStart, bastionScores.periodEnd)
    .orderBy(desc(bastionScores.periodStart), desc(bastionScores.periodEnd))
    .limit(40);
}

/** The records only this feature's explanations name; the rest (cycles, rounds, services) vanguard knows. */
const KINDS: Record<string, SourceKind> = {
  member: {
    query: (ids) => sql`SELECT id, display_name AS name, NULL AS at, id AS ref FROM users
      WHERE id IN (SELECT value FROM json_each(${ids}))`,
    link: (id) => `/vanguard/member/${id}`,
  },
  dev_step: {
    query: (ids) => sql`SELECT id, step AS name, created_at AS at, case_id AS ref FROM dev_steps
      WHERE id IN (SELECT value FROM json_each(${ids}))`,
    link: (caseId) => `/development/case/${caseId}`,
  },
  eval_followup: {
    query: (ids) => sql`SELECT f.id AS id, u.display_name AS name, f.created_at AS at, f.cycle_id AS ref
      FROM eval_followups f JOIN users u ON u.id = f.member_id WHERE f.id IN (SELECT value FROM json_each(${ids}))`,
    link: (cycleId) => `/evaluations/cycle/${cycleId}`,
  },
  bastion_item: {
    query: (ids) => sql`SELECT id, evidence AS name, occurred_at AS at, NULL AS ref FROM bastion_items
      WHERE id IN (SELECT value FROM json_each(${ids}))`,
  },
};

/**
 * One branch's stored score of a period with every source named, what may be assessed by hand and the
 * assessments so far: 2 round trips (one batch of 3 reads, then the names), or null when not scored.
 */
export async function branchDetail(db: Db, org: OrgRow, start: number, end: number) {
  const [[row], models, items] = await db.batch([
    db
      .select()
      .from(bastionScores)
      .where(
        and(eq(bastionScores.orgId, org.id), eq(bastionScores.periodStart, start), eq(bastionScores.periodEnd, end)),
      ),
    modelsOnPathQuery(db, org.id),
    itemsQuery(db, org.id),
  ]);
  if (!row) return null;
  const { groups, ...explanation } = row.explanation as Stored;
  const { inputs: _inputs, ...score } = row;
  const [named] = await nameSources(db, [{ ...score, groups, explanation }], KINDS);
  return { ...named!, hand: handItemsOf(pickModel(models, org.path).definition, org.orgType), items };
}
