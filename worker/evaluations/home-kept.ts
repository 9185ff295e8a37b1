import type { SessionUser } from "../auth";
import type { Db } from "../lib/db";
import { buildAndKeep, type KeptPage, keptRead, keptText } from "../lib/kept";
import { prepared } from "../lib/sql";
import { homeFor, memberSection, memberToDo } from "./home";

// A plain member's home page, kept as the JSON text it was served as (kept_home_pages through
// worker/lib/kept.ts): the session check and one point lookup. Only a caller whose every membership is a
// plain member's is kept; a secretary's, a committee's or a publisher's sections read many members' rows
// (reviews, confirmations, a subtree's study), so those homes are computed as before.
//
// Every input of a plain member's home, and what makes a kept answer stale:
// - the row's key: the user and the memberships (org path, role) the session holds;
// - the member's generation (key user_id, migrations 0036/0039): home's study part, i.e. their progress,
//   completions, offline credits, study years, memberships (role change, ended, moved) and cadre flag;
// - the tenant epoch '*' (0036): courses (title, status), plan items and plans, study rules (the quota),
//   org paths and time zones;
// - 'h:' || user_id (0041): their quiz attempts (taken, submitted, graded), self-analyses (submitted,
//   returned, reopened) and follow-ups (opened, next step, closed);
// - the tenant's home epoch 'h*' (0041): quizzes (published, audience, times, title) and evaluation cycles
//   (opened, closed, windows, name);
// - valid_until, what changes by the clock alone: a quiz opening or closing, a cycle's window opening or
//   closing or a reopening ending, a required course falling overdue, the study year ending (the kept
//   study row's own valid_until).
// Not inputs: notifications (the shell reads their count apart), ballots (home tells nothing of them), the
// member's own name and any org's name (a plain member's home shows neither).

const plainMember = (user: SessionUser) =>
  user.memberships.length > 0 && user.memberships.every((m) => m.role === "member");

const keptHome = (user: SessionUser): KeptPage => ({
  table: "kept_home_pages",
  owner: user.id,
  key: JSON.stringify(user.memberships.map((m) => [m.orgPath, m.role])),
});

/** The caller's home page as JSON text: a plain member's kept (else computed and kept), anyone else's computed. */
export async function homeText(db: Db, user: SessionUser, now = Date.now()) {
  if (!plainMember(user)) return JSON.stringify(await homeFor(db, user, now));
  const d1 = db.$client;
  const page = keptHome(user);
  const text = keptText(page, (await d1.batch([keptRead(d1, page, now)]))[0]);
  if (text) return text;
  const mine = memberToDo(db, user, now);
  const built = await buildAndKeep(d1, page, [prepared(d1, mine.queries[0]!)], async ([rows]) => {
    const { member, changesAt } = await memberSection(mine.shape([rows!.results]));
    return { answer: { member, branches: [], committees: [], grading: null }, validUntil: changesAt };
  });
  return built.body;
}
