/** Fetch limit + 1 rows and trim: tells whether more exist without a COUNT query. */
export function page<T>(rows: T[], limit: number, offset: number) {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, nextOffset: more ? offset + limit : null };
}
