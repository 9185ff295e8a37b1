import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { talentPlanItems, type talentReserves, talentTerms } from "../../schema";
import { type CourseProgressRow, courseProgressSql, courseShare } from "../courses";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError, invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { readBatch } from "../lib/sql";
import { notFuture } from "./dates";

export interface PlanItem {
  kind: "course" | "practice" | "task";
  title: string;
  courseId?: string | undefined;
  termId?: string | undefined;
}

const ids = (items: PlanItem[], k: "courseId" | "termId") => [
  ...new Set(items.map((i) => i[k]).filter((x): x is string => !!x)),
];

/** What a plan reads of a reserve as worker/talent/pool.ts loads it: the row, and whether it is a nominee's. */
interface PlannedReserve {
  reserve: typeof talentReserves.$inferSelect;
  nominee: object | null;
}

/**
 * Each item must name what measures it: a published course of the catalogue, or a practice term of this
 * person; a task is measured by its mentor. A person without an account has tasks only. ONE round trip.
 */
export async function checkPlanItems(db: Db, loaded: PlannedReserve, items: PlanItem[]) {
  const memberId = loaded.reserve.memberId;
  const [courses, terms] = await readBatch<[CourseProgressRow, { id: string }]>(db, [
    courseProgressSql(null, ids(items, "courseId")),
    db
      .select({ id: talentTerms.id })
      .from(talentTerms)
      .where(
        and(
          inArray(talentTerms.id, ids(items, "termId")),
          eq(talentTerms.memberId, memberId),
          eq(talentTerms.kind, "practice"),
        ),
      )
      .getSQL(),
  ]);
  const published = new Set(courses.filter((c) => c.status === "published").map((c) => c.courseId));
  const theirs = new Set(terms.map((t) => t.id));
  const problems = items.flatMap((item, i) => {
    if (item.kind === "task") return [];
    if (loaded.nominee) return [{ path: `items.${i}.kind`, code: "needs_account" }];
    if (item.kind === "course") {
      if (!item.courseId) return [{ path: `items.${i}.courseId`, code: "required" }];
      return published.has(item.courseId) ? [] : [{ path: `items.${i}.courseId`, code: "not_in_catalogue" }];
    }
    if (!item.termId) return [{ path: `items.${i}.termId`, code: "required" }];
    return theirs.has(item.termId) ? [] : [{ path: `items.${i}.termId`, code: "not_their_term" }];
  });
  if (problems.length) throw invalid("each plan item needs the record that measures it", problems);
}

/** The plan's items replace the current ones (the old plan stays in its step). */
export const planItemWrites = (db: Db, reserveId: string, items: PlanItem[], now: number) => [
  db.delete(talentPlanItems).where(eq(talentPlanItems.reserveId, reserveId)),
  db.insert(talentPlanItems).values(
    items.map((item, n) => ({
      id: newId(),
      reserveId,
      n,
      kind: item.kind,
      title: item.title,
      courseId: item.kind === "course" ? (item.courseId ?? null) : null,
      termId: item.kind === "practice" ? (item.termId ?? null) : null,
      createdAt: now,
    })),
  ),
];

interface ItemRow {
  id: string;
  n: number;
  kind: "course" | "practice" | "task";
  title: string;
  courseId: string | null;
  termId: string | null;
  doneOn: string | null;
  grade: string | null;
  closedOn: string | null;
}

/**
 * The plan as the records measure it, read for this one reserve (never across the pool): two round trips
 * — the items with their practice terms, then the member's standing in the items' courses. Each item is
 * 0…1 (a course by its lessons until credited; a term when its host's grade is in; a task when its
 * mentor marks it); `percent` is their mean.
 */
export async function planProgress(db: Db, loaded: PlannedReserve) {
  const rows: ItemRow[] = await db
    .select({
      id: talentPlanItems.id,
      n: talentPlanItems.n,
      kind: talentPlanItems.kind,
      title: talentPlanItems.title,
      courseId: talentPlanItems.courseId,
      termId: talentPlanItems.termId,
      doneOn: talentPlanItems.doneOn,
      grade: talentTerms.grade,
      closedOn: talentTerms.closedOn,
    })
    .from(talentPlanItems)
    .leftJoin(talentTerms, eq(talentTerms.id, talentPlanItems.termId))
    .where(eq(talentPlanItems.reserveId, loaded.reserve.id))
    .orderBy(asc(talentPlanItems.n));
  const courseIds = ids(
    rows.map((r) => ({ ...r, courseId: r.courseId ?? undefined, termId: undefined })),
    "courseId",
  );
  const [courses] = courseIds.length
    ? await readBatch<[CourseProgressRow]>(db, [courseProgressSql(loaded.reserve.memberId, courseIds)])
    : [[]];
  const byCourse = new Map(courses.map((c) => [c.courseId, c]));
  const items = rows.map((r) => {
    const course = r.courseId ? byCourse.get(r.courseId) : undefined;
    const share =
      r.kind === "course"
        ? course
          ? courseShare(course)
          : 0
        : r.kind === "practice"
          ? r.grade
            ? 1
            : 0
          : r.doneOn
            ? 1
            : 0;
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      share,
      doneOn: r.kind === "task" ? r.doneOn : r.kind === "practice" ? r.closedOn : null,
      ...(course
        ? { hours: course.completion === "credited" ? course.hours : 0, lessons: course.lessons, done: course.done }
        : {}),
      ...(r.kind === "practice" && r.grade ? { grade: r.grade } : {}),
    };
  });
  const percent = items.length ? Math.round((items.reduce((s, i) => s + i.share, 0) / items.length) * 100) : null;
  return { percent, items };
}

/** A task is marked done by a mentor of the reserve, on a day that has come; once, and audited. */
export async function markTaskDone(
  db: Db,
  actorId: string,
  loaded: PlannedReserve,
  itemId: string,
  on: string,
  now: number,
) {
  if (!loaded.reserve.mentorIds.includes(actorId)) {
    throw new ApiError(403, "not_mentor", "only a mentor of this reserve marks a task done");
  }
  notFuture(on, now);
  const [item] = await db
    .select({ kind: talentPlanItems.kind, doneOn: talentPlanItems.doneOn })
    .from(talentPlanItems)
    .where(and(eq(talentPlanItems.id, itemId), eq(talentPlanItems.reserveId, loaded.reserve.id)));
  if (item?.kind !== "task") throw new ApiError(404, "not_found", "task not found");
  if (item.doneOn) throw new ApiError(409, "out_of_order", "this task is already done", { doneOn: item.doneOn });
  const r = loaded.reserve;
  await db.batch([
    db
      .update(talentPlanItems)
      .set({ doneOn: on, doneBy: actorId })
      .where(and(eq(talentPlanItems.id, itemId), isNull(talentPlanItems.doneOn))),
    auditInsert(
      db,
      {
        actorId,
        action: "talent_task_done",
        entity: "talent_reserve",
        entityId: r.id,
        orgId: r.orgId,
        detail: { itemId, on },
      },
      now,
    ),
  ]);
  return { ok: true as const };
}

/** One query: the member's practice terms, to choose from when planning (index talent_terms_member_idx). */
export const practiceTermsOf = (db: Db, memberId: string) =>
  db
    .select({
      id: talentTerms.id,
      title: talentTerms.title,
      startsOn: talentTerms.startsOn,
      endsOn: talentTerms.endsOn,
    })
    .from(talentTerms)
    .where(and(eq(talentTerms.memberId, memberId), eq(talentTerms.kind, "practice")))
    .orderBy(asc(talentTerms.startsOn));
