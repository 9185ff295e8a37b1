import { and, gte, lt, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** Paths look like "/a/b/": '0' is the character after '/', so [p, subtreeEnd(p)) is exactly the subtree. */
export const subtreeEnd = (path: string) => `${path.slice(0, -1)}0`;

export function subtreeRange(column: SQLiteColumn, prefix: string): SQL {
  return and(gte(column, prefix), lt(column, subtreeEnd(prefix))) as SQL;
}

/** "/a/b/c/" -> ["a", "b", "c"]: the org and its ancestors, root first. */
export const pathIds = (path: string) => path.split("/").filter(Boolean);

/** "/a/b/c/" -> ["/a/", "/a/b/", "/a/b/c/"]: the paths of the org and its ancestors. */
export function ancestorPaths(path: string): string[] {
  const ids = pathIds(path);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join("/")}/`);
}

export function inSubtrees(column: SQLiteColumn, prefixes: string[]): SQL {
  if (prefixes.length === 0) return sql`0`;
  return or(...prefixes.map((p) => subtreeRange(column, p))) as SQL;
}

export const childPath = (parentPath: string, id: string) => `${parentPath}${id}/`;

/** "/a/b/" -> "/a/"; a root's parent path is "". */
export const parentPath = (path: string) => path.replace(/[^/]+\/$/, "");

/**
 * The subtree of an org given by id, resolved inside the statement: lets a list query run in the same
 * db.batch as the org lookup that authorizes it (one round trip instead of two).
 */
export function subtreeOfOrg(column: SQLiteColumn, orgId: string): SQL {
  return sql`(${column} >= (SELECT path FROM orgs WHERE id = ${orgId}) AND ${column} < (SELECT substr(path, 1, length(path) - 1) || '0' FROM orgs WHERE id = ${orgId}))`;
}

/** Of rows set on orgs along `path`, the one on the nearest org; among equals, the first given. */
export function nearest<T extends { orgId: string }>(rows: readonly T[], path: string): T | undefined {
  const ids = pathIds(path);
  let best: T | undefined;
  let depth = -1;
  for (const r of rows) {
    const d = ids.indexOf(r.orgId);
    if (d > depth) {
      best = r;
      depth = d;
    }
  }
  return best;
}
