import type { StudyRuleValues } from "../../schema/courses/values";
import type { Db } from "../lib/db";
import { hasPassedQuiz } from "../quizzes";
import type { CourseRow } from "./access";

type Conversion = StudyRuleValues<"credit">;

/**
 * The school's conversion table (default: 云南 cadre online college, ≥ 30 minutes 1 学时, 15–30 minutes 0.5,
 * under 15 minutes 0.25, passing the checkpoint adds the bonus). A publisher overrides the base per course
 * (courses.credit_hours).
 */
export function creditFor(
  course: Pick<CourseRow, "creditHours" | "checkpointQuizId">,
  minutes: number,
  table: Conversion,
) {
  const converted =
    minutes >= table.longMinutes ? table.longHours : minutes >= table.midMinutes ? table.midHours : table.shortHours;
  return (course.creditHours ?? converted) + (course.checkpointQuizId ? table.checkpointBonus : 0);
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

/** The share of a course studied, by lesson length: what unlocks its checkpoint at the school's threshold. */
export const studiedPercent = (doneMinutes: number, totalMinutes: number) =>
  totalMinutes ? Math.floor((doneMinutes / totalMinutes) * 100) : 0;

/** Shortest plausible time from first open to completion, by the committee's shares: a guard, never a score. */
export function minPlausibleMs(
  kind: "text" | "video" | "document",
  minutes: number,
  shares: StudyRuleValues<"plausibility">,
) {
  return Math.round((minutes * 60_000 * shares[`${kind}Percent`]) / 100);
}

/** How far a member must get for a lesson to count: text and documents to the end, most of a video. */
export const completeAt = (kind: "text" | "video" | "document") => (kind === "video" ? 90 : 100);
