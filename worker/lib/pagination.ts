import { type SQL, sql } from "drizzle-orm";

/** Fetch limit + 1 rows and trim: tells whether more exist without a COUNT query. */
export function page<T>(rows: T[], limit: number, offset: number) {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, nextOffset: more ? offset + limit : null };
}

/** Fetch limit + 1 rows after a key and trim: `next` is the key of the page's last row while more exist. */
export function keysetPage<T>(rows: T[], limit: number, key: (row: T) => string) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, next: more ? key(items[items.length - 1]!) : null };
}

/** `AND <path column> > the path of org \`after\``: a page of orgs in path order that starts after that org. */
export const afterOrg = (path: SQL, after: string | undefined) =>
  after ? sql`AND ${path} > (SELECT path FROM orgs WHERE id = ${after})` : sql``;
