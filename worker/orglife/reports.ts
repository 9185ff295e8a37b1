import { type SQL, sql } from "drizzle-orm";
import type { Attendance } from "../../schema/orglife/values";
import { dayIn } from "../lib/day";
import type { Db } from "../lib/db";
import { afterOrg, keysetPage } from "../lib/pagination";
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
 * meetings read off the (branch, status, kind, meeting day) index. With `page`, only the `limit`
 * branches after the branch `after` in path order: the (kind, archived, path) index serves the range
 * and the order, so the scan stops at the page's end.
 */
const branchesHeldSql = (path: string, year: number, page?: { limit: number; after?: string | undefined }) =>
  heldSql(
    sql`orgs o WHERE o.path >= ${path} AND o.path < ${subtreeEnd(path)} ${afterOrg(sql`o.path`, page?.after)}`,
    year,
    page?.limit,
  );

/** branchesHeldSql over the branches `source` yields: a FROM clause naming the branch `o`, then a WHERE. */
export const heldSql = (source: SQL, year: number, limit?: number) =>
  sql`SELECT o.id, o.name, o.path, o.time_zone AS timeZone,
      (SELECT group_concat(kind || ':' || months, ';') FROM (
         SELECT kind, group_concat(substr(meeting_on, 6, 2), '') AS months FROM orglife_meetings m
          WHERE m.branch_id = o.id AND m.status = 'held' AND ${inYear(year)}
          GROUP BY kind)) AS held
    FROM ${source} AND o.kind = 'branch' AND o.archived_at IS NULL
    ORDER BY o.path ${limit === undefined ? sql`` : sql`LIMIT ${limit + 1}`}`;

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

/** Reads the subtree's branches (all, or a page) with the rhythm versions and kinds that apply to them. */
async function standings(db: Db, org: OrgRow, year: number, now: number, page?: { limit: number; after?: string }) {
  const [branches, rules, kinds] = await readBatch<[HeldRow, Record<string, unknown>, KindRow]>(db, [
    branchesHeldSql(org.path, year, page),
    rulesSql(org.path, true),
    kindsSql(org.path, true),
  ]);
  const ruleRows = parseRules(rules);
  // Today per time zone, not per branch: formatting a date in a zone is the costly part of the loop.
  const todays = new Map<string, string>();
  return branches.map((b) => {
    const today = todays.get(b.timeZone) ?? dayIn(now, b.timeZone);
    todays.set(b.timeZone, today);
    const report = kindsReport(b.path, year, today, ruleRows, kinds, b.held);
    const behind = report
      .filter((k) => k.behind > 0)
      .map((k) => ({ kind: k.kind, name: k.name, periods: k.behind, held: k.held }));
    const row: BehindRow = {
      branchId: b.id,
      name: b.name,
      path: b.path,
      behind,
      periods: behind.reduce((n, k) => n + k.periods, 0),
    };
    return { row, report };
  });
}

/**
 * A page of the committee's branches in path order, each with the ended periods of the rhythm it missed
 * this year (none: on track). Three statements in one round trip; the branches' statement reads only
 * the page's branches and their held meetings, whatever the size of the subtree.
 */
export async function standingPage(
  db: Db,
  org: OrgRow,
  year: number,
  now: number,
  page: { limit: number; after?: string },
) {
  const rows = (await standings(db, org, year, now, page)).map((s) => s.row);
  return keysetPage(rows, page.limit, (r) => r.branchId);
}

/**
 * The subtree's year in totals: its branches, how many missed an ended period, and the ended periods
 * met and missed by kind. One statement reads every branch of the subtree (one row each, its held
 * meetings off the index): the one report here whose cost grows with the subtree, read once per view.
 */
export async function behindSummary(db: Db, org: OrgRow, year: number, now: number) {
  const all = await standings(db, org, year, now);
  const byKind = new Map<string, { kind: string; name: string | null; met: number; missed: number }>();
  for (const { report } of all)
    for (const k of report) {
      if (k.rhythm.min <= 0) continue;
      const sum = byKind.get(k.kind) ?? { kind: k.kind, name: k.name, met: 0, missed: 0 };
      sum.met += k.periods.filter((p) => p.ended && p.met).length;
      sum.missed += k.behind;
      byKind.set(k.kind, sum);
    }
  return { branches: all.length, behind: all.filter((s) => s.row.periods > 0).length, kinds: [...byKind.values()] };
}

/** Every branch under a committee that missed an ended period this year, most behind first (the export). */
export async function behindBranches(db: Db, org: OrgRow, year: number, now: number) {
  const rows = (await standings(db, org, year, now)).map((s) => s.row).filter((r) => r.periods > 0);
  return rows.sort((a, b) => b.periods - a.periods || a.path.localeCompare(b.path));
}
