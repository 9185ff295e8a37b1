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
  const stmts = (queries as SQL[]).map((q) => {
    const built = dialect.sqlToQuery(q);
    return d1.prepare(built.sql).bind(...built.params);
  });
  const results = await d1.batch(stmts);
  return results.map((r) => r.results) as { [K in keyof T]: T[K][] };
}

/** `a, b, c` as bound parameters for an IN list (NULL when empty: matches nothing). */
export const sqlList = (values: string[]) =>
  values.length
    ? sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )
    : sql`NULL`;
