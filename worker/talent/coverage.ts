import { sql } from "drizzle-orm";
import { RESERVE_TRACKS, type ReserveTrack, type TalentRuleBody } from "../../schema/talent/values";
import type { Db } from "../lib/db";
import { afterOrg, keysetPage } from "../lib/pagination";
import { pathIds, subtreeEnd } from "../lib/paths";
import { readBatch, sqlList } from "../lib/sql";
import { type Rule, ruleFor } from "./rules";

interface RuleRow {
  id: string;
  org_id: string;
  version: number;
  body: string;
}
interface BranchRow {
  id: string;
  name: string;
  path: string;
  top: number;
  other: number;
  activist: number;
}

const rulesSql = (orgPath: string) =>
  sql`SELECT r.id, r.org_id, r.version, r.body FROM talent_rules r JOIN orgs o ON o.id = r.org_id
       WHERE (o.path >= ${orgPath} AND o.path < ${subtreeEnd(orgPath)}) OR r.org_id IN (${sqlList(pathIds(orgPath))})`;

const inSubtree = (orgPath: string) =>
  sql`o.path >= ${orgPath} AND o.path < ${subtreeEnd(orgPath)} AND o.kind = 'branch' AND o.archived_at IS NULL`;

/** Each branch held to the newest rules of its nearest org: what it has per track and the gaps. */
function standing(rules: readonly Rule[], b: BranchRow) {
  const rule = ruleFor(rules, b.path);
  const gaps = RESERVE_TRACKS.flatMap((track: ReserveTrack) => {
    const missing = rule.body.targets[track] - b[track];
    return missing > 0 ? [{ track, have: b[track], target: rule.body.targets[track], missing }] : [];
  });
  return { orgId: b.id, orgName: b.name, standard: rule.body.standard, ruleVersion: rule.version, gaps };
}

const parse = (rows: RuleRow[]): Rule[] =>
  rows.map((r) => ({ id: r.id, orgId: r.org_id, version: r.version, body: JSON.parse(r.body) as TalentRuleBody }));

/**
 * A page of the branches under an org in path order, each against the pool's targets (e.g. "234"): ONE
 * round trip of two queries, the rules set along and below the org and the page's branches, their
 * admitted reserves counted per track off talent_reserves_org_status_idx. The (kind, archived, path)
 * index serves the range and the order, so the read stops at the page's end whatever the subtree.
 */
export async function coveragePage(db: Db, orgPath: string, page: { limit: number; after?: string }) {
  const count = (track: ReserveTrack) =>
    sql`(SELECT count(*) FROM talent_reserves t WHERE t.org_id = o.id AND t.status = 'admitted' AND t.track = ${track})`;
  const [ruleRows, branches] = await readBatch<[RuleRow, BranchRow]>(db, [
    rulesSql(orgPath),
    sql`SELECT o.id, o.name, o.path, ${count("top")} AS top, ${count("other")} AS other, ${count("activist")} AS activist
          FROM orgs o WHERE ${inSubtree(orgPath)}
          ${afterOrg(sql`o.path`, page.after)}
         ORDER BY o.path LIMIT ${page.limit + 1}`,
  ]);
  const rules = parse(ruleRows);
  return keysetPage(
    branches.map((b) => standing(rules, b)),
    page.limit,
    (b) => b.orgId,
  );
}

/**
 * How many branches under the org meet their targets: two queries in one round trip, the second reading
 * every branch of the subtree with its admitted reserves grouped (one row per branch): the cost grows
 * with the subtree, read once per view.
 */
export async function coverageSummary(db: Db, orgPath: string) {
  const [ruleRows, branches] = await readBatch<[RuleRow, BranchRow]>(db, [
    rulesSql(orgPath),
    sql`SELECT o.id, o.name, o.path,
               coalesce(sum(t.track = 'top'), 0) AS top,
               coalesce(sum(t.track = 'other'), 0) AS other,
               coalesce(sum(t.track = 'activist'), 0) AS activist
          FROM orgs o LEFT JOIN talent_reserves t ON t.org_id = o.id AND t.status = 'admitted'
         WHERE ${inSubtree(orgPath)}
         GROUP BY o.id`,
  ]);
  const rules = parse(ruleRows);
  const met = branches.filter((b) => standing(rules, b).gaps.length === 0).length;
  return { branches: branches.length, met };
}
