import { type SQL, sql } from "drizzle-orm";
import type { Attendance } from "../../schema/orglife/values";
import { dayIn } from "../lib/day";
import type { Db } from "../lib/db";
import { subtreeEnd } from "../lib/paths";
import { readBatch } from "../lib/sql";
import type { OrgRow } from "../orgs";
import { branchMembersSql, type MeetingRow } from "./meetings";
import { kindStatus, parseHeld } from "./rhythm";
import { type KindRow, kindsAt, kindsSql, parseRules, type RuleRow, rhythmFor, rulesSql } from "./rules";

const inYear = (year: number) => sql`meeting_on >= ${`${year}-01-01`} AND meeting_on < ${`${year + 1}-01-01`}`;

/**
 * The branches of a subtree, each with its meetings held in `year` folded into one text per branch
 * ("lecture:0205;theme_day:01"): one row per branch whatever the number of meetings, each branch's
 * meetings read off the (branch, status, kind, meeting day) index.
 */
const branchesHeldSql = (path: string, year: number) =>
  heldSql(sql`orgs o WHERE o.path >= ${path} AND o.path < ${subtreeEnd(path)}`, year);

/** branchesHeldSql over the branches `source` yields: a FROM clause naming the branch `o`, then a WHERE. */
export const heldSql = (source: SQL, year: number) =>
  sql`SELECT o.id, o.name, o.path, o.time_zone AS timeZone,
      (SELECT group_concat(kind || ':' || months, ';') FROM (
         SELECT kind, group_concat(substr(meeting_on, 6, 2), '') AS months FROM orglife_meetings m
          WHERE m.branch_id = o.id AND m.status = 'held' AND ${inYear(year)}
          GROUP BY kind)) AS held
    FROM ${source} AND o.kind = 'branch' AND o.archived_at IS NULL
    ORDER BY o.path`;

export interface HeldRow {
  id: string;
  name: string;
  path: string;
  timeZone: string;
  held: string | null;
}

/** Every kind with a rhythm or a held meeting, and how the branch stands against it this year. */
function kindsReport(
  path: string,
  year: number,
  today: string,
  rules: readonly RuleRow[],
  kinds: readonly KindRow[],
  held: string | null,
) {
  const rhythm = rhythmFor(rules, path, year);
  const byKind = parseHeld(held);
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
  const [meetings, held, rules, kinds, members, attendance, hours, talks] = await readBatch<
    [
      MeetingRow & Record<string, unknown>,
      HeldRow,
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
    branchesHeldSql(branch.path, year),
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
    kinds: kindsReport(branch.path, year, today, parseRules(rules), kinds, held[0]?.held ?? null),
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
 * behind first. Three statements in one round trip whatever the subtree: the branches with their held
 * meetings folded in, rhythm versions and committee kinds.
 */
export async function behindBranches(db: Db, org: OrgRow, year: number, now: number) {
  const [branches, rules, kinds] = await readBatch<[HeldRow, Record<string, unknown>, KindRow]>(db, [
    branchesHeldSql(org.path, year),
    rulesSql(org.path, true),
    kindsSql(org.path, true),
  ]);
  const ruleRows = parseRules(rules);
  const out: BehindRow[] = [];
  // Ended periods of an active rhythm, met and missed, over all the branches: the subtree's year by kind.
  const byKind = new Map<string, { kind: string; name: string | null; met: number; missed: number }>();
  // Today per time zone, not per branch: formatting a date in a zone is the costly part of the loop.
  const todays = new Map<string, string>();
  for (const b of branches) {
    const today = todays.get(b.timeZone) ?? dayIn(now, b.timeZone);
    todays.set(b.timeZone, today);
    const report = kindsReport(b.path, year, today, ruleRows, kinds, b.held);
    for (const k of report) {
      if (k.rhythm.min <= 0) continue;
      const sum = byKind.get(k.kind) ?? { kind: k.kind, name: k.name, met: 0, missed: 0 };
      sum.met += k.periods.filter((p) => p.ended && p.met).length;
      sum.missed += k.behind;
      byKind.set(k.kind, sum);
    }
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
  return { branches: branches.length, items: out, kinds: [...byKind.values()] };
}
