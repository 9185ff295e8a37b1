import type { D1Database, D1PreparedStatement, D1Result } from "@cloudflare/workers-types";
import { newId } from "./ids";

// An answer kept as the JSON text it was served as: it answers while its stamp is still the generations it
// was built at, bumped by triggers on whatever it shows. Each table's stamp is a function of the row's
// owner (the part of its key before the first space):
// - a roster page: the org's roster generations (kept_roster_generations: the org's, bumped along the
//   ancestors of whatever changed under it, and the tenant's roster epoch '*'), so a lesson studied
//   leaves it alone;
// - the branch study table shows study beside the roster: the org's study generations ('o:' and the org's
//   id, and the tenant epoch '*', in kept_study_generations) and its roster ones;
// - a plain member's home (worker/evaluations/home-kept.ts): the member's study generation (their id), their
//   home's ('h:' and their id), the tenant's study epoch '*' and home epoch 'h*'.
// The stamp is read in SQL in the same statement as the answer (so it rides in the session check's batch),
// and on a miss in the same batch as the answer's own reads: a write racing the rebuild leaves the row it
// stores already stale.

/** The tables of kept answers (one shape: key, stamp, valid_until, body). */
type KeptTable = "kept_roster_pages" | "kept_report_pages" | "kept_home_pages";

export interface KeptPage {
  table: KeptTable;
  /** The org of a subtree page, the user of a home: whose generations stamp it. */
  owner: string;
  /** Everything else the answer depends on (cursor, filters, year, memberships): with the owner, the row's key. */
  key: string;
}

const generation = (table: string, key: string) =>
  `coalesce((SELECT g.generation FROM ${table} g WHERE g.key = ${key}), 0)`;
const stampOf = (generations: string[]) => generations.join(" || '/' || ");
const roster = (org: string) => [
  generation("kept_roster_generations", org),
  generation("kept_roster_generations", "'*'"),
];
const study = (key: string) => generation("kept_study_generations", key);

/** Each table's stamp as SQL of the row's owner (`owner`, an expression). */
const STAMPS: Record<KeptTable, (owner: string) => string> = {
  kept_roster_pages: (org) => stampOf(roster(org)),
  kept_report_pages: (org) => stampOf([study(`'o:' || ${org}`), study("'*'"), ...roster(org)]),
  kept_home_pages: (user) => stampOf([study(user), study(`'h:' || ${user}`), study("'*'"), study("'h*'")]),
};

const keyOf = (page: KeptPage) => `${page.owner} ${page.key}`;

/** A kept row that can never answer again (SQL): its stamp is not its owner's now, or its time has passed. */
const stale = (table: KeptTable, owner: string, now: string) =>
  `(valid_until <= ${now} OR stamp <> ${STAMPS[table](owner)})`;

/** At most this many stale rows are deleted beside a page rebuilt, and looked at per table by a tick's sweep. */
const PRUNED_AT_ONCE = 200;

// Bodies this isolate served lately, by row (table and key), with the random id of the build that wrote the
// row: a read sends the build it holds, and while the row is still that build D1 answers "=" and its id
// instead of the body, so a kept answer's text does not cross from D1 and get parsed again on every read.
// Checked by D1 on every read, never trusted alone; random, so a restored or another tenant's row never
// matches by chance.
const HELD_CHARS = 4_000_000;
const held = new Map<string, { built: string; body: unknown; chars: number }>();
let heldChars = 0;

/**
 * Holds what a row of build `built` answers, `chars` long (the oldest let go beyond HELD_CHARS): the JSON text
 * of a kept answer, or an answer's parts read as a value (frozen: requests share it).
 */
export function hold(row: string, built: string, body: unknown, chars = (body as string).length) {
  const before = held.get(row);
  if (before) heldChars -= before.chars;
  held.delete(row);
  held.set(row, { built, body, chars });
  heldChars += chars;
  for (const [oldest, entry] of held) {
    if (heldChars <= HELD_CHARS) break;
    held.delete(oldest);
    heldChars -= entry.chars;
  }
}

/** What this isolate holds of a row while it is still build `built` (the most recently used from now). */
export function heldAs<T>(row: string, built: string): T | undefined {
  const mine = held.get(row);
  if (mine?.built !== built) return undefined;
  held.delete(row);
  held.set(row, mine);
  return mine.body as T;
}

const SAME = "=";

/** The build this isolate holds of a row (bind it for heldAnswerSql), or null. */
export const heldBuild = (row: string) => held.get(row)?.built ?? null;

/** SQL of a kept row's answer for `heldBody`: "=" and the build when it is `heldParam`, else the build and the body. */
export const heldAnswerSql = (built: string, body: string, heldParam: string) =>
  `CASE WHEN ${built} = ${heldParam} THEN '${SAME}' || ${built} ELSE ${built} || char(10) || ${body} END`;

/**
 * The body from what heldAnswerSql answered: "=" and the build held, or the build's id (base32, never "=")
 * and the body, which is held from now on. Undefined for none, or when this isolate has let go of that build.
 */
export function heldBody(row: string, answered: string | null | undefined) {
  if (answered == null) return undefined;
  if (answered.startsWith(SAME)) return heldAs<string>(row, answered.slice(SAME.length));
  const cut = answered.indexOf("\n");
  const body = answered.slice(cut + 1);
  hold(row, answered.slice(0, cut), body);
  return body;
}

const rowOf = (page: KeptPage) => `${page.table} ${keyOf(page)}`;

/**
 * The kept page while it still holds, else NULL: a scalar subquery on ?1 (the owner), ?2 (the row's key),
 * ?3 (now) and ?4 (the build this isolate holds, or NULL), bound by `keptParams`, to read beside another
 * row's columns in one statement. Read it with `keptBody`.
 */
export const keptTextSql = (table: KeptTable) =>
  `(SELECT ${heldAnswerSql("built", "body", "?4")}
    FROM ${table} WHERE key = ?2 AND valid_until > ?3 AND stamp = ${STAMPS[table]("?1")})`;

export const keptParams = (page: KeptPage, now: number) => [page.owner, keyOf(page), now, heldBuild(rowOf(page))];

/** The kept page's text from what keptTextSql answered (undefined when none holds). */
export const keptBody = (page: KeptPage, answered: string | null | undefined) => heldBody(rowOf(page), answered);

/** The kept page (column `text`, NULL when it no longer holds): a plain read for the request's first batch. */
export const keptRead = (d1: D1Database, page: KeptPage, now: number) =>
  d1.prepare(`SELECT ${keptTextSql(page.table)} AS text`).bind(...keptParams(page, now));

/** The text a keptRead found, or undefined. */
export const keptText = (page: KeptPage, result: D1Result | undefined) =>
  keptBody(page, (result?.results[0] as { text: string | null } | undefined)?.text);

/**
 * The answer computed from `reads` (one batch, the stamp read beside them) and kept until `validUntil`
 * of its shape (a time it changes by itself, or Infinity); returns it and its JSON text. Call it only once the
 * caller may see it.
 */
export async function buildAndKeep<T>(
  d1: D1Database,
  page: KeptPage,
  reads: D1PreparedStatement[],
  shape: (results: D1Result[]) => { answer: T; validUntil: number } | Promise<{ answer: T; validUntil: number }>,
) {
  const [stamped, ...results] = await d1.batch([
    d1.prepare(`SELECT ${STAMPS[page.table]("?1")} AS stamp`).bind(page.owner),
    ...reads,
  ]);
  const { answer, validUntil } = await shape(results);
  const body = JSON.stringify(answer);
  const stamp = (stamped!.results[0] as { stamp: string }).stamp;
  const validTo = Math.min(validUntil, Number.MAX_SAFE_INTEGER);
  const built = newId();
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO ${page.table} (key, stamp, valid_until, body, built) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (key) DO UPDATE SET stamp = excluded.stamp, valid_until = excluded.valid_until, body = excluded.body,
          built = excluded.built`,
      )
      .bind(keyOf(page), stamp, validTo, body, built),
    // The owner's other rows gone stale, as this one was: replaced too (they would never answer again).
    d1
      .prepare(
        `DELETE FROM ${page.table} WHERE key IN (SELECT key FROM ${page.table}
          WHERE key > ?1 || ' ' AND key < ?1 || '!' AND key <> ?2 AND ${stale(page.table, "?1", "?3")} LIMIT ${PRUNED_AT_ONCE})`,
      )
      .bind(page.owner, keyOf(page), Date.now()),
  ]);
  hold(rowOf(page), built, body);
  return { answer, body };
}

const TABLES = Object.keys(STAMPS) as KeptTable[];

/**
 * The cron tick's share of pruning: the stale rows among each table's next `limit` keys after where the
 * last tick stopped (kept_sweeps; back to the start after the last key), so a tick reads a bounded slice
 * of the primary key and every row is looked at once per pass. Rows of owners read again are pruned as
 * their answers are rebuilt (buildAndKeep); this finds the rest. One round trip.
 */
export async function pruneKept(d1: D1Database, now: number, limit = PRUNED_AT_ONCE) {
  const results = await d1.batch(
    TABLES.flatMap((table) => {
      const owner = `substr(${table}.key, 1, instr(${table}.key, ' ') - 1)`;
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
              AND key <= (SELECT upto FROM kept_sweeps WHERE tbl = ?1) AND ${stale(table, owner, "?2")}`,
          )
          .bind(table, now),
      ];
    }),
  );
  return results.filter((_, i) => i % 3 === 2).reduce((n, r) => n + r.meta.changes, 0);
}
