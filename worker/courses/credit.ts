import type { Db } from "../lib/db";
import { hasPassedQuiz } from "../quizzes";
import type { CourseRow } from "./access";

/**
 * The default conversion (rules-and-numbers.md, 云南 cadre online college): a course of ≥ 30 minutes
 * earns 1 学时, 15–30 minutes 0.5, under 15 minutes 0.25; passing the checkpoint adds 0.5.
 * A publisher overrides the base per course (courses.credit_hours).
 */
function baseCredit(minutes: number) {
  if (minutes >= 30) return 1;
  if (minutes >= 15) return 0.5;
  return 0.25;
}
const CHECKPOINT_BONUS = 0.5;

export function creditFor(course: Pick<CourseRow, "creditHours" | "checkpointQuizId">, minutes: number) {
  const base = course.creditHours ?? baseCredit(minutes);
  return base + (course.checkpointQuizId ? CHECKPOINT_BONUS : 0);
}

/**
 * THE checkpoint hook. No checkpoint quiz means passed; otherwise the member must have passed the quiz by
 * its grading method with nothing left to grade (one query).
 */
export async function checkpointPassed(
  db: Db,
  userId: string,
  course: Pick<CourseRow, "checkpointQuizId">,
): Promise<boolean> {
  if (!course.checkpointQuizId) return true;
  return hasPassedQuiz(db, userId, course.checkpointQuizId);
}

/** Shortest plausible time from first open to completion: a guard, never a score. */
export function minPlausibleMs(kind: "text" | "video" | "document", minutes: number) {
  const share = kind === "video" ? 0.5 : 0.2;
  return Math.round(minutes * 60_000 * share);
}

/** How far a member must get for a lesson to count: text and documents to the end, most of a video. */
export const completeAt = (kind: "text" | "video" | "document") => (kind === "video" ? 90 : 100);
