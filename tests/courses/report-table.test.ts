import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { courseCompletions, lessonProgress, lessons, memberships, orgs, planItems, users } from "../../schema";
import { studyReport } from "../../worker/courses/report";
import { newId } from "../../worker/lib/ids";
import { getOrg } from "../../worker/orgs";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { meteredDb, meterStatements } from "../lib/scale";
import { insertCompletion, publishedCourse, textLesson } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let course: { late: string; lateLesson: string; open: string; openLesson: string };
const DAY = 86_400_000;

interface Row {
  userId: string;
  name: string;
  orgId: string;
  assigned: number;
  required: number;
  completed: number;
  overdue: number;
  lessons: number;
  lessonsDone: number;
  completedCourses: string[];
}

/** A lesson marked done straight in the table (the report reads only completed_at and the lesson). */
async function lessonDone(userId: string, courseId: string, lessonId: string) {
  const [lesson] = await db().select().from(lessons).where(eq(lessons.id, lessonId));
  const now = Date.now();
  await db()
    .insert(lessonProgress)
    .values({
      id: newId(),
      userId,
      courseId,
      lessonId,
      versionId: lesson!.currentVersionId!,
      openedAt: now - DAY,
      percent: 100,
      position: 0,
      completedAt: now - 1000,
      implausible: false,
      updatedAt: now,
    });
}

/**
 * The member table's rule, read afresh per member from the source rows: the study plan items on the
 * member's branch or above (secretary items only for secretaries), one per course (required beats
 * elective), live lessons done, credited completions, overdue = required, its earliest due passed, not credited.
 */
async function oracle(member: { userId: string; orgPath: string; secretary: boolean }, now: number) {
  const items = await db().select().from(planItems);
  const mine = new Map<string, { required: boolean; dueAt: number | null }>();
  for (const i of items) {
    if (!member.orgPath.startsWith(i.orgPath) || (i.audience === "secretary" && !member.secretary)) continue;
    const prev = mine.get(i.courseId);
    if (!prev || (i.required && !prev.required)) mine.set(i.courseId, { required: i.required, dueAt: i.dueAt });
  }
  const live = await db().select().from(lessons).where(isNull(lessons.removedAt));
  const done = await db()
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, member.userId), isNotNull(lessonProgress.completedAt)));
  const credited = await db()
    .select()
    .from(courseCompletions)
    .where(and(eq(courseCompletions.userId, member.userId), eq(courseCompletions.status, "credited")));
  const row = { assigned: mine.size, required: 0, completed: 0, overdue: 0, lessons: 0, lessonsDone: 0 };
  const completedCourses: string[] = [];
  for (const [courseId, item] of mine) {
    const liveIds = new Set(live.filter((l) => l.courseId === courseId).map((l) => l.id));
    const isDone = credited.some((c) => c.courseId === courseId);
    row.lessons += liveIds.size;
    row.lessonsDone += done.filter((p) => liveIds.has(p.lessonId)).length;
    if (item.required) row.required++;
    if (isDone) {
      row.completed++;
      completedCourses.push(courseId);
    } else if (item.required && item.dueAt != null && item.dueAt < now) row.overdue++;
  }
  return { ...row, completedCourses: completedCourses.sort() };
}

/** Every row is what the member table's rule says afresh from the source rows. */
async function expectRule(rows: Row[]) {
  const secretaries = new Set(
    (
      await db()
        .select()
        .from(memberships)
        .where(and(eq(memberships.role, "secretary"), isNull(memberships.endedAt)))
    ).map((m) => m.userId),
  );
  const paths = new Map<string, string>();
  for (const o of await db().select().from(orgs)) paths.set(o.id, o.path);
  const now = Date.now();
  for (const row of rows) {
    const want = await oracle(
      { userId: row.userId, orgPath: paths.get(row.orgId)!, secretary: secretaries.has(row.userId) },
      now,
    );
    const { assigned, required, completed, overdue, lessons: l, lessonsDone } = row;
    expect({ assigned, required, completed, overdue, lessons: l, lessonsDone }).toEqual({
      assigned: want.assigned,
      required: want.required,
      completed: want.completed,
      overdue: want.overdue,
      lessons: want.lessons,
      lessonsDone: want.lessonsDone,
    });
    expect([...row.completedCourses].sort()).toEqual(want.completedCourses);
  }
}

/**
 * The committee's table as served after a write: by the rule afresh, its members those of the
 * subtree, and the next read the kept page (a lookup, not the members' rows).
 */
async function servedFresh() {
  const r = await admin.get(`/api/orgs/${tree.committee.id}/study-report?limit=200`);
  expect(r.status).toBe(200);
  const rows = r.body.items as Row[];
  await expectRule(rows);
  const live = await db()
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, "member"), isNull(memberships.endedAt), eq(users.active, true)));
  expect(rows.map((row) => row.userId).sort()).toEqual(live.map((m) => m.userId).sort());
  const { db: metered, meter } = meteredDb();
  const again = await studyReport(metered, (await getOrg(db(), tree.committee.id))!, { limit: 200 });
  expect(again.members).toEqual(rows);
  expect(meter.rowsRead).toBeLessThan(6);
  return rows;
}

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  const school = await as(tree.publisher);
  const two = [textLesson(), textLesson({ title: "第二课" })];
  const [late, forSecretaries, elective, twoLessons, open] = [
    await publishedCourse(school, tree.school.id, two, { title: "甲 必修已逾期" }),
    await publishedCourse(school, tree.school.id, undefined, { title: "乙 书记必修" }),
    await publishedCourse(school, tree.school.id, undefined, { title: "丙 选修" }),
    await publishedCourse(school, tree.school.id, two, { title: "丁 两课一删" }),
    await publishedCourse(school, tree.school.id, undefined, { title: "戊 未到期" }),
  ];
  const committeePlan = await admin.post("/api/plans", {
    orgId: tree.committee.id,
    title: "年度计划",
    period: "year",
    year: 2026,
    items: [
      { courseId: late!.id, required: true, dueAt: Date.now() + DAY },
      { courseId: forSecretaries!.id, required: true, audience: "secretary", dueAt: Date.now() + DAY },
      { courseId: elective!.id, required: false },
      { courseId: open!.id, required: true, dueAt: Date.now() + 30 * DAY },
    ],
  });
  expect(committeePlan.status).toBe(201);
  // Branch A makes the elective required and adds a course whose second lesson is removed.
  const branchPlan = await admin.post("/api/plans", {
    orgId: tree.branchA.id,
    title: "支部计划",
    period: "year",
    year: 2026,
    items: [
      { courseId: elective!.id, required: true },
      { courseId: twoLessons!.id, required: false },
      { courseId: late!.id, required: false },
    ],
  });
  expect(branchPlan.status).toBe(201);
  await db()
    .update(planItems)
    .set({ dueAt: Date.now() - DAY })
    .where(and(eq(planItems.courseId, late!.id), eq(planItems.required, true)));
  await db()
    .update(planItems)
    .set({ dueAt: Date.now() - DAY })
    .where(eq(planItems.courseId, forSecretaries!.id));
  expect(
    (await school.request("DELETE", `/api/courses/${twoLessons!.id}/lessons/${twoLessons!.lessonIds[1]}`)).status,
  ).toBe(200);

  course = { late: late!.id, lateLesson: late!.lessonIds[1]!, open: open!.id, openLesson: open!.lessonIds[0]! };
  // A third branch under a sub-committee: reached by the committee's items only.
  const sub = await makeOrg(tree.committee, "街道工委", "committee");
  const deep = await makeOrg(sub, "楼宇支部", "branch");
  const deepMember = await makeUser("deepM", [[deep, "member"]]);

  const at = Date.now() - 1000;
  const credit = (userId: string, courseId: string, orgId: string, status: "credited" | "flagged" = "credited") =>
    insertCompletion({ userId, courseId, orgId, status, hours: 1, completedAt: at });
  await credit(tree.memA.id, late!.id, tree.branchA.id);
  await credit(tree.secA.id, forSecretaries!.id, tree.branchA.id);
  await credit(tree.memB.id, late!.id, tree.branchB.id, "flagged");
  await credit(deepMember.id, open!.id, deep.id);
  // Lessons done: one of two of the late course, both of the half-removed one (only the live one counts),
  // and one of a course nobody assigned.
  await lessonDone(tree.memA.id, late!.id, late!.lessonIds[0]!);
  await lessonDone(tree.memA.id, twoLessons!.id, twoLessons!.lessonIds[0]!);
  await lessonDone(tree.memA.id, twoLessons!.id, twoLessons!.lessonIds[1]!);
  const stray = await publishedCourse(school, tree.school.id, undefined, { title: "己 未分配" });
  await lessonDone(tree.memB.id, stray!.id, stray!.lessonIds[0]!);
  await lessonDone(tree.secB.id, late!.id, late!.lessonIds[1]!);
});

describe("the branch study table", () => {
  it("gives every member, page by page, what the member table's rule says afresh from the source rows", async () => {
    const pages: Row[] = [];
    for (let offset: number | null = 0; offset != null; ) {
      const r: { status: number; body: { items: Row[]; nextOffset: number | null } } = await admin.get(
        `/api/orgs/${tree.committee.id}/study-report?limit=2&offset=${offset}`,
      );
      expect(r.status).toBe(200);
      pages.push(...r.body.items);
      offset = r.body.nextOffset;
    }
    const whole = (await admin.get(`/api/orgs/${tree.committee.id}/study-report?limit=200`)).body.items as Row[];
    expect(pages).toEqual(whole);
    expect(whole.length).toBe(5);
    await expectRule(whole);
    // The fixture reaches every case: a secretary item credited, an overdue one, a removed lesson.
    const a = whole.find((r) => r.userId === tree.memA.id)!;
    expect([a.assigned, a.required, a.completed, a.overdue, a.lessons, a.lessonsDone]).toEqual([4, 3, 1, 0, 5, 2]);
  });

  it("a lesson studied makes the branch table fresh and leaves the committee's roster page kept", async () => {
    const roster = `/api/orgs/${tree.committee.id}/members?limit=50`;
    const before = (await admin.get(roster)).body;
    const table = await servedFresh();
    await lessonDone(tree.memB.id, course.open, course.openLesson);
    const kept = await meterStatements(() => admin.get(roster));
    expect(kept.result.body).toEqual(before);
    // The kept read alone: the session check and the page's one statement, nothing computed or stored.
    expect(kept.statements.map((s) => s.sql.split(" ")[0])).toEqual(["SELECT", "SELECT"]);
    expect(kept.statements.some((s) => s.sql.includes("kept_roster_pages (key"))).toBe(false);
    const done = (rows: Row[]) => rows.find((r) => r.userId === tree.memB.id)!.lessonsDone;
    expect(done(await servedFresh())).toBe(done(table) + 1);
  });

  it("after a lesson studied, a completion, a flagged one accepted, a plan item added or a member joining, leaving or renamed, the page served is a fresh one", async () => {
    const writes: (() => Promise<unknown>)[] = [
      () => lessonDone(tree.memB.id, course.late, course.lateLesson),
      () =>
        insertCompletion({
          userId: tree.secB.id,
          courseId: course.open,
          orgId: tree.branchB.id,
          status: "credited",
          hours: 1,
          completedAt: Date.now(),
        }),
      () =>
        db()
          .update(courseCompletions)
          .set({ status: "credited" })
          .where(and(eq(courseCompletions.userId, tree.memB.id), eq(courseCompletions.status, "flagged"))),
      async () => {
        // Branch A's plan makes the open course required and overdue there.
        const [item] = await db().select().from(planItems).where(eq(planItems.orgPath, tree.branchA.path)).limit(1);
        await db()
          .insert(planItems)
          .values({
            ...item!,
            id: newId(),
            courseId: course.open,
            required: true,
            dueAt: Date.now() - DAY,
          });
      },
      () => makeUser("joiner", [[tree.branchB, "member"]]),
      () =>
        db()
          .update(memberships)
          .set({ endedAt: Date.now() })
          .where(and(eq(memberships.userId, tree.memA.id), eq(memberships.role, "member"))),
      () => db().update(users).set({ displayName: "新名字" }).where(eq(users.id, tree.secB.id)),
    ];
    await servedFresh();
    for (const write of writes) {
      await write();
      await servedFresh();
    }
    expect((await servedFresh()).find((r) => r.userId === tree.secB.id)?.name).toBe("新名字");
  });
});
