import { env } from "cloudflare:test";
import type { BranchMessage } from "../../worker/env";
import { runCron } from "../lib/cron";

export interface Ran {
  sql: string;
  /** Rows D1 reports the statement read (for statements run in a batch). */
  rowsRead: number;
  /** The values it was last bound to. */
  binds: unknown[];
}

/**
 * The whole cron (the scheduled handler, then its tick message) on the real local D1, recording every
 * statement prepared on it with the rows D1 says it read in a batch, and every queue message sent.
 */
export async function recordedTick(now: number) {
  const ran: Ran[] = [];
  const messages: BranchMessage[] = [];
  // The statement D1 runs (bound or not) → its record; a proxy → the statement it stands for.
  const entryOf = new WeakMap<object, Ran>();
  const realOf = new WeakMap<object, D1PreparedStatement>();
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare")
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const entry: Ran = { sql: sql.replace(/\s+/g, " ").trim(), rowsRead: 0, binds: [] };
          ran.push(entry);
          entryOf.set(stmt, entry);
          const proxy = new Proxy(stmt, {
            get(s, p) {
              if (p === "bind")
                return (...args: unknown[]) => {
                  const bound = s.bind(...args);
                  entry.binds = args;
                  entryOf.set(bound, entry);
                  return bound;
                };
              const value = Reflect.get(s, p);
              return typeof value === "function" ? value.bind(s) : value;
            },
          });
          realOf.set(proxy, stmt);
          return proxy;
        };
      if (prop === "batch")
        return async (stmts: D1PreparedStatement[]) => {
          const real = stmts.map((s) => realOf.get(s) ?? s);
          const results = await target.batch(real);
          real.forEach((s, i) => {
            const entry = entryOf.get(s);
            if (entry) entry.rowsRead += results[i]?.meta.rows_read ?? 0;
          });
          return results;
        };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const queue = {
    sendBatch: async (msgs: { body: BranchMessage }[]) => void messages.push(...msgs.map((m) => m.body)),
  };
  await runCron({ ...env, DB, EVAL_QUEUE: queue } as never, now);
  return { ran, messages };
}

/** The claim every tick runs on the due index. */
export const CLAIM = "UPDATE due_work SET due_at = ?2 WHERE due_at <= ?1 RETURNING kind, subject, ref";

/**
 * The steps of these statements' query plans that walk more than the claimed rows: a SCAN of anything
 * but a bound JSON list, a CTE or subquery, or the small rhythm versions table, and a SEARCH that is not
 * by a key (id, org, branch, path range, due moment).
 */
export async function plansBeyondKeys(statements: readonly Ran[]) {
  const beyond: string[] = [];
  for (const s of statements) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
      .bind(...s.binds)
      .all<{ detail: string }>();
    for (const { detail } of plan.results) {
      const scan = /^SCAN (?!j\b|json_each\b|up\b|ids\b|\(subquery|orglife_rules\b)/.test(detail);
      const search =
        /^SEARCH /.test(detail) && !/\((id|org_id|branch_id|due_at)=\?|path>\? AND path<\?\)|AUTOMATIC/.test(detail);
      if (scan || search) beyond.push(`${s.sql.slice(0, 40)}: ${detail}`);
    }
  }
  return beyond;
}
