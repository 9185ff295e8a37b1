import { type SQL, sql } from "drizzle-orm";
import type { SessionUser } from "../auth";
import type { Db } from "../lib/db";
import { page } from "../lib/pagination";
import { subtreeEnd } from "../lib/paths";
import { readBatch } from "../lib/sql";
import { userRoots } from "./access";
import { creditFor } from "./credit";
import { type RuleRow, valuesNow } from "./rules";
import { searchHits, snippetParts } from "./search";

/**
 * Published courses of the user's trees' schools, filtered; searched, most relevant first with the
 * matching snippet, else newest first; each credited by its school's conversion (one round trip: the page and the credit versions set in those trees).
 */
export async function catalogue(
  db: Db,
  user: SessionUser,
  q: {
    q?: string | undefined;
    category?: string | undefined;
    level?: string | undefined;
    limit: number;
    offset: number;
  },
  now = Date.now(),
) {
  const roots = userRoots(user);
  const inTrees = (column: SQL) =>
    roots.length
      ? sql.join(
          roots.map((r) => sql`(${column} >= ${r} AND ${column} < ${subtreeEnd(r)})`),
          sql` OR `,
        )
      : sql`0`;
  const search = q.q ? searchHits(q.q) : null;
  const [rows, rules] = await readBatch<[CatalogueRow, RuleRow]>(db, [
    // With a query: the page by relevance (the page first, then snippets of its rows only); the
    // matching courses are looked up by id (CROSS JOIN keeps that order: D1 has no statistics, and SQLite
    // otherwise walked every published course with an index it built on the hits each time).
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
    SELECT p.*, ${search ? search.snippet(sql`p.docId`) : sql`NULL`} AS snippet FROM page p ORDER BY p.score, p.publishedAt DESC, p.id`,
    sql`SELECT r.org_id AS orgId, r.kind, r.from_year AS fromYear, r.version, r."values"
      FROM study_rules r JOIN orgs o ON o.id = r.org_id
      WHERE r.kind = 'credit' AND (${inTrees(sql`o.path`)})`,
  ]);
  // Each school's conversion once per request, not per row.
  const tables = new Map(
    [...new Set(rows.map((r) => r.schoolPath))].map((path) => [path, valuesNow(rules, "credit", path, now)]),
  );
  const items = rows.map(
    ({ creditHours, checkpointQuizId, schoolPath, publishedAt: _at, docId: _d, score: _s, ...r }) => ({
      ...r,
      snippet: snippetParts(r.snippet),
      tags: JSON.parse(r.tags || "[]") as string[],
      credit: creditFor({ creditHours, checkpointQuizId }, r.minutes, tables.get(schoolPath)!),
    }),
  );
  return page(items, q.limit, q.offset);
}

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
}
