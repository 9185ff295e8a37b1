import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { courseCompletions, courses, curriculumPlans, orgs, planEnrollments, planItems } from "../../schema";
import { dayOf } from "../lib/day";
import type { Db } from "../lib/db";
import { ancestorPaths, pathIds } from "../lib/paths";

// 发展对象培训班: a class plan of purpose "candidate_training". Its learners are enrolled, not members, so
// the enrolment (not a role) opens its courses to them; what they completed is counted by whoever asks.

/**
 * The training classes that reach a branch, newest year first: those set on a committee above it, and
 * those its committees' party schools publish (a school holds no branches: its class is for the parent's tree).
 */
export function trainingClasses(db: Db, branchPath: string) {
  return db
    .select({
      id: curriculumPlans.id,
      title: curriculumPlans.title,
      year: curriculumPlans.year,
      orgName: orgs.name,
    })
    .from(curriculumPlans)
    .innerJoin(orgs, eq(orgs.id, curriculumPlans.orgId))
    .where(
      and(
        eq(curriculumPlans.purpose, "candidate_training"),
        or(
          inArray(orgs.path, ancestorPaths(branchPath)),
          and(eq(orgs.kind, "school"), inArray(orgs.parentId, pathIds(branchPath))),
        ),
      ),
    )
    .orderBy(sql`${curriculumPlans.year} DESC`, asc(curriculumPlans.createdAt));
}

/** The insert that enrols a learner in a class; the unique (user, plan) key makes a repeat do nothing. */
export const enrollStatement = (
  db: Db,
  row: { id: string; planId: string; userId: string; orgId: string; enrolledBy: string; createdAt: number },
) => db.insert(planEnrollments).values(row).onConflictDoNothing();

/**
 * One query: a learner's courses in a class with their verified completion (credited only; flagged and
 * rejected count for nothing), and whether they are enrolled. Counted: completions before `until`.
 */
export async function classRecord(db: Db, userId: string, planId: string, until = Number.MAX_SAFE_INTEGER) {
  const rows = await db
    .select({
      courseId: courses.id,
      title: courses.title,
      required: planItems.required,
      completionId: courseCompletions.id,
      status: courseCompletions.status,
      hours: courseCompletions.hours,
      completedAt: courseCompletions.completedAt,
      enrolled: sql<number>`EXISTS (SELECT 1 FROM plan_enrollments e WHERE e.plan_id = ${planId} AND e.user_id = ${userId})`,
    })
    .from(planItems)
    .innerJoin(courses, eq(courses.id, planItems.courseId))
    .leftJoin(
      courseCompletions,
      and(eq(courseCompletions.courseId, planItems.courseId), eq(courseCompletions.userId, userId)),
    )
    .where(eq(planItems.planId, planId))
    .orderBy(asc(planItems.createdAt));
  const credited = rows.filter((r) => r.status === "credited" && (r.completedAt ?? 0) < until);
  // Days of training: the distinct days (China time, the default zone) on which a course was completed.
  const days = new Set(credited.map((r) => dayOf(r.completedAt ?? 0)));
  return {
    enrolled: rows.length > 0 ? rows[0]!.enrolled === 1 : false,
    hours: credited.reduce((sum, r) => sum + (r.hours ?? 0), 0),
    days: days.size,
    completionIds: credited.map((r) => r.completionId as string),
    courses: rows.map(({ enrolled: _e, completionId: _c, ...r }) => r),
  };
}

/** The org a learner's completion of this course is recorded against when they are enrolled in its class. */
export async function enrolledOrgId(db: Db, userId: string, courseId: string) {
  const [row] = await db
    .select({ orgId: planEnrollments.orgId })
    .from(planEnrollments)
    .innerJoin(planItems, eq(planItems.planId, planEnrollments.planId))
    .where(and(eq(planEnrollments.userId, userId), eq(planItems.courseId, courseId)))
    .limit(1);
  return row?.orgId ?? null;
}
