import { sql } from "drizzle-orm";
import type { Attendance } from "../../schema/orglife/values";
import { dayIn } from "../lib/day";
import type { Db } from "../lib/db";
import { subtreeEnd } from "../lib/paths";
import { readBatch } from "../lib/sql";
import type { OrgRow } from "../orgs";
import { branchMembersSql, type MeetingRow } from "./meetings";
import { kindStatus, parseMonths } from "./rhythm";
import { type KindRow, kindsAt, kindsSql, parseRules, type RuleRow, rhythmFor, rulesSql } from "./rules";

const inYear = (year: number) => sql`meeting_on >= ${`${year}-01-01`} AND meeting_on < ${`${year + 1}-01-01`}`;

/** Held meetings per kind and month, as "month=count,…" per (branch, kind): one row per pair, not per meeting. */
const monthCountsSql = (where: ReturnType<typeof sql>) =>
  sql`SELECT branch_id AS branchId, kind, group_concat(mo || '=' || n) AS months FROM (
      SELECT branch_id, kind, CAST(substr(meeting_on, 6, 2) AS INTEGER) AS mo, count(*) AS n
        FROM orglife_meetings WHERE status = 'held' AND ${where}
       GROUP BY branch_id, kind, mo)
    GROUP BY branch_id, kind`;

interface CountRow {
  branchId: string;
  kind: string;
  months: string;
}

/** Every kind with a rhythm or a held meeting, and how the branch stands against it this year. */
function kindsReport(
  path: string,
  year: number,
  today: string,
  rules: readonly RuleRow[],
  kinds: readonly KindRow[],
  counts: readonly CountRow[],
) {
  const rhythm = rhythmFor(rules, path, year);
  const byKind = new Map(counts.map((c) => [c.kind, parseMonths(c.months)]));
  return kindsAt(kinds, path)
    .filter((k) => rhythm.values[k.id] || byKind.has(k.id))
    .map((k) => {
      const r = rhythm.values[k.id] ?? { period: "year" as const, min: 0 };
      return {
        kind: k.id,
        name: k.name,
        rhythm: r,
        source: rhythm.sources[k.id] ?? "",
        ...kindStatus(r, byKind.get(k.id) ?? new Array(12).fill(0), year, today),
      };
    });
}

/**
 * The branch's year at a glance in one round trip: meetings, held against the rhythm per kind,
 * attendance per member and offline hours.
 */
export async function branchYear(db: Db, branch: OrgRow, year: number, now: number) {
  const today = dayIn(now, branch.timeZone);
  const [meetings, counts, rules, kinds, members, attendance, hours, talks] = await readBatch<
    [
      MeetingRow & Record<string, unknown>,
      CountRow,
      Record<string, unknown>,
      KindRow,
      { id: string; name: string },
      { userId: string; status: Attendance; n: number },
      { userId: string; hours: number },
      { n: number },
    ]
  >(db, [
    sql`SELECT id, kind, topic, meeting_on AS meetingOn, place, online, status, study_hours AS studyHours
      FROM orglife_meetings WHERE branch_id = ${branch.id} AND ${inYear(year)} ORDER BY meeting_on DESC`,
    monthCountsSql(sql`branch_id = ${branch.id} AND ${inYear(year)}`),
    rulesSql(branch.path),
    kindsSql(branch.path),
    branchMembersSql(branch.path),
    sql`SELECT a.user_id AS userId, a.status, count(*) AS n FROM orglife_attendance a
      JOIN orglife_meetings m ON m.id = a.meeting_id
      WHERE m.branch_id = ${branch.id} AND m.status = 'held' AND ${inYear(year)}
      GROUP BY a.user_id, a.status`,
    sql`SELECT oc.user_id AS userId, sum(oc.hours) AS hours FROM offline_credits oc
      WHERE oc.org_id = ${branch.id} AND oc.studied_on >= ${`${year}-01-01`} AND oc.studied_on < ${`${year + 1}-01-01`}
      GROUP BY oc.user_id`,
    sql`SELECT count(*) AS n FROM orglife_talks WHERE branch_id = ${branch.id}
      AND talked_on >= ${`${year}-01-01`} AND talked_on < ${`${year + 1}-01-01`}`,
  ]);
  const hoursBy = new Map(hours.map((h) => [h.userId, h.hours]));
  const tally = new Map<string, Record<Attendance, number>>();
  for (const a of attendance) {
    const t = tally.get(a.userId) ?? { present: 0, leave: 0, absent: 0 };
    t[a.status] = a.n;
    tally.set(a.userId, t);
  }
  return {
    branch: { id: branch.id, name: branch.name },
    year,
    today,
    kinds: kindsReport(branch.path, year, today, parseRules(rules), kinds, counts),
    meetings: meetings.map((m) => ({ ...m, online: !!m.online })),
    members: members.map((m) => ({
      userId: m.id,
      name: m.name,
      ...(tally.get(m.id) ?? { present: 0, leave: 0, absent: 0 }),
      hours: hoursBy.get(m.id) ?? 0,
    })),
    talks: talks[0]?.n ?? 0,
  };
}

export interface BehindRow {
  branchId: string;
  name: string;
  path: string;
  behind: { kind: string; name: string | null; periods: number; held: number }[];
  periods: number;
}

/**
 * The branches under a committee that missed an ended period of the rhythm this year, by kind, most
 * behind first. Four statements in one round trip whatever the subtree: branches, rhythm versions,
 * committee kinds, and held meetings per (branch, kind) with their months folded into one text.
 */
export async function behindBranches(db: Db, org: OrgRow, year: number, now: number) {
  const lo = org.path;
  const hi = subtreeEnd(org.path);
  const [branches, rules, kinds, counts] = await readBatch<
    [{ id: string; name: string; path: string; timeZone: string }, Record<string, unknown>, KindRow, CountRow]
  >(db, [
    sql`SELECT id, name, path, time_zone AS timeZone FROM orgs
      WHERE path >= ${lo} AND path < ${hi} AND kind = 'branch' AND archived_at IS NULL ORDER BY path`,
    rulesSql(org.path, true),
    kindsSql(org.path, true),
    monthCountsSql(sql`branch_path >= ${lo} AND branch_path < ${hi} AND ${inYear(year)}`),
  ]);
  const ruleRows = parseRules(rules);
  const byBranch = new Map<string, CountRow[]>();
  for (const c of counts) byBranch.set(c.branchId, [...(byBranch.get(c.branchId) ?? []), c]);
  const out: BehindRow[] = [];
  for (const b of branches) {
    const report = kindsReport(b.path, year, dayIn(now, b.timeZone), ruleRows, kinds, byBranch.get(b.id) ?? []);
    const behind = report
      .filter((k) => k.behind > 0)
      .map((k) => ({ kind: k.kind, name: k.name, periods: k.behind, held: k.held }));
    if (behind.length)
      out.push({
        branchId: b.id,
        name: b.name,
        path: b.path,
        behind,
        periods: behind.reduce((n, k) => n + k.periods, 0),
      });
  }
  out.sort((a, b) => b.periods - a.periods || a.path.localeCompare(b.path));
  return { branches: branches.length, items: out };
}
