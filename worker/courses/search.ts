import { and, eq, type SQL, sql } from "drizzle-orm";
import { courseSearchDocs } from "../../schema/courses/tables";
import type { Db } from "../lib/db";
import { foldHanzi } from "../lib/fold";

// Snippet marks around a hit: control characters no text keeps (indexing blanks them), split into
// segments before they leave the Worker, so no markup is ever built from a course's text.
const OPEN = "\u0002";
const CLOSE = "\u0003";
const blankMarks = (s: string) => s.replaceAll(OPEN, " ").replaceAll(CLOSE, " ");
// Characters of context either side of a hit.
const CONTEXT = 12;

function doc(courseId: string, lessonId: string, title: string, body: string) {
  const [t, b] = [blankMarks(title), blankMarks(body)];
  return { courseId, lessonId, title: t, body: b, foldedTitle: foldHanzi(t), foldedBody: foldHanzi(b) };
}

function upsert(db: Db, row: ReturnType<typeof doc>) {
  const { courseId: _c, lessonId: _l, ...text } = row;
  return db
    .insert(courseSearchDocs)
    .values(row)
    .onConflictDoUpdate({ target: [courseSearchDocs.courseId, courseSearchDocs.lessonId], set: text });
}

/**
 * The statement that (re)indexes a course's own row (title; summary and tags) for the catalogue search:
 * put it in the same db.batch as the edit. Triggers keep the FTS5 table (migration 0021) in step.
 */
export const indexCourse = (db: Db, course: { id: string; title: string; summary: string; tags: string[] }) =>
  upsert(db, doc(course.id, "", course.title, `${course.summary}\n${course.tags.join(" ")}`));

/** The statement that (re)indexes a lesson's current title and text. */
export const indexLesson = (db: Db, courseId: string, lessonId: string, lesson: { title: string; body: string }) =>
  upsert(db, doc(courseId, lessonId, lesson.title, lesson.body));

export const unindexLesson = (db: Db, courseId: string, lessonId: string) =>
  db
    .delete(courseSearchDocs)
    .where(and(eq(courseSearchDocs.courseId, courseId), eq(courseSearchDocs.lessonId, lessonId)));

/**
 * Common table expressions ending in `hits(courseId, docId, score)`: the courses matching `q`, each with
 * its best-scoring row and score (lower is better), to join courses to; and the snippet of a row. FTS5 on the folded text ranks by bm25 with titles weighing 10 to 1
 * (one phrase, so its IDF is one factor for every row: the order among the courses a caller sees does
 * not move with courses they cannot see). Below 3 characters (the trigram minimum) the postings of the
 * query in course_search_grams (every 1- and 2-character gram of the folded text), title hits first.
 */
export function searchHits(q: string): { ctes: SQL; snippet: (docId: SQL) => SQL } {
  const folded = foldHanzi(q);
  const snippet = snippetAround(folded);
  if ([...folded].length >= 3) {
    const phrase = `"${folded.replace(/"/g, '""')}"`;
    return {
      // The rank column (bm25 by the given weights) groups where bm25() itself cannot: no copy of the
      // matches is materialized first. Each course's best row is the one min() picks.
      ctes: sql`hits AS NOT MATERIALIZED (SELECT course_id AS courseId, rowid AS docId, min(rank) AS score
          FROM course_search WHERE course_search MATCH ${phrase} AND rank MATCH 'bm25(0, 0, 10, 1)'
          GROUP BY course_id)`,
      snippet,
    };
  }
  // Below 3 characters: the rows holding the query's one gram, each tested for a title hit.
  const needle = lowerAscii(folded);
  return {
    ctes: sql`hits AS NOT MATERIALIZED (SELECT d.course_id AS courseId, d.id AS docId,
        min(CASE WHEN instr(lower(d.folded_title), ${needle}) > 0 THEN 0 ELSE 1 END) AS score
      FROM course_search_grams g CROSS JOIN course_search_docs d ON d.id = g.doc_id
      WHERE g.gram = ${needle}
      GROUP BY d.course_id)`,
    snippet,
  };
}

// SQLite's lower() folds ASCII only: the needle alike.
const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (ch) => ch.toLowerCase());

/**
 * The snippet of a matching row: its first hit in the title, else in the body, with CONTEXT characters
 * either side. A trigram phrase is a substring of the folded text, so both ways of matching find it by
 * instr(), a point read of the row (FTS5's snippet() ran a second match and cost as much as the search).
 * Folding is character for character, so a hit in the folded text is at the same place in the text.
 */
function snippetAround(folded: string) {
  const n = [...folded].length;
  const needle = lowerAscii(folded);
  return (docId: SQL) => sql`(SELECT CASE WHEN at = 0 THEN NULL ELSE
        CASE WHEN at > ${CONTEXT + 1} THEN '…' ELSE '' END
        || substr(t, max(1, at - ${CONTEXT}), min(${CONTEXT}, at - 1)) || char(2) || substr(t, at, ${n})
        || char(3) || substr(t, at + ${n}, ${CONTEXT})
        || CASE WHEN length(t) >= at + ${n + CONTEXT} THEN '…' ELSE '' END END
      FROM (SELECT CASE WHEN instr(lower(folded_title), ${needle}) > 0 THEN title ELSE body END AS t,
          CASE WHEN instr(lower(folded_title), ${needle}) > 0 THEN instr(lower(folded_title), ${needle})
            ELSE instr(lower(folded_body), ${needle}) END AS at
        FROM course_search_docs WHERE id = ${docId}))`;
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** A marked snippet as text segments, hits flagged: the page renders them as text, never as markup. */
export function snippetParts(marked: string | null): SnippetPart[] | null {
  if (marked == null) return null;
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = "";
  const flush = () => {
    if (text) parts.push({ text, hit });
    text = "";
  };
  for (const ch of marked) {
    if (ch === OPEN || ch === CLOSE) {
      flush();
      hit = ch === OPEN;
    } else text += ch;
  }
  flush();
  return parts;
}
