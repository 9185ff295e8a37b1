import type { D1Database, D1PreparedStatement, D1Result } from "@cloudflare/workers-types";

// An org subtree's answer kept as the JSON text it was served as: a page answers while its stamp is
// still the subtree's generation ('o:' and the org's id, bumped by triggers along the ancestors of
// whatever changed under it) and the tenant's epoch ('*') in kept_study_generations. The stamp is
// read in SQL in the same statement as the page (so it rides in the session check's batch), and on a
// miss in the same batch as the answer's own reads: a write racing the rebuild leaves the row it
// stores already stale.

/** The tables of kept subtree answers (one shape: key, stamp, valid_until, body). */
type KeptTable = "kept_roster_pages" | "kept_report_pages";

export interface KeptPage {
  table: KeptTable;
  orgId: string;
  /** Everything else the answer depends on (cursor, filters, year), with the org: the row's key. */
  key: string;
}

const STAMP = `coalesce((SELECT g.generation FROM kept_study_generations g WHERE g.key = 'o:' || ?1), 0)
  || '/' || coalesce((SELECT g.generation FROM kept_study_generations g WHERE g.key = '*'), 0)`;

const keyOf = (page: KeptPage) => `${page.orgId} ${page.key}`;

/** The kept page's text, if it still holds: a plain read for the request's first batch. */
export const keptRead = (d1: D1Database, page: KeptPage, now: number) =>
  d1
    .prepare(`SELECT body AS text FROM ${page.table} WHERE key = ?2 AND valid_until > ?3 AND stamp = ${STAMP}`)
    .bind(page.orgId, keyOf(page), now);

/** The text a keptRead found, or undefined. */
export const keptText = (result: D1Result | undefined) => (result?.results[0] as { text: string } | undefined)?.text;

/**
 * The answer computed from `reads` (one batch, the stamp read beside them) and kept until `validUntil`
 * of its shape (a time it changes by itself, or Infinity); returns it and its JSON text. Call it only once the
 * caller may see it.
 */
export async function buildAndKeep<T>(
  d1: D1Database,
  page: KeptPage,
  reads: D1PreparedStatement[],
  shape: (results: D1Result[]) => { answer: T; validUntil: number },
) {
  const [stamped, ...results] = await d1.batch([d1.prepare(`SELECT ${STAMP} AS stamp`).bind(page.orgId), ...reads]);
  const { answer, validUntil } = shape(results);
  const body = JSON.stringify(answer);
  await d1
    .prepare(
      `INSERT INTO ${page.table} (key, stamp, valid_until, body) VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (key) DO UPDATE SET stamp = excluded.stamp, valid_until = excluded.valid_until, body = excluded.body`,
    )
    .bind(
      keyOf(page),
      (stamped!.results[0] as { stamp: string }).stamp,
      Math.min(validUntil, Number.MAX_SAFE_INTEGER),
      body,
    )
    .run();
  return { answer, body };
}
