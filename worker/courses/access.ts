import { eq } from "drizzle-orm";
import { courses } from "../../schema";
import type { Role } from "../../schema/orgs/values";
import type { SessionUser } from "../auth";
import { hasRoleOver } from "../auth";
import type { Caller } from "../env";
import { forbidden, notFound } from "../lib/errors";
import { enrolledOrgId } from "./training";

export type CourseRow = typeof courses.$inferSelect;
export const PUBLISHERS: readonly Role[] = ["school", "admin"];

/** "/a/b/c/" -> "/a/": the tree an org belongs to. */
export const rootOf = (path: string) => path.slice(0, path.indexOf("/", 1) + 1);

/** The roots of every tree the user belongs to: published courses of those trees' schools are theirs to see. */
export const userRoots = (user: SessionUser) => [...new Set(user.memberships.map((m) => rootOf(m.orgPath)))];

/** Publishers (school or admin over the owning school) see and edit everything, drafts included. */
export const canEdit = (user: SessionUser, course: Pick<CourseRow, "schoolPath">) =>
  hasRoleOver(user, course.schoolPath, PUBLISHERS);

/** Everyone else in the same tree sees published and archived courses; drafts and other trees answer 404. */
export function canView(user: SessionUser, course: Pick<CourseRow, "schoolPath" | "status">) {
  if (canEdit(user, course)) return true;
  return course.status !== "draft" && userRoots(user).includes(rootOf(course.schoolPath));
}

async function loadCourse(caller: Caller, id: string) {
  const [row] = await caller.db.select().from(courses).where(eq(courses.id, id)).limit(1);
  return row;
}

/** The course if the caller may see it, else 404 (ids from elsewhere reveal nothing). */
export async function viewableCourse(caller: Caller, id: string): Promise<CourseRow> {
  const user = caller.user;
  const course = await loadCourse(caller, id);
  if (!course) throw notFound("course");
  if (canView(user, course)) return course;
  // A learner enrolled in a class (a 发展对象培训班) sees that class's published courses, and only those.
  if (course.status === "published" && (await enrolledOrgId(caller.db, user.id, course.id))) return course;
  throw notFound("course");
}

/** The course if the caller publishes for its school: 404 when not theirs to see, 403 when only readable. */
export async function editableCourse(caller: Caller, id: string): Promise<CourseRow> {
  const user = caller.user;
  const course = await loadCourse(caller, id);
  if (!course || !canView(user, course)) throw notFound("course");
  if (!canEdit(user, course)) throw forbidden();
  return course;
}

/** The member's branches (role member): where completions are recorded and assignments looked up. */
export const memberBranches = <M extends { role: string }>(user: { memberships: M[] }) =>
  user.memberships.filter((m) => m.role === "member");
