import type { D1Database, D1PreparedStatement, D1Result } from "@cloudflare/workers-types";

// An org subtree's answer kept as the JSON text it was served as: a page answers while its stamp is
// still the generations it was built at, bumped by triggers along the ancestors of whatever changed
// under the org. A roster page depends on the roster's own generations (kept_roster_generations: the
// org's and the tenant's roster epoch '*'), so a lesson studied leaves it alone; the branch study table
// shows study beside the roster, so it adds the study ones ('o:' and the org's id, and the tenant epoch
// '*', in kept_study_generations). The stamp is read in SQL in the same statement as the page (so it
// rides in the session check's batch), and on a miss in the same batch as the answer's own reads: a
// write racing the rebuild leaves the row it stores already stale.

/** The tables of kept subtree answers (one shape: key, stamp, valid_until, body). */
type KeptTable = "kept_roster_pages" | "kept_report_pages";

export interface KeptPage {
  table: KeptTable;
  orgId: string;
  /** Everything else the answer depends on (cursor, filters, year), with the org: the row's key. */
  key: string;
}

const generation = (table: string, key: string) =>
  `coalesce((SELECT g.generation FROM ${table} g WHERE g.key = ${key}), 0)`;
const rosterStamp = (org: string) =>
  `${generation("kept_roster_generations", org)} || '/' || ${generation("kept_roster_generations", "'*'")}`;

/** Each table's stamp as SQL of the org's id (`org`, an expression). */
const STAMPS: Record<KeptTable, (org: string) => string> = {
  kept_roster_pages: rosterStamp,
  kept_report_pages: (org) =>
    `${generation("kept_study_generations", `'o:' || ${org}`)} || '/' || ${generation("kept_study_generations", "'*'")} || '/' || ${rosterStamp(org)}`,
};

const keyOf = (page: KeptPage) => `${page.orgId} ${page.key}`;

/** A kept row that can never answer again (SQL): its stamp is not its org's now, or its time has passed. */
const stale = (table: KeptTable, org: string, now: string) =>
  `(valid_until <= ${now} OR stamp <> ${STAMPS[table](org)})`;

/** At most this many stale rows are deleted beside a page rebuilt, and looked at per table by a tick's sweep. */
const PRUNED_AT_ONCE = 200;

/**
 * The kept page's text while it still holds, else NULL: a scalar subquery on ?1 (the org), ?2 (the row's
 * key) and ?3 (now), bound by `keptParams`, to read beside another row's columns in one statement.
 */
export const keptTextSql = (table: KeptTable) =>
  `(SELECT body FROM ${table} WHERE key = ?2 AND valid_until > ?3 AND stamp = ${STAMPS[table]("?1")})`;

export const keptParams = (page: KeptPage, now: number) => [page.orgId, keyOf(page), now];

/** The kept page's text (column `text`, NULL when it no longer holds): a plain read for the request's first batch. */
export const keptRead = (d1: D1Database, page: KeptPage, now: number) =>
  d1.prepare(`SELECT ${keptTextSql(page.table)} AS text`).bind(...keptParams(page, now));

/** The text a keptRead found, or undefined. */
export const keptText = (result: D1Result | undefined) =>
  (result?.results[0] as { text: string | null } | undefined)?.text ?? undefined;

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
  const [stamped, ...results] = await d1.batch([
    d1.prepare(`SELECT ${STAMPS[page.table]("?1")} AS stamp`).bind(page.orgId),
    ...reads,
  ]);
  const { answer, validUntil } = shape(results);
  const body = JSON.stringify(answer);
  const stamp = (stamped!.results[0] as { stamp: string }).stamp;
  const validTo = Math.min(validUntil, Number.MAX_SAFE_INTEGER);
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO ${page.table} (key, stamp, valid_until, body) VALUES (?1, ?2, ?3, ?4)
        ON CONFLICT (key) DO UPDATE SET stamp = excluded.stamp, valid_until = excluded.valid_until, body = excluded.body`,
      )
      .bind(keyOf(page), stamp, validTo, body),
    // The org's other pages gone stale, as this one was: replaced too (they would never answer again).
    d1
      .prepare(
        `DELETE FROM ${page.table} WHERE key IN (SELECT key FROM ${page.table}
          WHERE key > ?1 || ' ' AND key < ?1 || '!' AND key <> ?2 AND ${stale(page.table, "?1", "?3")} LIMIT ${PRUNED_AT_ONCE})`,
      )
      .bind(page.orgId, keyOf(page), Date.now()),
  ]);
  return { answer, body };
}

const TABLES: KeptTable[] = ["kept_roster_pages", "kept_report_pages"];

/**
 * The cron tick's share of pruning: the stale rows among each table's next `limit` keys after where the
 * last tick stopped (kept_sweeps; back to the start after the last key), so a tick reads a bounded slice
 * of the primary key and every row is looked at once per pass. Rows of orgs read again are pruned as
 * their pages are rebuilt (buildAndKeep); this finds the rest. One round trip.
 */
export async function pruneKept(d1: D1Database, now: number, limit = PRUNED_AT_ONCE) {
  const results = await d1.batch(
    TABLES.flatMap((table) => {
      const org = `substr(${table}.key, 1, instr(${table}.key, ' ') - 1)`;
      return [
        d1.prepare("INSERT OR IGNORE INTO kept_sweeps (tbl, after, upto) VALUES (?1, '', '')").bind(table),
        d1
          .prepare(
            `UPDATE kept_sweeps SET after = upto, upto = coalesce((SELECT max(k.key) FROM
              (SELECT key FROM ${table} WHERE key > kept_sweeps.upto ORDER BY key LIMIT ?2) k), '') WHERE tbl = ?1`,
          )
          .bind(table, limit),
        d1
          .prepare(
            `DELETE FROM ${table} WHERE key > (SELECT after FROM kept_sweeps WHERE tbl = ?1)
              AND key <= (SELECT upto FROM kept_sweeps WHERE tbl = ?1) AND ${stale(table, org, "?2")}`,
          )
          .bind(table, now),
      ];
    }),
  );
  return results.filter((_, i) => i % 3 === 2).reduce((n, r) => n + r.meta.changes, 0);
}
