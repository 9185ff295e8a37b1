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
