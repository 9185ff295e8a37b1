import type { Db } from "../lib/db";
import type { CourseRow } from "./access";

/**
 * The default conversion (rules-and-numbers.md, 云南 cadre online college): a course of ≥ 30 minutes
 * earns 1 学时, 15–30 minutes 0.5, under 15 minutes 0.25; passing the checkpoint adds 0.5.
 * A publisher overrides the base per course (courses.credit_hours).
 */
export function baseCredit(minutes: number) {
  if (minutes >= 30) return 1;
  if (minutes >= 15) return 0.5;
  return 0.25;
}
export const CHECKPOINT_BONUS = 0.5;

export function creditFor(course: Pick<CourseRow, "creditHours" | "checkpointQuizId">, minutes: number) {
  const base = course.creditHours ?? baseCredit(minutes);
  return base + (course.checkpointQuizId ? CHECKPOINT_BONUS : 0);
}

/**
 * THE checkpoint hook. No checkpoint quiz means passed. When the quiz engine (issue 4) lands, wire it
 * here: return whether `userId` has a passing attempt of `course.checkpointQuizId`. Until then a course
 * that names a checkpoint cannot be completed (no credit is given for an unverifiable test).
 */
export async function checkpointPassed(
  _db: Db,
  _userId: string,
  course: Pick<CourseRow, "checkpointQuizId">,
): Promise<boolean> {
  if (!course.checkpointQuizId) return true;
  return false;
}

/** Shortest plausible time from first open to completion: a guard, never a score. */
export function minPlausibleMs(kind: "text" | "video" | "document", minutes: number) {
  const share = kind === "video" ? 0.5 : 0.2;
  return Math.round(minutes * 60_000 * share);
}

/** How far a member must get for a lesson to count: text and documents to the end, most of a video. */
export const completeAt = (kind: "text" | "video" | "document") => (kind === "video" ? 90 : 100);
