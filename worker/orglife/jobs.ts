import type { D1Database, D1Result } from "@cloudflare/workers-types";
import { sql } from "drizzle-orm";
import { zonedMidnight } from "../../schema/evaluations/periods";
import { dayIn } from "../lib/day";
import { getDb } from "../lib/db";
import { type DueRow, rescheduleClaimed } from "../lib/due";
import { type Notice, notifyStatements } from "../lib/notify";
import { readBatch } from "../lib/sql";
import { type HeldRow, heldSql } from "./reports";
import { kindStatus, parseHeld } from "./rhythm";
import { everyRuleSql, parseRules, rhythmFor } from "./rules";

/** The due_work kind of a branch's or committee's rhythm notices (the migration's triggers spell it too). */
const ORGLIFE_RHYTHM = "orglife_rhythm";

interface Org {
  id: string;
  kind: "branch" | "committee";
  name: string;
  path: string;
  timeZone: string;
}

/** The first instant of the month after the one `now` is in, in an org's zone: every period starts on one. */
function nextMonth(now: number, timeZone: string) {
  const [y, m] = dayIn(now, timeZone).split("-").map(Number) as [number, number];
  return zonedMidnight(y, m + 1, 1, timeZone);
}

/**
 * The cron tick's share of the claimed due rows: the rhythm of each branch and committee whose moment
 * came, each notice keyed by its org and month in that org's own time zone, so a later run of the month
 * sends nothing twice. To a claimed branch's secretaries, the kinds whose current period is still short;
 * to a claimed committee's admins, how many of its branches missed an ended period this year. A
 * branch's next moment is its next month; a committee's, the next month in its zone or any of its
 * branches' (a branch reaching a new month may make it behind). One batch of reads over the claimed
 * orgs and the branches inside them (a second year's only around New Year), one of writes; nothing due,
 * nothing read.
 */
export async function onCron(env: { DB: D1Database }, now: number, due: readonly DueRow[]) {
  const ids = due.filter((r) => r.kind === ORGLIFE_RHYTHM).map((r) => r.subject);
  if (!ids.length) return { sent: 0 };
  const db = getDb(env.DB);
  const claimed = JSON.stringify(ids);
  // The claimed orgs, each by its key (CROSS JOIN keeps SQLite from walking a whole index first), and
  // the branches inside them (a claimed branch is its own subtree), each once.
  const each = sql`json_each(${claimed}) j CROSS JOIN`;
  const inside = sql`(SELECT DISTINCT b.id FROM ${each} orgs c ON c.id = j.value
    CROSS JOIN orgs b ON b.kind = 'branch' AND b.archived_at IS NULL
     AND b.path >= c.path AND b.path < substr(c.path, 1, length(c.path) - 1) || '0') ids
    CROSS JOIN orgs o ON o.id = ids.id WHERE true`;
  // The year each zone is in (two only around New Year): the branches' held meetings of each.
  const years = [...new Set([-12, 14].map((h) => Number(dayIn(now + h * 3_600_000, "UTC").slice(0, 4))))];
  const [orgs, rules, officers, ...held] = await readBatch<
    [Org, Record<string, unknown>, { userId: string; orgId: string }, ...HeldRow[]]
  >(db, [
    sql`SELECT o.id, o.kind, o.name, o.path, o.time_zone AS timeZone FROM ${each} orgs o ON o.id = j.value
      WHERE o.kind IN ('branch', 'committee') AND o.archived_at IS NULL`,
    everyRuleSql,
    sql`SELECT m.user_id AS userId, m.org_id AS orgId FROM ${each} orgs o ON o.id = j.value
      CROSS JOIN memberships m ON m.org_id = o.id AND m.role = CASE o.kind WHEN 'branch' THEN 'secretary' ELSE 'admin' END
       AND m.ended_at IS NULL
      WHERE o.kind IN ('branch', 'committee')`,
    ...years.map((y) => heldSql(inside, y)),
  ]);
  const ruleRows = parseRules(rules);
  const todays = new Map<string, string>();
  const todayIn = (timeZone: string) => {
    const day = todays.get(timeZone) ?? dayIn(now, timeZone);
    todays.set(timeZone, day);
    return day;
  };
  const short = new Map<string, { kinds: string[]; month: string }>();
  const behind: string[] = [];
  const branches = new Map<string, HeldRow>();
  for (const [i, year] of years.entries()) {
    for (const b of (held[i] ?? []) as HeldRow[]) {
      branches.set(b.id, b);
      const today = todayIn(b.timeZone);
      if (Number(today.slice(0, 4)) !== year) continue;
      const rhythm = rhythmFor(ruleRows, b.path, year);
      const counts = parseHeld(b.held);
      const kinds: string[] = [];
      let late = false;
      for (const [kind, r] of Object.entries(rhythm.values)) {
        const s = kindStatus(r, counts.get(kind) ?? new Array(12).fill(0), year, today);
        if (s.due) kinds.push(kind);
        if (s.behind) late = true;
      }
      if (kinds.length) short.set(b.id, { kinds, month: today.slice(0, 7) });
      if (late) behind.push(b.path);
    }
  }
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const notices: Notice[] = [];
  for (const { userId, orgId } of officers) {
    const o = byId.get(orgId);
    if (!o) continue;
    if (o.kind === "branch") {
      const d = short.get(o.id);
      if (d)
        notices.push({
          userId,
          key: `orglife-due:${o.id}:${d.month}`,
          kind: "orglife_due",
          params: { branch: o.name, kinds: d.kinds, n: d.kinds.length, month: d.month },
          link: `/orglife?org=${o.id}`,
        });
    } else {
      const n = behind.filter((p) => p.startsWith(o.path)).length;
      const month = todayIn(o.timeZone).slice(0, 7);
      if (n)
        notices.push({
          userId,
          key: `orglife-behind:${o.id}:${month}`,
          kind: "orglife_behind",
          params: { committee: o.name, n, month },
          link: `/orglife/overview?org=${o.id}`,
        });
    }
  }
  const zonesUnder = (o: Org) =>
    new Set([o.timeZone, ...[...branches.values()].filter((b) => b.path.startsWith(o.path)).map((b) => b.timeZone)]);
  const next = ids.map((id) => {
    const o = byId.get(id);
    const zones = o ? (o.kind === "branch" ? [o.timeZone] : [...zonesUnder(o)]) : [];
    return { subject: id, dueAt: zones.length ? Math.min(...zones.map((z) => nextMonth(now, z))) : null };
  });
  const writes = notifyStatements(db, notices, now);
  const results = await db.batch([...rescheduleClaimed(db, ORGLIFE_RHYTHM, next, now), ...writes]);
  return { sent: results.slice(2).reduce((n, r) => n + ((r as D1Result).meta?.changes ?? 0), 0) };
}
