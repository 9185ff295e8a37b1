import { and, eq, inArray, isNull } from "drizzle-orm";
import { courseCompletions, lessonProgress, memberships, offlineCredits, orgs, users } from "../../schema";
import { onlineYearStatement } from "../../worker/courses/years";
import { dayIn } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { subtreeRange } from "../../worker/lib/paths";
import { type Client, db } from "../fixtures";

export const course = (schoolOrgId: string, extra: Record<string, unknown> = {}) => ({
  schoolOrgId,
  title: "加强基层服务型党组织建设",
  summary: "服务群众、做好群众工作",
  category: "massline",
  level: "member",
  tags: ["群众路线"],
  ...extra,
});

export const textLesson = (extra: Record<string, unknown> = {}) => ({
  kind: "text",
  title: "第一课",
  body: "深入开展党的群众路线教育实践活动。",
  minutes: 20,
  ...extra,
});

/** Posts a study plan for a year with these items, as `by`. */
export const postPlan = (by: Client, orgId: string, title: string, items: Record<string, unknown>[], year = 2026) =>
  by.post("/api/plans", { orgId, title, period: "year", year, items });

/** A published course with the given lessons; returns ids. */
export async function publishedCourse(
  publisher: Client,
  schoolId: string,
  lessons: Record<string, unknown>[] = [textLesson()],
  extra: Record<string, unknown> = {},
) {
  const created = await publisher.post("/api/courses", course(schoolId, extra));
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const ids: string[] = [];
  for (const l of lessons) {
    const r = await publisher.post(`/api/courses/${created.body.id}/lessons`, l);
    if (r.status !== 201) throw new Error(`lesson: ${r.status} ${JSON.stringify(r.body)}`);
    ids.push(r.body.id);
  }
  const pub = await publisher.post(`/api/courses/${created.body.id}/publish`);
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${JSON.stringify(pub.body)}`);
  return { id: created.body.id as string, lessonIds: ids };
}

/** Pretend the member opened the lesson `ms` ago (the server's open stamp is what the guard reads). */
export async function openedAgo(userId: string, lessonId: string, ms: number) {
  const rows = await db().select().from(lessonProgress).where(eq(lessonProgress.lessonId, lessonId));
  const mine = rows.find((r) => r.userId === userId);
  if (!mine) throw new Error("no progress row");
  await db()
    .update(lessonProgress)
    .set({ openedAt: Date.now() - ms })
    .where(eq(lessonProgress.id, mine.id));
}

/**
 * A completion written straight into the table (a set moment, a past year), with the study year the
 * Worker's own credit keeps beside it in the same batch.
 */
export async function insertCompletion(
  row: Omit<typeof courseCompletions.$inferInsert, "id" | "checkpointPassed"> & { completedAt: number },
) {
  const [org] = await db().select({ zone: orgs.timeZone }).from(orgs).where(eq(orgs.id, row.orgId));
  await db().batch([
    db()
      .insert(courseCompletions)
      .values({ id: newId(), checkpointPassed: true, ...row }),
    onlineYearStatement(db(), row.userId, row.completedAt, org?.zone),
  ]);
}

export interface Month {
  month: number;
  onlineHours: number;
  offlineHours: number;
  completions: number;
}
export const emptyMonths = (): Month[] =>
  Array.from({ length: 12 }, (_, i) => ({ month: i + 1, onlineHours: 0, offlineHours: 0, completions: 0 }));

/**
 * The months of the people of an org's subtree (each once, while an active current member of one of its
 * orgs) summed afresh from the source rows: credited completions by their day in the org's zone, offline
 * credits by the meeting's day.
 */
export async function freshMonths(orgId: string, y: number) {
  const [org] = await db().select().from(orgs).where(eq(orgs.id, orgId));
  const people = db()
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(subtreeRange(orgs.path, org!.path), eq(memberships.role, "member"), isNull(memberships.endedAt)));
  const months = emptyMonths();
  for (const c of await db().select().from(courseCompletions).where(inArray(courseCompletions.userId, people))) {
    const day = dayIn(c.completedAt, org!.timeZone);
    if (c.status !== "credited" || !day.startsWith(`${y}-`)) continue;
    const m = months[Number(day.slice(5, 7)) - 1]!;
    m.onlineHours += c.hours;
    m.completions++;
  }
  for (const o of await db().select().from(offlineCredits).where(inArray(offlineCredits.userId, people))) {
    if (o.studiedOn.startsWith(`${y}-`)) months[Number(o.studiedOn.slice(5, 7)) - 1]!.offlineHours += o.hours;
  }
  // As the chart rounds its sums (a kept row adds and takes away in floating point).
  for (const m of months) {
    m.onlineHours = Math.round(m.onlineHours * 1e4) / 1e4;
    m.offlineHours = Math.round(m.offlineHours * 1e4) / 1e4;
  }
  return months;
}
