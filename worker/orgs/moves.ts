import { inArray, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { orgs } from "../../schema";
import type { Db } from "../lib/db";
import { createBatchHook } from "../lib/events";
import { subtreeRange } from "../lib/paths";

type OrgRow = typeof orgs.$inferSelect;

/** A subtree about to move: its paths start with `from` now and with `to` after. */
export interface OrgMove {
  db: Db;
  org: OrgRow;
  parent: OrgRow;
  from: string;
  to: string;
}

/**
 * Asked before a move: every feature that keeps copies of org paths (for one indexed range per subtree
 * read) answers with the UPDATEs that re-root them (`rebase`), which land in the move's own batch; a
 * feature may refuse the move by throwing.
 */
export const orgMoving = createBatchHook<OrgMove>();

type Key<T extends SQLiteTable> = keyof T["$inferSelect"] & string;
const columnOf = <T extends SQLiteTable>(table: T, key: Key<T>) =>
  (table as unknown as Record<string, SQLiteColumn>)[key]!;

/**
 * The UPDATE that re-roots the moved subtree's paths copied in one column: one range on the column's
 * index, or, where the index leads with the org's id instead (`byId`), the moved orgs' ids from the orgs
 * path index. It runs before the orgs themselves move, so the orgs still have their old paths.
 */
export function rebase<T extends SQLiteTable>(move: OrgMove, table: T, key: Key<T>, byId?: Key<T>) {
  const column = columnOf(table, key);
  const moved = move.db.select({ id: orgs.id }).from(orgs).where(subtreeRange(orgs.path, move.from));
  return move.db
    .update(table)
    .set({ [key]: sql`${move.to} || substr(${column}, ${move.from.length + 1})` } as never)
    .where(byId ? inArray(columnOf(table, byId), moved) : subtreeRange(column, move.from));
}
