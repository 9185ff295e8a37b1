import type { D1Database } from "@cloudflare/workers-types";
import { inArray, sql } from "drizzle-orm";
import { quizAttempts, quizzes } from "../../schema";
import type { Env } from "../env";
import { type Db, getDb } from "../lib/db";
import { type DueRow, dueStatement, rescheduleClaimed, setDue } from "../lib/due";
import { notifyFromSelect } from "../lib/notify";
import type { Quiz } from "./access";
import { GRACE_MS } from "./defaults";
import { finalizeAttempt, STUCK_MS } from "./finalize";

/** The due_work kind of an attempt's deadline (the migration's triggers spell it and the moments below too). */
const QUIZ_DEADLINE = "quiz_deadline";
/** A tick closes at most this many attempts: seven round trips each, 350 of D1's 1,000 an invocation. */
const BATCH = 50;

type Claimed = Pick<typeof quizAttempts.$inferSelect, "id" | "state" | "deadline" | "submittedAt">;

/** When the cron must close the attempt: past its deadline and the grace, or stuck in grading; null once closed. */
function closingMoment(a: Claimed) {
  if (a.state === "grading") return (a.submittedAt ?? 0) + STUCK_MS + 1;
  if (a.state === "open" && a.deadline !== null) return a.deadline + GRACE_MS + 1;
  return null;
}

/**
 * The cron tick's share of the claimed due rows: attempts whose deadline has passed are closed with their
 * last saved answers, attempts stuck mid-grading are graded again. The rows follow the attempts through
 * the migration's triggers (started with a deadline, claimed for grading, closed), so a tick with no
 * attempt due reads nothing. Idempotent: each close is a conditional claim, so a second or late tick does
 * nothing twice. A closed attempt's row goes with it; what is not due yet, or beyond this tick's share,
 * keeps its moment.
 */
export async function onCron(env: Env, now: number, due: readonly DueRow[]) {
  const ids = due.filter((r) => r.kind === QUIZ_DEADLINE).map((r) => r.subject);
  if (!ids.length) return { closed: 0 };
  const db = getDb(env.DB);
  const attempts: Claimed[] = await db
    .select({
      id: quizAttempts.id,
      state: quizAttempts.state,
      deadline: quizAttempts.deadline,
      submittedAt: quizAttempts.submittedAt,
    })
    .from(quizAttempts)
    .where(sql`${quizAttempts.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  const found = new Map(attempts.map((a) => [a.id, a]));
  const later: { subject: string; dueAt: number | null }[] = [];
  let tried = 0;
  let closed = 0;
  for (const id of ids) {
    const a = found.get(id);
    const at = a ? closingMoment(a) : null;
    if (at === null || at > now || tried >= BATCH) later.push({ subject: id, dueAt: at });
    else {
      tried++;
      if (await finalizeAttempt(db, id, "cron", now)) closed++;
    }
  }
  if (later.length) await db.batch(rescheduleClaimed(db, QUIZ_DEADLINE, later, now));
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
