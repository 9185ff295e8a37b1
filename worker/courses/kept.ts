import { type SQL, sql } from "drizzle-orm";
import { keptStudyPages } from "../../schema";
import type { Db } from "../lib/db";
import { newId } from "../lib/ids";
import { heldAnswerSql, heldBody, heldBuild, hold } from "../lib/kept";
import { type FieldedPart, readBatch } from "../lib/sql";
import { memberBranches } from "./access";
import { studyToDoReads } from "./home";
import { type Studier, studyReads } from "./study";

// "My study" and the home page's study part, kept per member (kept_study_pages): served by one point
// lookup while the migration's triggers have bumped neither the member's generation nor the tenant's
// epoch since they were built, the member holds the same memberships and no due date or year end has
// passed. Only the member's own pages are kept: an overseer's drill-down (memberStudy) computes, and
// never reads or writes these rows.

/** The memberships an answer is built for, in the session's order (the first branch counts). */
const builtFor = (user: Studier) => JSON.stringify(user.memberships.map((m) => [m.orgPath, m.role]));

const generation = (key: string | SQL) =>
  sql`coalesce((SELECT g.generation FROM kept_study_generations g WHERE g.key = ${key}), 0)`;

/**
 * My study's kept text while it holds (worker/lib/kept.ts's held answer: "=" while this isolate holds its
 * build), a plain statement built once; it rides in the session check's batch.
 */
const MY_STUDY = `SELECT ${heldAnswerSql("p.built", "p.body", "?4")} AS text FROM kept_study_pages p
  WHERE p.user_id = ?1 AND p.built_for = ?2 AND p.valid_until > ?3
    AND p.generation = coalesce((SELECT g.generation FROM kept_study_generations g WHERE g.key = p.user_id), 0)
    AND p.epoch = coalesce((SELECT g.generation FROM kept_study_generations g WHERE g.key = '*'), 0)`;
const heldRow = (user: Studier) => `kept_study_pages ${user.id}`;

/** The home page's kept study part while it still holds, and until when (a plain read: it rides in the session check's batch). */
const keptHomeSql = (user: Studier, now: number) =>
  sql`SELECT p.home AS text, p.valid_until AS validUntil FROM kept_study_pages p
    WHERE p.user_id = ${user.id} AND p.built_for = ${builtFor(user)} AND p.valid_until > ${now}
      AND p.generation = ${generation(sql`p.user_id`)} AND p.epoch = ${generation("*")}`;

type StudyToDo = ReturnType<NonNullable<ReturnType<typeof studyToDoReads>>["shape"]>;

/**
 * Both answers computed and kept: the generations are read in the same batch as the rows, so a write
 * racing the rebuild leaves the row it stores already stale. Kept until the sooner of my study's next
 * change by time and an open course on the home page falling overdue.
 */
async function rebuild(db: Db, user: Studier, now: number) {
  const study = studyReads(user, now);
  // Not a member of any branch: nothing on the home page to keep (null).
  const toDo = studyToDoReads(user, now);
  const [generations, ...rows] = await readBatch<unknown[]>(db, [
    sql`SELECT ${generation(user.id)} AS generation, ${generation("*")} AS epoch`,
    ...study.queries,
    ...(toDo?.queries ?? []),
  ]);
  const built = study.shape(rows.slice(0, study.queries.length));
  const home: StudyToDo | null = toDo?.shape(rows.slice(study.queries.length)) ?? null;
  const dues = (home?.courses ?? []).flatMap((c) => (c.dueAt != null && c.dueAt >= now ? [c.dueAt + 1] : []));
  const row = {
    builtFor: builtFor(user),
    ...(generations?.[0] as { generation: number; epoch: number }),
    validUntil: Math.min(built.validUntil, ...dues),
    body: JSON.stringify(built.study),
    home: JSON.stringify(home),
    builtAt: now,
    built: newId(),
  };
  await db
    .insert(keptStudyPages)
    .values({ userId: user.id, ...row })
    .onConflictDoUpdate({ target: keptStudyPages.userId, set: row });
  hold(heldRow(user), row.built, row.body);
  return row;
}

/** The member's own study as JSON text: the kept answer, else computed and kept. */
export async function myStudyText(db: Db, user: Studier, now = Date.now()) {
  const d1 = db.$client;
  const [read] = await d1.batch([d1.prepare(MY_STUDY).bind(user.id, builtFor(user), now, heldBuild(heldRow(user)))]);
  const text = heldBody(heldRow(user), (read!.results[0] as { text: string } | undefined)?.text);
  return text ?? (await rebuild(db, user, now)).body;
}

/**
 * The home page's study part for a combined batch: the kept one, else computed and kept (after the batch),
 * with the time it changes by itself.
 */
export function memberStudyToDo(db: Db, user: Studier, now: number) {
  if (!memberBranches(user).length) return null;
  return {
    queries: [keptHomeSql(user, now)],
    fields: [["text", "validUntil"]],
    shape: async ([rows]: { text: string; validUntil: number }[][]) => {
      const hit = rows?.[0];
      const { home, validUntil } = hit ? { home: hit.text, validUntil: hit.validUntil } : await rebuild(db, user, now);
      return { toDo: JSON.parse(home) as StudyToDo, validUntil };
    },
  } satisfies FieldedPart<Promise<{ toDo: StudyToDo; validUntil: number }>>;
}
