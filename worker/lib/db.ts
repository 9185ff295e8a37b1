import type { D1Database } from "@cloudflare/workers-types";
import { type AnyColumn, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { SQLiteInsertValue, SQLiteTable } from "drizzle-orm/sqlite-core";

const wrap = (d1: D1Database) => drizzle(d1);
export type Db = ReturnType<typeof wrap>;

/** A drizzle wrapper over a database of one request only (a session, a guarded database): not cached. */
export const dbOver = wrap;

// One drizzle wrapper per binding, without the relational schema: building that per call was the
// largest cost of a simple request (measured with npm run bench).
const cache = new WeakMap<D1Database, Db>();

export function getDb(d1: D1Database): Db {
  let db = cache.get(d1);
  if (!db) {
    db = wrap(d1);
    cache.set(d1, db);
  }
  return db;
}

/** The header that carries a D1 session bookmark between a browser's requests, both ways. */
export const BOOKMARK_HEADER = "x-d1-bookmark";

// D1's bookmarks look like 00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683 and sort
// oldest to newest. Anything else from a client is ignored rather than handed to D1.
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/**
 * One request's database: with D1 sessions on (read replicas through the Sessions API), a request
 * that writes starts on the primary, so its checks read the latest rows; a read starts where the
 * client's bookmark says (it sees at least that client's own writes), or on any replica without one.
 * Off, every query goes to the primary and there is no bookmark.
 */
export function requestDb(d1: D1Database, sessions: boolean, writes: boolean, bookmark: string | undefined) {
  if (!sessions) return { db: getDb(d1), session: null };
  const constraint = writes ? "first-primary" : bookmark && BOOKMARK.test(bookmark) ? bookmark : "first-unconstrained";
  const session = d1.withSession(constraint);
  // drizzle calls only prepare and batch, which a session has; a wrapper per request, as a session
  // is, and cheap without the relational schema.
  return { db: wrap(session as unknown as D1Database), session };
}

/** D1 binds at most 100 parameters per statement: split a multi-row insert into statements that fit. */
export function chunkedInserts<T extends SQLiteTable>(db: Db, table: T, rows: SQLiteInsertValue<T>[]) {
  if (rows.length === 0) return [];
  // drizzle binds every column of the table (omitted ones as their default), not only the keys given.
  const columns = Math.max(Object.keys(getTableColumns(table)).length, Object.keys(rows[0] as object).length, 1);
  const size = Math.max(1, Math.floor(100 / columns));
  const out = [];
  for (let i = 0; i < rows.length; i += size) out.push(db.insert(table).values(rows.slice(i, i + size)));
  return out;
}

/**
 * Every column of `table` as a select list aliased `prefix` + its drizzle key, and the reader that maps a row
 * back (booleans, JSON) as drizzle would. For a plain statement where drizzle's select would read through
 * raw(), which a remembered session's read cannot batch (worker/auth/speculation.ts).
 */
export function columnsOf<T extends SQLiteTable>(table: T, prefix = "") {
  const columns = Object.entries(getTableColumns(table));
  // Spelled once as text: a list of sql.identifier chunks is walked again by every statement that uses it.
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const list = sql.raw(
    columns.map(([key, c]) => `${quote(getTableName(table))}.${quote(c.name)} AS ${quote(prefix + key)}`).join(", "),
  );
  const read = (row: Record<string, unknown>) =>
    Object.fromEntries(
      columns.map(([key, c]) => {
        const v = row[prefix + key];
        return [key, v === null || v === undefined ? null : c.mapFromDriverValue(v)];
      }),
    ) as T["$inferSelect"];
  return { list, read };
}

/**
 * A column spelled with its table ("quizzes"."id") for a correlated subquery: drizzle leaves a lone
 * table's columns bare, and a bare "id" inside the subquery means the subquery's own table.
 */
export function outer(column: AnyColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
