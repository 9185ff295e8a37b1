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

/**
 * The subtree of an org given by id, resolved inside the statement: lets a list query run in the same
 * db.batch as the org lookup that authorizes it (one round trip instead of two).
 */
export function subtreeOfOrg(column: SQLiteColumn, orgId: string): SQL {
  return sql`(${column} >= (SELECT path FROM orgs WHERE id = ${orgId}) AND ${column} < (SELECT substr(path, 1, length(path) - 1) || '0' FROM orgs WHERE id = ${orgId}))`;
}
