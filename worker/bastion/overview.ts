import { and, desc, eq, sql } from "drizzle-orm";
import { bastionScores, evalCycles, orgs } from "../../schema";
import { BANDS, type Band, type BastionStatus } from "../../schema/bastion/values";
import type { OrgType } from "../../schema/orgs/values";
import type { Db } from "../lib/db";
import { page } from "../lib/pagination";
import { subtreeEnd, subtreeRange } from "../lib/paths";
import { readBatch } from "../lib/sql";
import { meetingSource } from "../orglife";
import type { OrgRow } from "../orgs";
import type { Explanation } from "../vanguard";
import { nameSources, type SourceKind } from "../vanguard";
import { handItemsOf, itemsQuery } from "./items";
import { modelsOnPathQuery, pickModel } from "./model";
import type { Groups, Summary } from "./score";

type Stored = Explanation & { groups: Groups };
interface Row {
  orgId: string;
  name: string;
  orgType: OrgType;
  band: Band;
  score: number | null;
  status: BastionStatus | null;
  modelVersion: number | null;
  summary: string | null;
}

/**
 * One batch of three: how many branches of the subtree sit in each band (lagging and not yet scored
 * included) and one band's page, by name (never by score, no ranks), each with its explanation.
 * Counts and the page's choice come from indexes alone (bastion_scores_subtree_idx, _band_idx,
 * orgs_kind_path_idx); only the page's own score rows are read. The "unscored" page, the branches
 * without a score, is the one that walks the subtree.
 */
export async function overview(
  db: Db,
  path: string,
  q: { start: number; end: number; band: Band; limit: number; offset: number },
) {
  const hi = subtreeEnd(path);
  const period = sql`period_start = ${q.start} AND period_end = ${q.end}`;
  const live = sql`o.kind = 'branch' AND o.archived_at IS NULL AND o.path >= ${path} AND o.path < ${hi}`;
  const pageRows =
    q.band === "unscored"
      ? sql`SELECT o.id AS orgId, o.name AS name, o.org_type AS orgType, 'unscored' AS band, NULL AS score,
            NULL AS status, NULL AS modelVersion, NULL AS summary
          FROM orgs o WHERE ${live}
            AND NOT EXISTS (SELECT 1 FROM bastion_scores x WHERE x.org_id = o.id AND x.${period})
          ORDER BY o.name, o.id LIMIT ${q.limit + 1} OFFSET ${q.offset}`
      : sql`SELECT s.org_id AS orgId, o.name AS name, o.org_type AS orgType, s.band AS band, s.score AS score,
            s.status AS status, s.model_version AS modelVersion, s.summary AS summary
          FROM (SELECT rowid AS r FROM bastion_scores WHERE ${period} AND band = ${q.band}
                  AND org_path >= ${path} AND org_path < ${hi}
                ORDER BY org_name, org_id LIMIT ${q.limit + 1} OFFSET ${q.offset}) p
          JOIN bastion_scores s ON s.rowid = p.r JOIN orgs o ON o.id = s.org_id
          ORDER BY s.org_name, s.org_id`;
  const [counts, [branchCount], rows] = await readBatch<[{ band: Band; n: number }, { n: number }, Row]>(db, [
    sql`SELECT band, count(*) AS n FROM bastion_scores WHERE ${period} AND org_path >= ${path} AND org_path < ${hi}
      GROUP BY band`,
    sql`SELECT count(*) AS n FROM orgs o WHERE ${live}`,
    pageRows,
  ]);
  const bands = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
  for (const c of counts) bands[c.band] = c.n;
  bands.unscored = Math.max(0, (branchCount?.n ?? 0) - counts.reduce((sum, c) => sum + c.n, 0));
  const items = rows.map(({ summary, ...r }) => ({
    ...r,
    explanation: summary ? (JSON.parse(summary) as Summary) : null,
  }));
  return { bands, ...page(items, q.limit, q.offset) };
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
  orglife_meeting: meetingSource,
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
