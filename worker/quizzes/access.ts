import { eq } from "drizzle-orm";
import { quizzes } from "../../schema";
import type { SessionUser } from "../auth";
import { authorizePath, hasRoleOver } from "../auth";
import type { Caller } from "../env";
import { forbidden, notFound } from "../lib/errors";

export type Quiz = typeof quizzes.$inferSelect;
export const QUIZ_ROLES = ["school", "admin"] as const;

/** Managers: school/admin over the owner, or an admin over the audience (a committee acting on its exam). */
export const managesQuiz = (user: SessionUser, q: Pick<Quiz, "ownerPath" | "audiencePath">) =>
  hasRoleOver(user, q.ownerPath, QUIZ_ROLES) || hasRoleOver(user, q.audiencePath, ["admin"]);

/** The member's branch inside the quiz's audience, or null. */
const audienceBranch = (user: SessionUser, q: Pick<Quiz, "audiencePath">) =>
  user.memberships.find((m) => m.role === "member" && m.orgPath.startsWith(q.audiencePath)) ?? null;

async function loadQuiz(caller: Caller, id: string) {
  const [quiz] = await caller.db.select().from(quizzes).where(eq(quizzes.id, id));
  if (!quiz) throw notFound("quiz");
  return quiz;
}

export async function managedQuiz(caller: Caller, id: string) {
  const user = caller.user;
  const quiz = await loadQuiz(caller, id);
  if (managesQuiz(user, quiz)) return quiz;
  authorizePath(user, quiz.ownerPath, QUIZ_ROLES, "quiz"); // 404 when nothing covers the owner, else 403
  throw forbidden();
}

/** A quiz the caller may take: published, and the caller is a member inside its audience. Otherwise 404. */
export async function takeableQuiz(caller: Caller, id: string) {
  const user = caller.user;
  const quiz = await loadQuiz(caller, id);
  const branch = audienceBranch(user, quiz);
  if (!branch || !quiz.published) throw notFound("quiz");
  return { quiz, branch };
}
