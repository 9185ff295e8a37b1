import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { archiveEvents, attemptSlots, questionVersions, quizAttempts, quizzes } from "../../schema";
import type { ArchiveKind } from "../../schema/archives/kinds";
import type { QuestionBody, Response } from "../../schema/banks/types";
import { finalGrade, grade, pickKey } from "../banks";
import { archiveInsert } from "../lib/archive";
import type { Db } from "../lib/db";
import { batchAll } from "./batch";

/** An attempt claimed this long ago and still grading crashed mid-way (the migration's triggers spell it too). */
export const STUCK_MS = 5 * 60_000;

/** Implausible timing, for a person to look at: nothing else is watched. */
function timingFlag(startedAt: number, end: number, saves: (number | null)[]): string | null {
  const times = saves.filter((t): t is number => t !== null);
  if (times.length < 3) return null;
  const elapsed = end - startedAt;
  if (elapsed < Math.max(10_000, times.length * 2_000)) return "too_fast";
  const seconds = new Set(times.map((t) => Math.floor(t / 1000)));
  if (seconds.size === 1 && elapsed < times.length * 5_000) return "same_second";
  return null;
}

/**
 * Closes an attempt exactly once: a conditional UPDATE claims it (open -> grading), so a second submit, a
 * second tab, the deadline path and the cron cannot grade it twice. An attempt stuck in grading (a crash
 * between claim and write) is claimed again after five minutes. Returns false when someone else closed it.
 */
export async function finalizeAttempt(db: Db, id: string, closedBy: "member" | "deadline" | "cron", now = Date.now()) {
  const [claimed] = await db
    .update(quizAttempts)
    .set({ state: "grading", submittedAt: sql`coalesce(${quizAttempts.submittedAt}, ${now})`, closedBy })
    .where(
      and(
        eq(quizAttempts.id, id),
        or(
          eq(quizAttempts.state, "open"),
          and(eq(quizAttempts.state, "grading"), sql`${quizAttempts.submittedAt} < ${now - STUCK_MS}`),
        ),
      ),
    )
    .returning();
  if (!claimed) return false;
  const slots = await db
    .select({
      id: attemptSlots.id,
      points: attemptSlots.points,
      response: attemptSlots.response,
      savedAt: attemptSlots.savedAt,
      body: questionVersions.body,
    })
    .from(attemptSlots)
    .innerJoin(questionVersions, eq(questionVersions.id, attemptSlots.versionId))
    .where(eq(attemptSlots.attemptId, id));
  const graded = slots.map((s) => ({
    s,
    f: grade(s.body as QuestionBody, s.response as Response | null).fraction,
    pick: pickKey(s.body as QuestionBody, s.response as Response | null),
  }));
  const score = graded.reduce((n, g) => n + (g.f ?? 0) * g.s.points, 0);
  const pending = graded.filter((g) => g.f === null).length;
  const percent = claimed.maxScore > 0 ? (100 * score) / claimed.maxScore : 0;
  const [quiz] = await db.select({ pass: quizzes.passPercent }).from(quizzes).where(eq(quizzes.id, claimed.quizId));
  const flag = timingFlag(
    claimed.startedAt,
    claimed.submittedAt ?? now,
    slots.map((s) => s.savedAt),
  );
  await batchAll(db, [
    ...graded.map((g) =>
      db
        .update(attemptSlots)
        .set({ fraction: g.f, needsGrading: g.f === null, pick: g.pick })
        .where(eq(attemptSlots.id, g.s.id)),
    ),
    db
      .update(quizAttempts)
      .set({
        state: "closed",
        score,
        percent,
        pendingCount: pending,
        passed: pending > 0 ? null : percent >= (quiz?.pass ?? 60),
        flag,
      })
      .where(eq(quizAttempts.id, id)),
  ]);
  if (pending === 0) await recordPasses(db, eq(quizAttempts.id, id), now, null);
  return true;
}

/** Recomputes score, percent, pending and passed in SQL for the attempts `where` selects, then archives. */
export async function settleAttempts(
  db: Db,
  where: SQL,
  actorId: string | null,
  now = Date.now(),
  kind: ArchiveKind = "quiz.regraded",
) {
  const sum = sql`(SELECT coalesce(sum(${attemptSlots.points} * coalesce(${attemptSlots.fraction}, 0)), 0) FROM ${attemptSlots} WHERE ${attemptSlots.attemptId} = ${quizAttempts.id})`;
  await db.batch([
    db
      .update(quizAttempts)
      .set({
        score: sum,
        percent: sql`CASE WHEN ${quizAttempts.maxScore} > 0 THEN 100.0 * ${sum} / ${quizAttempts.maxScore} ELSE 0 END`,
        pendingCount: sql`(SELECT count(*) FROM ${attemptSlots} WHERE ${attemptSlots.attemptId} = ${quizAttempts.id} AND ${attemptSlots.needsGrading} = 1)`,
      })
      .where(and(where, eq(quizAttempts.state, "closed"))),
    db
      .update(quizAttempts)
      .set({
        passed: sql`CASE WHEN ${quizAttempts.pendingCount} > 0 THEN NULL ELSE ${quizAttempts.percent} >= (SELECT ${quizzes.passPercent} FROM ${quizzes} WHERE ${quizzes.id} = ${quizAttempts.quizId}) END`,
      })
      .where(and(where, eq(quizAttempts.state, "closed"))),
  ]);
  await recordPasses(db, where, now, actorId, kind);
}

/** The same table again, for the attempts of the members and quizzes that `where` picks. */
const theirs = alias(quizAttempts, "theirs");

/**
 * Writes growth-archive events for the members whose attempts `where` selects: "quiz.passed" the first time
 * their final grade (by the quiz's grading method) reaches the pass mark; with `changeKind`, an event per
 * member recording the new result (a regrade or an essay grade). Two reads and one batch, each by its
 * (quiz, member) keys: what the rest of the tenant holds is never read.
 */
async function recordPasses(db: Db, where: SQL, now: number, actorId: string | null, changeKind?: ArchiveKind) {
  const pairs = db
    .selectDistinct({ q: quizAttempts.quizId, u: quizAttempts.userId })
    .from(quizAttempts)
    .where(where)
    .as("pairs");
  const all = await db
    .select({
      state: theirs.state,
      quizId: theirs.quizId,
      userId: theirs.userId,
      orgId: theirs.orgId,
      percent: theirs.percent,
      pending: theirs.pendingCount,
      title: quizzes.title,
      method: quizzes.gradingMethod,
      pass: quizzes.passPercent,
    })
    .from(pairs)
    .innerJoin(theirs, and(eq(theirs.quizId, pairs.q), eq(theirs.userId, pairs.u)))
    .innerJoin(quizzes, eq(quizzes.id, theirs.quizId))
    .orderBy(asc(theirs.number));
  // The state in code: in SQL it would lead SQLite to the (quiz, state) index, every closed attempt of the quiz.
  const rows = all.filter((r) => r.state === "closed");
  if (rows.length === 0) return;
  const quizIds = [...new Set(rows.map((r) => r.quizId))];
  const userIds = [...new Set(rows.map((r) => r.userId))];
  // The partial index of passes (archive_quiz_passed_idx), its condition spelled as in the index.
  const existing = await db
    .select({ memberId: archiveEvents.memberId, subjectId: archiveEvents.subjectId })
    .from(archiveEvents)
    .where(
      and(
        sql`${archiveEvents.kind} = 'quiz.passed'`,
        inArray(archiveEvents.subjectId, quizIds),
        sql`${archiveEvents.memberId} IN (SELECT value FROM json_each(${JSON.stringify(userIds)}))`,
      ),
    );
  const had = new Set(existing.map((e) => `${e.subjectId}|${e.memberId}`));
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(`${r.quizId}|${r.userId}`, [...(groups.get(`${r.quizId}|${r.userId}`) ?? []), r]);
  const inserts = [];
  for (const [key, list] of groups) {
    const last = list.at(-1) as (typeof rows)[number];
    const pending = list.some((r) => r.pending > 0);
    const final =
      finalGrade(
        last.method,
        list.map((r) => r.percent ?? 0),
      ) ?? 0;
    const passed = !pending && final >= last.pass;
    const base = {
      memberId: last.userId,
      orgId: last.orgId,
      subjectType: "quiz",
      subjectId: last.quizId,
      recordedBy: actorId,
    };
    const summary = { title: last.title, percent: Math.round(final * 10) / 10, passed };
    if (changeKind && !pending) inserts.push(archiveInsert(db, { ...base, kind: changeKind, summary }, now));
    if (passed && !had.has(key)) inserts.push(archiveInsert(db, { ...base, kind: "quiz.passed", summary }, now));
  }
  await batchAll(db, inserts);
}
