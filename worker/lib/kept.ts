import type { D1Database, D1PreparedStatement, D1Result } from "@cloudflare/workers-types";

// An answer kept as the JSON text it was served as: it answers while its stamp is still the generations
// it was built at in kept_study_generations. A subtree page's are its org's ('o:' and the org's id,
// bumped by triggers along the ancestors of whatever changed under it) and the tenant's epoch ('*');
// another answer names its own (KeptAnswer). The stamp is read in SQL in the same statement as the page
// (so it rides in the session check's batch), and on a miss in the same batch as the answer's own reads:
// a write racing the rebuild leaves the row it stores already stale.

/** The tables of kept answers (one shape: key, stamp, valid_until, body). */
type KeptTable = "kept_roster_pages" | "kept_report_pages" | "kept_home_pages";

export interface KeptPage {
  table: KeptTable;
  orgId: string;
  /** Everything else the answer depends on (cursor, filters, year), with the org: the row's key. */
  key: string;
}

/** A kept answer that is not an org subtree's: its row's whole key and the generations of its stamp. */
export interface KeptAnswer {
  table: KeptTable;
  key: string;
  generations: readonly string[];
}

const answerOf = (page: KeptPage | KeptAnswer): KeptAnswer =>
  "orgId" in page
    ? { table: page.table, key: `${page.orgId} ${page.key}`, generations: [`o:${page.orgId}`, "*"] }
    : page;

/** The stamp of `n` generations bound from parameter ?`from` on: their numbers joined by '/'. */
const stampSql = (n: number, from: number) =>
  Array.from(
    { length: n },
    (_, i) => `coalesce((SELECT g.generation FROM kept_study_generations g WHERE g.key = ?${from + i}), 0)`,
  ).join(" || '/' || ");

/** The kept page's text, if it still holds: a plain read for the request's first batch. */
export const keptRead = (d1: D1Database, page: KeptPage | KeptAnswer, now: number) => {
  const { table, key, generations } = answerOf(page);
  return d1
    .prepare(
      `SELECT body AS text FROM ${table} WHERE key = ?1 AND valid_until > ?2 AND stamp = ${stampSql(generations.length, 3)}`,
    )
    .bind(key, now, ...generations);
};

/** The text a keptRead found, or undefined. */
export const keptText = (result: D1Result | undefined) => (result?.results[0] as { text: string } | undefined)?.text;

/**
 * The answer computed from `reads` (one batch, the stamp read beside them) and kept until `validUntil`
 * of its shape (a time it changes by itself, or Infinity); returns it and its JSON text. Call it only once the
 * caller may see it.
 */
export async function buildAndKeep<T>(
  d1: D1Database,
  page: KeptPage | KeptAnswer,
  reads: D1PreparedStatement[],
  shape: (results: D1Result[]) => { answer: T; validUntil: number } | Promise<{ answer: T; validUntil: number }>,
) {
  const { table, key, generations } = answerOf(page);
  const [stamped, ...results] = await d1.batch([
    d1.prepare(`SELECT ${stampSql(generations.length, 1)} AS stamp`).bind(...generations),
    ...reads,
  ]);
  const { answer, validUntil } = await shape(results);
  const body = JSON.stringify(answer);
  await d1
    .prepare(
      `INSERT INTO ${table} (key, stamp, valid_until, body) VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (key) DO UPDATE SET stamp = excluded.stamp, valid_until = excluded.valid_until, body = excluded.body`,
    )
    .bind(key, (stamped!.results[0] as { stamp: string }).stamp, Math.min(validUntil, Number.MAX_SAFE_INTEGER), body)
    .run();
  return { answer, body };
}
