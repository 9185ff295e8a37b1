import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { orglifeMeetings, orglifeRules } from "../../schema";
import { dayIn, dayOf } from "../lib/day";
import type { Db } from "../lib/db";
import { kindStatus } from "./rhythm";
import { type RuleRow, rhythmFor } from "./rules";

const DAY = 86_400_000;

export interface HeldMeeting {
  id: string;
  kind: string;
  meetingOn: string;
}

/**
 * The reads behind a branch's organisational life in [periodStart, periodEnd), as query builders for the
 * caller's own db.batch: its held meetings (a day's margin on each side: the branch's time zone is read in
 * the same batch) and the rhythm versions on its path (resolved inside the statement, newest first).
 */
export const lifeStatements = (db: Db, branchId: string, periodStart: number, periodEnd: number) =>
  [
    db
      .select({ id: orglifeMeetings.id, kind: orglifeMeetings.kind, meetingOn: orglifeMeetings.meetingOn })
      .from(orglifeMeetings)
      .where(
        and(
          eq(orglifeMeetings.branchId, branchId),
          eq(orglifeMeetings.status, "held"),
          gte(orglifeMeetings.meetingOn, dayOf(periodStart - DAY)),
          lt(orglifeMeetings.meetingOn, dayOf(periodEnd + DAY)),
        ),
      )
      .orderBy(orglifeMeetings.meetingOn),
    db
      .select({
        id: orglifeRules.id,
        orgId: orglifeRules.orgId,
        version: orglifeRules.version,
        fromYear: orglifeRules.fromYear,
        values: orglifeRules.values,
        sources: orglifeRules.sources,
        note: orglifeRules.note,
        createdAt: orglifeRules.createdAt,
      })
      .from(orglifeRules)
      .where(sql`instr((SELECT path FROM orgs WHERE id = ${branchId}), '/' || ${orglifeRules.orgId} || '/') > 0`)
      .orderBy(desc(orglifeRules.version)),
  ] as const;

interface KindHeld {
  kind: string;
  required: number;
  held: number;
}

/**
 * A branch's held meetings against the rhythm in force, from `periodStart` to the period's end or `now`
 * (days in the branch's zone). Required: every rhythm period that lies inside and has ended, its minimum
 * each; held: per such period at most that minimum (a second lecture does not make up a missed month).
 * `meetings` are the held meetings in the period, `counted` those inside a required period (`counts`:
 * within its minimum).
 */
export function lifeAgainstRhythm(
  meetings: readonly HeldMeeting[],
  rules: readonly RuleRow[],
  branch: { path: string; timeZone: string },
  s: { periodStart: number; periodEnd: number; now: number },
) {
  const fromDay = dayIn(s.periodStart, branch.timeZone);
  const toDay = dayIn(Math.min(s.periodEnd, s.now), branch.timeZone);
  const inPeriod = meetings.filter((m) => m.meetingOn >= fromDay && m.meetingOn < toDay);
  const kinds = new Map<string, KindHeld>();
  const counted: (HeldMeeting & { counts: boolean })[] = [];
  for (let year = Number(fromDay.slice(0, 4)); year <= Number(toDay.slice(0, 4)); year++) {
    for (const [kind, rhythm] of Object.entries(rhythmFor(rules, branch.path, year).values)) {
      if (!(rhythm.min > 0)) continue;
      const ofKind = inPeriod.filter((m) => m.kind === kind && m.meetingOn.startsWith(`${year}-`));
      const months = new Array<number>(12).fill(0);
      for (const m of ofKind) months[Number(m.meetingOn.slice(5, 7)) - 1]! += 1;
      const due = kindStatus(rhythm, months, year, toDay).periods.filter((p) => p.ended && p.startsOn >= fromDay);
      if (!due.length) continue;
      const k = kinds.get(kind) ?? { kind, required: 0, held: 0 };
      for (const p of due) {
        k.required += rhythm.min;
        k.held += Math.min(p.held, rhythm.min);
        const inside = ofKind.filter((m) => p.startsOn <= m.meetingOn && m.meetingOn <= p.endsOn);
        counted.push(...inside.map((m, i) => ({ ...m, counts: i < rhythm.min })));
      }
      kinds.set(kind, k);
    }
  }
  const list = [...kinds.values()];
  return {
    fromDay,
    toDay,
    required: list.reduce((n, k) => n + k.required, 0),
    held: list.reduce((n, k) => n + k.held, 0),
    kinds: list,
    meetings: inPeriod,
    counted: counted.sort((a, b) => a.meetingOn.localeCompare(b.meetingOn)),
  };
}

/** How an explanation names a meeting: its topic and day, opening the meeting's page. */
export const meetingSource = {
  query: (ids: string) => sql`SELECT id, topic AS name, strftime('%s', meeting_on) * 1000 AS at, id AS ref
    FROM orglife_meetings WHERE id IN (SELECT value FROM json_each(${ids}))`,
  link: (id: string) => `/orglife/meeting/${id}`,
};
