import { lt, type SQL, sql } from "drizzle-orm";
import { cataloguePages } from "../../schema";
import type { SessionUser } from "../auth";
import { yearOf } from "../lib/day";
import type { Db } from "../lib/db";
import { foldHanzi } from "../lib/fold";
import { newId } from "../lib/ids";
import { heldAnswerSql, heldBody, heldBuild, hold } from "../lib/kept";
import { page } from "../lib/pagination";
import { subtreeEnd } from "../lib/paths";
import { readBatch } from "../lib/sql";
import { userRoots } from "./access";
import { creditFor } from "./credit";
import { type RuleRow, rulesFrom, valuesNow } from "./rules";
import { searchHits, snippetParts } from "./search";

/** The catalogue pages kept per tenant (the most recently computed): about 10 KB each, 5 MB at most. */
export const CATALOGUE_KEPT_PAGES = 500;

type CatalogueQuery = {
  q?: string | undefined;
  category?: string | undefined;
  level?: string | undefined;
  limit: number;
  offset: number;
};

/**
 * What decides a page's rows, and nothing else of who asks: the folded query, the filters, the page, the
 * caller's trees (whose schools' published courses and credit rules it shows) and the year (the credit
 * rule in force).
 */
const pageKey = (roots: string[], q: CatalogueQuery, year: number) =>
  JSON.stringify([foldHanzi(q.q ?? ""), q.category ?? "", q.level ?? "", q.limit, q.offset, [...roots].sort(), year]);

const KEPT_PAGE = `SELECT ${heldAnswerSql("k.built", "k.body", "?2")} AS body
  FROM catalogue_pages k JOIN catalogue_epoch e ON e.id = 1 AND e.epoch = k.epoch WHERE k.key = ?1`;
const heldRow = (key: string) => `catalogue_pages ${key}`;

/**
 * Page keys this isolate has answered (a hint, never an answer), the most recent ASKED_KEYS. A key names
 * the caller's trees by their paths of random org ids, so tenants' keys do not meet.
 */
const ASKED_KEYS = 2_000;
const asked = new Set<string>();

/** Whether this isolate answered `key` before; remembers that it has now. */
function askedBefore(key: string) {
  const before = asked.delete(key);
  if (asked.size >= ASKED_KEYS) asked.delete(asked.values().next().value as string);
  asked.add(key);
  return before;
}

/**
 * Published courses of the user's trees' schools, filtered; searched, most relevant first with the
 * matching snippet, else newest first; each credited by its school's conversion.
 * A page asked for the first time in this isolate is computed in the session check's batch (one round
 * trip) and not kept: most queries are asked once, and keeping each cost a write and the kept page's
 * lookup that missed. Asked again, the kept page is read first (one round trip when it is kept under the
 * current catalogue epoch); otherwise the page is computed with the epoch it was read under and kept.
 * Answers the page as JSON text and, when it should be kept, the write that keeps it (run it after answering).
 */
export async function catalogue(db: Db, user: SessionUser, q: CatalogueQuery, now = Date.now()) {
  const roots = userRoots(user);
  const key = pageKey(roots, q, yearOf(now));
  const again = askedBefore(key);
  if (again) {
    // The kept page first, in the session check's batch: a kept page's request reads nothing else.
    // Only "=" when this isolate holds the page's build (worker/lib/kept.ts).
    const [found] = await db.$client.batch([db.$client.prepare(KEPT_PAGE).bind(key, heldBuild(heldRow(key)))]);
    const json = heldBody(heldRow(key), (found!.results[0] as { body: string } | undefined)?.body);
    if (json) return { json, keep: null };
  }
  const inTrees = (column: SQL) =>
    roots.length
      ? sql.join(
          roots.map((r) => sql`(${column} >= ${r} AND ${column} < ${subtreeEnd(r)})`),
          sql` OR `,
        )
      : sql`0`;
  const search = q.q ? searchHits(q.q) : null;
  const [rows, epochs] = await readBatch<[CatalogueRow, { epoch: number }?]>(db, [
    // With a query: the page by relevance (the page first, then snippets of its rows only); the
    // matching courses are looked up by id (CROSS JOIN keeps that order: D1 has no statistics, and SQLite
    // otherwise walked every published course with an index it built on the hits each time).
    // The credit versions ride along, read by id for the orgs along the page's schools' paths (a join of
    // the rules with the caller's trees walked every org of the trees).
    sql`WITH ${search ? sql`${search.ctes},` : sql``} page AS MATERIALIZED (
      SELECT c.id, c.title, c.summary, c.category, c.level, c.tags, c.cover_url AS coverUrl,
        c.school_path AS schoolPath, c.credit_hours AS creditHours, c.checkpoint_quiz_id AS checkpointQuizId,
        c.lesson_count AS lessons, c.minutes, c.published_at AS publishedAt, ${search ? sql`h.docId` : sql`NULL`} AS docId,
        ${search ? sql`h.score` : sql`0`} AS score
      FROM ${search ? sql`hits h CROSS JOIN courses c ON c.id = h.courseId` : sql`courses c`}
      WHERE c.status = 'published' AND (${inTrees(sql`c.school_path`)})
        ${q.category ? sql`AND c.category = ${q.category}` : sql``}
        ${q.level ? sql`AND c.level = ${q.level}` : sql``}
      ORDER BY ${search ? sql`h.score, ` : sql``}c.published_at DESC, c.id
      LIMIT ${q.limit + 1} OFFSET ${q.offset})
    SELECT p.*, ${search ? search.snippet(sql`p.docId`) : sql`NULL`} AS snippet, (${creditRulesOf(sql`SELECT DISTINCT schoolPath FROM page`)}) AS rules
    FROM page p ORDER BY p.score, p.publishedAt DESC, p.id`,
    // The epoch only for a page to keep.
    ...((again ? [sql`SELECT epoch FROM catalogue_epoch WHERE id = 1`] : []) as [SQL?]),
  ]);
  const kept = epochs?.[0];
  const json = JSON.stringify(pageOf(rows, rulesFrom(rows[0]?.rules ?? null), q, now));
  // Kept under the epoch read with the rows: a change since then has moved the epoch on, so that page is
  // never served. A newer page of the same key is not overwritten by an older one.
  const built = newId();
  const keep = kept
    ? () => {
        hold(heldRow(key), built, json);
        return db.batch([
          db
            .insert(cataloguePages)
            .values({ key, epoch: kept.epoch, body: json, createdAt: now, built })
            .onConflictDoUpdate({
              target: cataloguePages.key,
              set: { epoch: kept.epoch, body: json, createdAt: now, built },
              setWhere: sql`${cataloguePages.epoch} <= ${kept.epoch}`,
            }),
          db
            .delete(cataloguePages)
            .where(
              lt(
                cataloguePages.createdAt,
                sql`(SELECT created_at FROM catalogue_pages ORDER BY created_at DESC LIMIT 1 OFFSET ${CATALOGUE_KEPT_PAGES - 1})`,
              ),
            ),
        ]);
      }
    : null;
  return { json, keep };
}

/** The answer from the rows: each school's conversion once per request, not per row. */
function pageOf(rows: CatalogueRow[], rules: RuleRow[], q: CatalogueQuery, now: number) {
  const tables = new Map(
    [...new Set(rows.map((r) => r.schoolPath))].map((path) => [path, valuesNow(rules, "credit", path, now)]),
  );
  const items = rows.map(
    ({ creditHours, checkpointQuizId, schoolPath, publishedAt: _at, docId: _d, score: _s, rules: _r, ...r }) => ({
      ...r,
      snippet: snippetParts(r.snippet),
      tags: JSON.parse(r.tags || "[]") as string[],
      credit: creditFor({ creditHours, checkpointQuizId }, r.minutes, tables.get(schoolPath)!),
    }),
  );
  return page(items, q.limit, q.offset);
}

export type CataloguePage = ReturnType<typeof pageOf>;

interface CatalogueRow {
  id: string;
  title: string;
  summary: string;
  category: string;
  level: string;
  tags: string;
  coverUrl: string | null;
  creditHours: number | null;
  checkpointQuizId: string | null;
  schoolPath: string;
  lessons: number;
  minutes: number;
  publishedAt: number;
  docId: number | null;
  score: number;
  snippet: string | null;
  /** The credit versions along the page's schools (the same JSON on every row). */
  rules: string | null;
}

/**
 * The credit versions set on the orgs along the school paths `paths` selects, as one JSON array (rulesFrom):
 * each path's org ids ("/a/b/" → a, b) looked up in study_rules by id. Uncorrelated, so computed once.
 */
const creditRulesOf = (paths: SQL) => sql`SELECT json_group_array(json_object('orgId', r.org_id, 'kind', r.kind,
    'fromYear', r.from_year, 'version', r.version, 'values', json(r."values")))
  FROM study_rules r WHERE r.kind = 'credit' AND r.org_id IN (
    SELECT j.value FROM (${paths}) s, json_each('["' || replace(substr(s.schoolPath, 2, length(s.schoolPath) - 2), '/', '","') || '"]') j)`;
