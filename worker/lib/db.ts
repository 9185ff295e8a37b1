import type { D1Database } from "@cloudflare/workers-types";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { SQLiteInsertValue, SQLiteTable } from "drizzle-orm/sqlite-core";

export type Db = DrizzleD1Database;

// One drizzle wrapper per binding, without the relational schema: building that per call was the
// largest cost of a simple request (measured with npm run bench).
const cache = new WeakMap<D1Database, Db>();

export function getDb(d1: D1Database): Db {
  let db = cache.get(d1);
  if (!db) {
    db = drizzle(d1);
    cache.set(d1, db);
  }
  return db;
}
/** D1 binds at most 100 parameters per statement: split a multi-row insert into statements that fit. */
export function chunkedInserts<T extends SQLiteTable>(db: Db, table: T, rows: SQLiteInsertValue<T>[]) {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(100 / columns));
  const out = [];
  for (let i = 0; i < rows.length; i += size) out.push(db.insert(table).values(rows.slice(i, i + size)));
  return out;
}
