import type { D1Database } from "@cloudflare/workers-types";
import { type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "./db";

const dialect = new SQLiteAsyncDialect();

/**
 * Several raw read queries in ONE D1 round trip. (drizzle-orm 0.45's db.batch cannot take
 * db.all(sql`…`) with parameters: its raw queries carry no prepared statement.)
 */
export async function readBatch<T extends unknown[]>(
  db: Db,
  queries: { [K in keyof T]: SQL },
): Promise<{ [K in keyof T]: T[K][] }> {
  const d1 = db.$client;
  const results = await d1.batch((queries as SQL[]).map((q) => prepared(d1, q)));
  return results.map((r) => r.results) as { [K in keyof T]: T[K][] };
}

/** A drizzle query as a D1 statement (for a batch of its own). */
export function prepared(d1: D1Database, query: SQL) {
  const built = dialect.sqlToQuery(query);
  return d1.prepare(built.sql).bind(...built.params);
}

/** `a, b, c` as bound parameters for an IN list (NULL when empty: matches nothing). */
export const sqlList = (values: string[]) =>
  values.length
    ? sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )
    : sql`NULL`;

/** One feature's share of a combined read: its statements and how to shape their rows. */
export interface ReadPart<T> {
  queries: SQL[];
  /** Gets one array of rows per statement, in order. */
  shape: (rows: any[]) => T;
}

type Shaped<P> = P extends ReadPart<infer R> ? R : null;

/**
 * Several features' reads in ONE round trip: every part's statements go into one batch and each part
 * shapes its own rows. A null part reads nothing and answers null.
 */
export async function readParts<P extends Record<string, ReadPart<unknown> | null>>(
  db: Db,
  parts: P,
): Promise<{ [K in keyof P]: Shaped<P[K]> }> {
  const entries = Object.entries(parts);
  const queries = entries.flatMap(([, p]) => p?.queries ?? []);
  const rows = queries.length ? await readBatch<unknown[]>(db, queries) : [];
  let at = 0;
  const out: Record<string, unknown> = {};
  for (const [key, p] of entries) {
    if (!p) {
      out[key] = null;
      continue;
    }
    out[key] = p.shape(rows.slice(at, at + p.queries.length));
    at += p.queries.length;
  }
  return out as { [K in keyof P]: Shaped<P[K]> };
}
