import { and, gte, lt, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** Paths look like "/a/b/": '0' is the character after '/', so [p, p-with-'0') is exactly the subtree. */
export function subtreeRange(column: SQLiteColumn, prefix: string): SQL {
  const upper = `${prefix.slice(0, -1)}0`;
  return and(gte(column, prefix), lt(column, upper)) as SQL;
}

export function inSubtrees(column: SQLiteColumn, prefixes: string[]): SQL {
  if (prefixes.length === 0) return sql`0`;
  return or(...prefixes.map((p) => subtreeRange(column, p))) as SQL;
}

export const childPath = (parentPath: string, id: string) => `${parentPath}${id}/`;
