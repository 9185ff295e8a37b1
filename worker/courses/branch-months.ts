import { type SQL, sql } from "drizzle-orm";
import { zonedMidnight } from "../../schema/evaluations/periods";
import type { Db } from "../lib/db";
import { subtreeEnd } from "../lib/paths";
import { readBatch } from "../lib/sql";
import type { OrgRow } from "../orgs";

interface MonthRow {
  month: number;
  onlineHours: number;
  offlineHours: number;
  completions: number;
}

/**
 * The statement that builds the 12 rows of `year` for every org of the subtree in `zone` that has none
 * yet, from the source rows: its current active members' credited completions by the month their moment
 * falls in (the zone's month bounds, kept on the rows for the triggers), their offline credits by the
 * month of the meeting's local day. One statement, so a credit written meanwhile is either in it or
 * added by its trigger to the rows it made, never both.
 */
function buildStatement(lo: string, hi: string, year: number, zone: string): SQL {
  const bounds = Array.from({ length: 12 }, (_, m) => [
    zonedMidnight(year, m + 1, 1, zone),
    zonedMidnight(year, m + 2, 1, zone),
  ]);
  const [from, to] = [bounds[0]![0], bounds[11]![1]];
  return sql`WITH months AS (SELECT key + 1 AS month, json_extract(value, '$[0]') AS s, json_extract(value, '$[1]') AS e
        FROM json_each(${JSON.stringify(bounds)})),
      todo AS MATERIALIZED (SELECT o.id FROM orgs o
        WHERE o.path >= ${lo} AND o.path < ${hi} AND o.time_zone = ${zone}
          AND NOT EXISTS (SELECT 1 FROM branch_study_months b WHERE b.org_id = o.id AND b.year = ${year})),
      members AS MATERIALIZED (SELECT t.id AS orgId, m.user_id AS userId FROM todo t
        JOIN memberships m ON m.org_id = t.id AND m.role = 'member' AND m.ended_at IS NULL
        JOIN users u ON u.id = m.user_id AND u.active = 1),
      online AS (SELECT mb.orgId, mo.month, sum(cc.hours) AS hours, count(*) AS n FROM members mb
        JOIN course_completions cc ON cc.user_id = mb.userId AND cc.status = 'credited'
          AND cc.completed_at >= ${from} AND cc.completed_at < ${to}
        JOIN months mo ON cc.completed_at >= mo.s AND cc.completed_at < mo.e
        GROUP BY mb.orgId, mo.month),
      offline AS (SELECT mb.orgId, CAST(substr(oc.studied_on, 6, 2) AS INTEGER) AS month, sum(oc.hours) AS hours
        FROM members mb JOIN offline_credits oc ON oc.user_id = mb.userId
          AND oc.studied_on >= ${`${year}-01-01`} AND oc.studied_on < ${`${year + 1}-01-01`}
        GROUP BY mb.orgId, month)
    INSERT INTO branch_study_months (org_id, year, month, starts_at, ends_at, online_hours, offline_hours, completions)
    SELECT t.id, ${year}, mo.month, mo.s, mo.e, coalesce(n.hours, 0), coalesce(f.hours, 0), coalesce(n.n, 0)
    FROM todo t CROSS JOIN months mo
    LEFT JOIN online n ON n.orgId = t.id AND n.month = mo.month
    LEFT JOIN offline f ON f.orgId = t.id AND f.month = mo.month
    WHERE 1
    ON CONFLICT DO NOTHING`;
}

/**
 * An org subtree's study per month of `year` (the chart of the year on its study report): 学时 credited
 * online and offline and courses credited, summed over the kept rows of its orgs (a branch: its own; a
 * committee: its branches'). One round trip when every org's rows of that year are built; otherwise a
 * second builds the missing ones (per time zone) and reads again.
 */
export async function branchMonths(db: Db, org: OrgRow, year: number) {
  const lo = org.path;
  const hi = subtreeEnd(org.path);
  const sums = sql`SELECT b.month, round(sum(b.online_hours), 4) AS onlineHours,
      round(sum(b.offline_hours), 4) AS offlineHours, sum(b.completions) AS completions
    FROM orgs o JOIN branch_study_months b ON b.org_id = o.id AND b.year = ${year}
    WHERE o.path >= ${lo} AND o.path < ${hi}
    GROUP BY b.month`;
  const [unbuilt, first] = await readBatch<[{ zone: string }, MonthRow]>(db, [
    sql`SELECT DISTINCT o.time_zone AS zone FROM orgs o WHERE o.path >= ${lo} AND o.path < ${hi}
      AND NOT EXISTS (SELECT 1 FROM branch_study_months b WHERE b.org_id = o.id AND b.year = ${year})`,
    sums,
  ]);
  let rows = first;
  if (unbuilt.length) {
    // The builds are writes riding in the batch before the read again (readBatch only prepares and sends).
    const built = await readBatch<unknown[]>(db, [...unbuilt.map((u) => buildStatement(lo, hi, year, u.zone)), sums]);
    rows = built.at(-1) as MonthRow[];
  }
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return {
    year,
    months: Array.from({ length: 12 }, (_, i) => {
      const r = byMonth.get(i + 1);
      return {
        month: i + 1,
        onlineHours: r?.onlineHours ?? 0,
        offlineHours: r?.offlineHours ?? 0,
        completions: r?.completions ?? 0,
      };
    }),
  };
}
