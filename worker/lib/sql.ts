import type { D1Database } from "@cloudflare/workers-types";
import { fillPlaceholders, type SQL, sql } from "drizzle-orm";
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

/**
 * A query built once, its placeholders (`sql.placeholder("name")`) filled per request: for a hot read,
 * where drizzle's building of the text each time was a few percent of the request.
 */
export function prebuilt(query: SQL) {
  const built = dialect.sqlToQuery(query);
  return (d1: D1Database, values: Record<string, unknown>) =>
    d1.prepare(built.sql).bind(...fillPlaceholders(built.params, values));
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

/** What a part's shape answers (null for a null part). */
export type Shaped<P> = P extends ReadPart<infer R> ? R : null;

/**
 * Several features' reads in ONE round trip: every part's statements go into one batch and each part
 * shapes its own rows. A null part reads nothing and answers null.
 */
export async function readParts<P extends Record<string, ReadPart<unknown> | null>>(
  db: Db,
  parts: P,
): Promise<{ [K in keyof P]: Shaped<P[K]> }> {
  const queries = Object.values(parts).flatMap((p) => p?.queries ?? []);
  const rows = queries.length ? await readBatch<unknown[]>(db, queries) : [];
  return shapeParts(parts, rows);
}

/** Each part shapes its own statements' rows, in order (a null part answers null). */
function shapeParts<P extends Record<string, ReadPart<unknown> | null>>(parts: P, rows: unknown[]) {
  let at = 0;
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(parts)) {
    out[key] = p ? p.shape(rows.slice(at, at + p.queries.length)) : null;
    at += p?.queries.length ?? 0;
  }
  return out as { [K in keyof P]: Shaped<P[K]> };
}

/** A part whose statements each list their column names (`fields`, one list per statement, in order). */
export interface FieldedPart<T> extends ReadPart<T> {
  fields: readonly (readonly string[])[];
}

/** A statement's rows as one JSON array text: a column of a combined SELECT (its ORDER BY and LIMIT kept). */
const jsonRows = (query: SQL, fields: readonly string[]) =>
  sql`(SELECT json_group_array(json_object(${sql.raw(fields.map((f) => `'${f}', "${f}"`).join(", "))})) FROM (${query}))`;

/**
 * Several parts' statements as ONE statement, one JSON column per statement, each part shaping its rows as
 * before. D1 parses and plans every statement of a batch, most of a small read's cost, even one that finds
 * nothing. Null when every part is null.
 */
export function oneStatement<P extends Record<string, FieldedPart<unknown> | null>>(
  parts: P,
): ReadPart<{ [K in keyof P]: Shaped<P[K]> }> | null {
  const columns = Object.values(parts).flatMap((p) => p?.queries.map((q, i) => jsonRows(q, p.fields[i]!)) ?? []);
  if (!columns.length) return null;
  // Named c0, c1, …: D1 keys a batch's rows by column name.
  const named = columns.map((c, i) => sql`${c} AS ${sql.raw(`c${i}`)}`);
  return {
    queries: [sql`SELECT ${sql.join(named, sql`, `)}`],
    shape: ([[row]]) => {
      const texts = row as Record<string, string>;
      return shapeParts(
        parts,
        columns.map((_, i) => JSON.parse(texts[`c${i}`]!)),
      );
    },
  };
}
