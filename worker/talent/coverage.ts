import { sql } from "drizzle-orm";
import { RESERVE_TRACKS, type ReserveTrack, type TalentRuleBody } from "../../schema/talent/values";
import type { Db } from "../lib/db";
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

/**
 * Coverage of the pool against the targets (e.g. "234"), for every branch under an org: ONE round trip
 * of two queries whatever the size of the tree — the rules set along and below the org, and the
 * branches with their admitted reserves counted per track (index talent_reserves_org_status_idx).
 * Each branch is held to the newest rules of its nearest org. Returns the branches that fall short.
 */
export async function coverage(db: Db, orgPath: string) {
  const end = subtreeEnd(orgPath);
  const [ruleRows, branches] = await readBatch<[RuleRow, BranchRow]>(db, [
    sql`SELECT r.id, r.org_id, r.version, r.body FROM talent_rules r JOIN orgs o ON o.id = r.org_id
         WHERE (o.path >= ${orgPath} AND o.path < ${end}) OR r.org_id IN (${sqlList(pathIds(orgPath))})`,
    sql`SELECT o.id, o.name, o.path,
               coalesce(sum(t.track = 'top'), 0) AS top,
               coalesce(sum(t.track = 'other'), 0) AS other,
               coalesce(sum(t.track = 'activist'), 0) AS activist
          FROM orgs o LEFT JOIN talent_reserves t ON t.org_id = o.id AND t.status = 'admitted'
         WHERE o.path >= ${orgPath} AND o.path < ${end} AND o.kind = 'branch' AND o.archived_at IS NULL
         GROUP BY o.id ORDER BY o.name`,
  ]);
  const rules: Rule[] = ruleRows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    version: r.version,
    body: JSON.parse(r.body) as TalentRuleBody,
  }));
  const short = [];
  for (const b of branches) {
    const rule = ruleFor(rules, b.path);
    const gaps = RESERVE_TRACKS.flatMap((track: ReserveTrack) => {
      const missing = rule.body.targets[track] - b[track];
      return missing > 0 ? [{ track, have: b[track], target: rule.body.targets[track], missing }] : [];
    });
    if (gaps.length) {
      short.push({ orgId: b.id, orgName: b.name, standard: rule.body.standard, ruleVersion: rule.version, gaps });
    }
  }
  return { branches: branches.length, met: branches.length - short.length, short };
}
