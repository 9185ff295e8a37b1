import type { SessionUser } from "../auth";
import type { Db } from "../lib/db";
import { createEvent } from "../lib/events";
import { attemptView, loadAttempt, ownAttempt } from "./attempts";
import { finalizeAttempt } from "./finalize";

/** A member's attempt is graded in full (nothing left for a human): courses credit their checkpoints. */
export const attemptGraded = createEvent<{ db: Db; user: SessionUser; quizId: string }>();

const WAIT_STEPS = 20;
const WAIT_MS = 100;

/** The member submits: one finalizer wins the claim; a second tab waits briefly for the winner's grades. */
export async function submitAttempt(db: Db, user: SessionUser, id: string) {
  await ownAttempt(db, user.id, id);
  await finalizeAttempt(db, id, "member");
  let x = await loadAttempt(db, id);
  for (let i = 0; i < WAIT_STEPS && x.attempt.state === "grading"; i++) {
    await new Promise((r) => setTimeout(r, WAIT_MS));
    x = await loadAttempt(db, id);
  }
  if (x.attempt.state === "closed" && x.attempt.pendingCount === 0) {
    await attemptGraded.emit({ db, user, quizId: x.quiz.id });
  }
  return attemptView(x, Date.now());
}
