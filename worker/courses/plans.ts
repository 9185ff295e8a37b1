import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { courses, curriculumPlans, planItems } from "../../schema";
import type { Audience, PlanPurpose } from "../../schema/courses/values";
import type { SessionUser } from "../auth";
import { auditInsert } from "../lib/audit";
import { chunkedInserts, type Db, outer } from "../lib/db";
import { conflict, invalid, isUniqueViolation, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { ancestorPaths, subtreeRange } from "../lib/paths";
import type { OrgRow } from "../orgs";
import { rootOf, userRoots } from "./access";
import { forgetCourseDue, scheduleCourseDue } from "./jobs";

export interface ItemInput {
  courseId: string;
  required: boolean;
  audience?: Audience | undefined;
  dueAt?: number | null | undefined;
}

export interface PlanInput {
  title: string;
  period: "year" | "quarter" | "class";
  purpose?: PlanPurpose | undefined;
  year: number;
  quarter?: number | null | undefined;
  items?: ItemInput[] | undefined;
}

/** Assignable courses: published, from a school in one of the assigner's trees (else 404, as if unknown). */
async function assignable(db: Db, user: SessionUser, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: courses.id, status: courses.status, schoolPath: courses.schoolPath })
    .from(courses)
    .where(inArray(courses.id, [...new Set(ids)]));
  const roots = userRoots(user);
  const found = new Map(rows.filter((r) => roots.includes(rootOf(r.schoolPath))).map((r) => [r.id, r]));
  for (const id of ids) {
    const row = found.get(id);
    if (!row) throw notFound("course");
    if (row.status !== "published") {
      throw invalid("only published courses can be assigned", [{ path: "courseId", code: "not_published" }]);
    }
  }
}

const itemRow = (planId: string, org: OrgRow, i: ItemInput, now: number) => ({
  id: newId(),
  planId,
  courseId: i.courseId,
  orgId: org.id,
  orgPath: org.path,
  required: i.required,
  audience: i.audience ?? "all",
  dueAt: i.dueAt ?? null,
  createdAt: now,
});

export async function createPlan(db: Db, user: SessionUser, org: OrgRow, input: PlanInput) {
  const items = input.items ?? [];
  if (new Set(items.map((i) => i.courseId)).size !== items.length) {
    throw invalid("a course appears twice in the plan", [{ path: "items", code: "duplicate_in_file" }]);
  }
  if (input.period === "quarter" && !input.quarter) {
    throw invalid("a quarterly plan needs its quarter", [{ path: "quarter", code: "invalid_type" }]);
  }
  await assignable(
    db,
    user,
    items.map((i) => i.courseId),
  );
  const now = Date.now();
  const id = newId();
  const rows = items.map((i) => itemRow(id, org, i, now));
  await db.batch([
    db.insert(curriculumPlans).values({
      id,
      orgId: org.id,
      title: input.title,
      period: input.period,
      purpose: input.purpose ?? "study",
      year: input.year,
      quarter: input.period === "quarter" ? (input.quarter ?? null) : null,
      createdBy: user.id,
      createdAt: now,
    }),
    ...chunkedInserts(db, planItems, rows),
    ...rows.flatMap((r) => (r.dueAt === null ? [] : [scheduleCourseDue(db, r.id, r.dueAt)])),
    auditInsert(
      db,
      {
        actorId: user.id,
        action: "plan_created",
        entity: "plan",
        entityId: id,
        orgId: org.id,
        detail: { items: items.length },
      },
      now,
    ),
  ]);
  return { id };
}

export async function getPlan(db: Db, id: string) {
  const [row] = await db
    .select({
      plan: curriculumPlans,
      orgPath: sql<string>`(SELECT path FROM orgs WHERE id = ${outer(curriculumPlans.orgId)})`,
    })
    .from(curriculumPlans)
    .where(eq(curriculumPlans.id, id));
  return row;
}

export async function addItem(
  db: Db,
  user: SessionUser,
  plan: typeof curriculumPlans.$inferSelect,
  org: OrgRow,
  item: ItemInput,
) {
  await assignable(db, user, [item.courseId]);
  const row = itemRow(plan.id, org, item, Date.now());
  try {
    const insert = db.insert(planItems).values(row);
    if (row.dueAt === null) await insert;
    else await db.batch([insert, scheduleCourseDue(db, row.id, row.dueAt)]);
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict("this course is already in the plan", [{ path: "courseId", code: "taken" }]);
    throw err;
  }
  return { id: row.id };
}

export async function removeItem(db: Db, planId: string, itemId: string) {
  const [gone] = await db.batch([
    db
      .delete(planItems)
      .where(and(eq(planItems.id, itemId), eq(planItems.planId, planId)))
      .returning({ id: planItems.id }),
    forgetCourseDue(db, itemId),
  ]);
  if (gone.length === 0) throw notFound("plan item");
}

/** Plans that reach this org: those on its ancestors and those inside its subtree, with their items. */
export async function plansFor(db: Db, org: OrgRow) {
  const rows = await db
    .select({
      plan: curriculumPlans,
      itemId: planItems.id,
      courseId: planItems.courseId,
      courseTitle: courses.title,
      required: planItems.required,
      audience: planItems.audience,
      dueAt: planItems.dueAt,
    })
    .from(planItems)
    .innerJoin(curriculumPlans, eq(curriculumPlans.id, planItems.planId))
    .innerJoin(courses, eq(courses.id, planItems.courseId))
    .where(or(inArray(planItems.orgPath, ancestorPaths(org.path)), subtreeRange(planItems.orgPath, org.path)))
    .orderBy(desc(curriculumPlans.year), asc(curriculumPlans.createdAt));
  const plans = new Map<string, typeof curriculumPlans.$inferSelect & { items: unknown[] }>();
  for (const r of rows) {
    const p = plans.get(r.plan.id) ?? { ...r.plan, items: [] };
    p.items.push({
      id: r.itemId,
      courseId: r.courseId,
      courseTitle: r.courseTitle,
      required: r.required,
      audience: r.audience,
      dueAt: r.dueAt,
    });
    plans.set(r.plan.id, p);
  }
  return [...plans.values()];
}
