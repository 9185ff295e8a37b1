import { type SQL, sql } from "drizzle-orm";
import { zonedMidnight } from "../../schema/evaluations/periods";
import type { Db } from "../lib/db";
import { readBatch } from "../lib/sql";
import type { OrgRow } from "../orgs";

interface MonthRow {
  month: number;
  onlineHours: number;
  offlineHours: number;
  completions: number;
}

/**
 * The statement that builds the org's 12 rows of `year` when it has none yet, from the source rows: the
 * credited completions of the active people of its subtree (org_people: each person once) by the month of
 * the org's zone their moment falls in (the bounds kept on the rows for the triggers), their offline
 * credits by the month of the meeting's local day. One statement, so a credit written meanwhile is either
 * in it or added by its trigger to the rows it made, never both.
 */
function buildStatement(org: OrgRow, year: number): SQL {
  const bounds = Array.from({ length: 12 }, (_, m) => [
    zonedMidnight(year, m + 1, 1, org.timeZone),
    zonedMidnight(year, m + 2, 1, org.timeZone),
  ]);
  const [from, to] = [bounds[0]![0], bounds[11]![1]];
  return sql`WITH months AS (SELECT key + 1 AS month, json_extract(value, '$[0]') AS s, json_extract(value, '$[1]') AS e
        FROM json_each(${JSON.stringify(bounds)})),
      people AS MATERIALIZED (SELECT p.user_id AS userId FROM org_people p
        JOIN users u ON u.id = p.user_id AND u.active = 1
        WHERE p.org_id = ${org.id}),
      online AS (SELECT mo.month, sum(cc.hours) AS hours, count(*) AS n FROM people pe
        JOIN course_completions cc ON cc.user_id = pe.userId AND cc.status = 'credited'
          AND cc.completed_at >= ${from} AND cc.completed_at < ${to}
        JOIN months mo ON cc.completed_at >= mo.s AND cc.completed_at < mo.e
        GROUP BY mo.month),
      offline AS (SELECT CAST(substr(oc.studied_on, 6, 2) AS INTEGER) AS month, sum(oc.hours) AS hours
        FROM people pe JOIN offline_credits oc ON oc.user_id = pe.userId
          AND oc.studied_on >= ${`${year}-01-01`} AND oc.studied_on < ${`${year + 1}-01-01`}
        GROUP BY month)
    INSERT INTO branch_study_months (org_id, year, month, starts_at, ends_at, online_hours, offline_hours, completions)
    SELECT ${org.id}, ${year}, mo.month, mo.s, mo.e, coalesce(n.hours, 0), coalesce(f.hours, 0), coalesce(n.n, 0)
    FROM months mo
    LEFT JOIN online n ON n.month = mo.month
    LEFT JOIN offline f ON f.month = mo.month
    WHERE 1
    ON CONFLICT DO NOTHING`;
}

/**
 * An org's study per month of `year` (the chart of the year on its study report): 学时 credited online and
 * offline and courses credited by the people of its subtree (a branch: its members; a committee: everyone
 * in any of its orgs, once), each month in the org's zone. Read from the org's own 12 kept rows, whatever
 * the subtree's size: one round trip when they are built; otherwise a second builds them and reads again.
 */
export async function branchMonths(db: Db, org: OrgRow, year: number) {
  const kept = sql`SELECT month, round(online_hours, 4) AS onlineHours, round(offline_hours, 4) AS offlineHours,
      completions FROM branch_study_months WHERE org_id = ${org.id} AND year = ${year}`;
  let [rows] = await readBatch<[MonthRow]>(db, [kept]);
  if (rows.length < 12) {
    // The build is a write riding in the batch before the read again (readBatch only prepares and sends).
    const built = await readBatch<unknown[]>(db, [buildStatement(org, year), kept]);
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
