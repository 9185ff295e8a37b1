import type { D1Database } from "@cloudflare/workers-types";
import { sql } from "drizzle-orm";
import { dayIn } from "../lib/day";
import { getDb } from "../lib/db";
import { type Notice, notifyStatements } from "../lib/notify";
import { pathIds } from "../lib/paths";
import { readBatch } from "../lib/sql";
import { branchesHeldSql, type HeldRow } from "./reports";
import { kindStatus, parseHeld } from "./rhythm";
import { parseRules, rhythmFor, rulesSql } from "./rules";

/**
 * The cron tick's organisational-life notices, each keyed by its org and month in that org's own time
 * zone, so every later tick of the month sends nothing twice: to a branch's secretaries, the kinds whose
 * current period is still short; to the admins of each committee above, how many of its branches
 * missed an ended period this year. One batch of reads (a second year's only around New Year), then
 * the inserts.
 */
export async function onCron(env: { DB: D1Database }, now: number) {
  const db = getDb(env.DB);
  // The year each zone is in (two only around New Year): the branches' held meetings of each.
  const years = [...new Set([-12, 14].map((h) => Number(dayIn(now + h * 3_600_000, "UTC").slice(0, 4))))];
  const [rules, officers, ...held] = await readBatch<
    [
      Record<string, unknown>,
      { userId: string; orgId: string; role: string; name: string; timeZone: string },
      ...HeldRow[],
    ]
  >(db, [
    rulesSql("/", true),
    sql`SELECT m.user_id AS userId, m.org_id AS orgId, m.role, o.name, o.time_zone AS timeZone
      FROM memberships m JOIN orgs o ON o.id = m.org_id
      WHERE m.ended_at IS NULL AND ((m.role = 'secretary' AND o.kind = 'branch') OR (m.role = 'admin' AND o.kind = 'committee'))`,
    ...years.map((y) => branchesHeldSql("/", y)),
  ]);
  const ruleRows = parseRules(rules);
  const due = new Map<string, { kinds: string[]; month: string }>();
  const behindUnder = new Map<string, number>();
  const todays = new Map<string, string>();
  const todayIn = (timeZone: string) => {
    const day = todays.get(timeZone) ?? dayIn(now, timeZone);
    todays.set(timeZone, day);
    return day;
  };
  for (const [i, year] of years.entries()) {
    for (const b of (held[i] ?? []) as HeldRow[]) {
      const today = todayIn(b.timeZone);
      if (Number(today.slice(0, 4)) !== year) continue;
      const rhythm = rhythmFor(ruleRows, b.path, year);
      const counts = parseHeld(b.held);
      const short: string[] = [];
      let behind = false;
      for (const [kind, r] of Object.entries(rhythm.values)) {
        const s = kindStatus(r, counts.get(kind) ?? new Array(12).fill(0), year, today);
        if (s.due) short.push(kind);
        if (s.behind) behind = true;
      }
      if (short.length) due.set(b.id, { kinds: short, month: today.slice(0, 7) });
      if (behind) for (const id of pathIds(b.path).slice(0, -1)) behindUnder.set(id, (behindUnder.get(id) ?? 0) + 1);
    }
  }
  const notices: Notice[] = [];
  for (const o of officers) {
    if (o.role === "secretary") {
      const d = due.get(o.orgId);
      if (d)
        notices.push({
          userId: o.userId,
          key: `orglife-due:${o.orgId}:${d.month}`,
          kind: "orglife_due",
          params: { branch: o.name, kinds: d.kinds, n: d.kinds.length, month: d.month },
          link: `/orglife?org=${o.orgId}`,
        });
    } else {
      const n = behindUnder.get(o.orgId);
      const month = todayIn(o.timeZone).slice(0, 7);
      if (n)
        notices.push({
          userId: o.userId,
          key: `orglife-behind:${o.orgId}:${month}`,
          kind: "orglife_behind",
          params: { committee: o.name, n, month },
          link: `/orglife/overview?org=${o.orgId}`,
        });
    }
  }
  const statements = notifyStatements(db, notices, now);
  const results = statements.length ? await db.batch(statements as [any, ...any[]]) : [];
  return { sent: results.reduce((n, r) => n + (r.meta?.changes ?? 0), 0) };
}
