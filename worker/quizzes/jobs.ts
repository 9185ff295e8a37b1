import type { D1Database } from "@cloudflare/workers-types";
import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { quizAttempts, quizzes } from "../../schema";
import type { Env } from "../env";
import { type Db, getDb } from "../lib/db";
import { type DueRow, dueStatement, setDue } from "../lib/due";
import { notifyFromSelect } from "../lib/notify";
import type { Quiz } from "./access";
import { GRACE_MS } from "./defaults";
import { finalizeAttempt } from "./finalize";

const BATCH = 200;

/**
 * Closes attempts whose deadline has passed with their last saved answers, and re-grades attempts stuck
 * mid-grading. Idempotent: each close is a conditional claim, so a second or late tick does nothing twice.
 */
export async function onCron(env: Env, now: number) {
  const db = getDb(env.DB);
  const due = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(
      or(
        and(
          eq(quizAttempts.state, "open"),
          isNotNull(quizAttempts.deadline),
          lt(quizAttempts.deadline, now - GRACE_MS),
        ),
        and(eq(quizAttempts.state, "grading"), sql`${quizAttempts.submittedAt} < ${now - 5 * 60_000}`),
      ),
    )
    .limit(BATCH);
  let closed = 0;
  for (const { id } of due) if (await finalizeAttempt(db, id, "cron", now)) closed++;
  return { closed };
}

/** The due_work kind of a published quiz's window: due when it opens, then a day before it closes. */
const QUIZ_WINDOW = "quiz_window";
/** Members who have not taken a quiz are told this long before it closes. */
export const QUIZ_CLOSING_AHEAD = 86_400_000;

type Window = Pick<Quiz, "id" | "published" | "courseId" | "openAt" | "closeAt">;
const windowKey = (quizId: string) => ({ kind: QUIZ_WINDOW, subject: quizId, ref: "" });

/** When the window next needs a notice: its opening (now if open already), then the closing reminder. */
function nextMoment(q: Window, now: number, sentOpen: boolean) {
  // A course's checkpoint opens with the course: its members hear of the course, not of the quiz.
  if (!q.published || q.courseId !== null || (q.closeAt !== null && now >= q.closeAt)) return null;
  if (!sentOpen) return q.openAt !== null && q.openAt > now ? q.openAt : now;
  if (q.closeAt !== null && now < q.closeAt - QUIZ_CLOSING_AHEAD) return q.closeAt - QUIZ_CLOSING_AHEAD;
  return null;
}

/** The statement that (re)schedules a quiz's window notices, for the batch that creates or edits it. */
export const scheduleQuizWindow = (db: Db, q: Window, now: number) =>
  dueStatement(db, windowKey(q.id), nextMoment(q, now, false));

/** The members of the quiz's audience (its subtree), minus those who have submitted when `pending`. */
function windowNotice(d1: D1Database, q: Window, kind: "quiz_opened" | "quiz_closing", now: number) {
  const key = kind === "quiz_opened" ? `quiz-open:${q.id}:${q.openAt ?? 0}` : `quiz-closing:${q.id}:${q.closeAt}`;
  const pending =
    kind === "quiz_closing"
      ? "AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.quiz_id = q.id AND a.user_id = m.user_id AND a.state <> 'open')"
      : "";
  return notifyFromSelect(
    d1,
    `SELECT m.user_id, ?2, ?3, json_object('quiz', q.title, 'quizId', q.id), '/quizzes/take/' || q.id, q.close_at, ?4
       FROM quizzes q
       JOIN orgs o ON o.path >= q.audience_path AND o.path < substr(q.audience_path, 1, length(q.audience_path) - 1) || '0'
       JOIN memberships m ON m.org_id = o.id AND m.role = 'member' AND m.ended_at IS NULL
       JOIN users u ON u.id = m.user_id AND u.active = 1
      WHERE q.id = ?1 ${pending}`,
    q.id,
    key,
    kind,
    now,
  );
}

/**
 * The cron tick's share of the claimed due rows: each quiz come due tells its audience it is open, or,
 * a day before it closes, reminds who has not submitted; then the row moves to the next moment or goes.
 * Keys name the quiz and the moment, so a late or repeated tick sends nothing twice.
 */
export async function onDue(env: Env, now: number, due: readonly DueRow[]) {
  const ids = due.filter((r) => r.kind === QUIZ_WINDOW).map((r) => r.subject);
  if (!ids.length) return { quizzes: 0 };
  const db = getDb(env.DB);
  const rows = await db
    .select({
      id: quizzes.id,
      published: quizzes.published,
      courseId: quizzes.courseId,
      openAt: quizzes.openAt,
      closeAt: quizzes.closeAt,
    })
    .from(quizzes)
    .where(inArray(quizzes.id, ids));
  const found = new Map(rows.map((q) => [q.id, q]));
  const writes = ids.flatMap((id) => {
    const q = found.get(id);
    const next = q ? nextMoment(q, now, false) : null;
    if (!q || next === null || next > now) return [setDue(env.DB, windowKey(id), next)];
    const closing = q.closeAt !== null && now >= q.closeAt - QUIZ_CLOSING_AHEAD;
    return [
      ...(closing ? [] : [windowNotice(env.DB, q, "quiz_opened", now)]),
      ...(closing ? [windowNotice(env.DB, q, "quiz_closing", now)] : []),
      setDue(env.DB, windowKey(id), nextMoment(q, now, true)),
    ];
  });
  await env.DB.batch(writes);
  return { quizzes: ids.length };
}
