import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { courseCompletions, dueWork, notifications } from "../../schema";
import { COURSE_DUE_AHEAD } from "../../worker/courses/jobs";
import { newId } from "../../worker/lib/ids";
import { cron, DAY } from "../evaluations/helpers";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { postPlan, publishedCourse } from "./helpers";

// A course assigned with a due date tells the members who have not finished it, a few days before,
// once, through the plan item's row in due_work (no scan of plans per tick).

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let courseId: string;
let done: { id: string; username: string };
let outsider: { id: string; username: string };
const dueAt = Date.now() + 10 * DAY;

const courseNotices = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "course_due")));

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  courseId = (await publishedCourse(await as(tree.publisher), tree.school.id)).id;
  done = await makeUser("done", [[tree.branchA, "member"]]);
  await db().insert(courseCompletions).values({
    id: newId(),
    userId: done.id,
    courseId,
    orgId: tree.branchA.id,
    status: "credited",
    hours: 1,
    checkpointPassed: true,
    completedAt: Date.now(),
  });
  const elsewhere = await makeOrg(null, "别的市委", "committee");
  outsider = await makeUser("outsider", [[await makeOrg(elsewhere, "别的支部", "branch"), "member"]]);
});

describe("course due dates", () => {
  it("remind the plan's members who have not finished, once, a few days before, and link to the course", async () => {
    const plan = await postPlan(admin, tree.branchA.id, "支部季度学习", [{ courseId, required: true, dueAt }]);
    expect(plan.status).toBe(201);
    await cron(Date.now());
    expect(await courseNotices(tree.memA.id)).toHaveLength(0);

    const due = dueAt - COURSE_DUE_AHEAD + 60_000;
    await cron(due);
    await cron(due + 15 * 60_000);
    for (const u of [tree.memA, tree.secA]) {
      const [notice, ...more] = await courseNotices(u.id);
      expect(more).toHaveLength(0);
      expect(notice).toMatchObject({ link: `/courses/${courseId}`, dueAt, params: { courseId } });
    }
    // Not to who finished it, not to another branch, not to another tree.
    for (const u of [done, tree.memB, outsider]) expect(await courseNotices(u.id)).toHaveLength(0);
    // The member reads it in the bell's list and may open what it links to.
    const member = await as(tree.memA);
    const list = await member.get("/api/notifications");
    expect(list.body.items.find((n: { kind: string }) => n.kind === "course_due")).toMatchObject({
      link: `/courses/${courseId}`,
    });
    expect((await member.get(`/api/courses/${courseId}`)).status).toBe(200);
    // Its row in due_work is gone: later ticks read nothing for it.
    expect(await db().select().from(dueWork).where(eq(dueWork.kind, "course_due"))).toHaveLength(0);
  });

  it("a secretaries' item tells only the secretaries; removing an item forgets its reminder", async () => {
    const plan = await postPlan(admin, tree.committee.id, "书记专题", [
      { courseId, required: true, audience: "secretary", dueAt: dueAt + DAY },
    ]);
    expect(plan.status).toBe(201);
    await cron(dueAt + DAY - COURSE_DUE_AHEAD + 60_000);
    expect(await courseNotices(tree.secB.id)).toHaveLength(1);
    expect(await courseNotices(tree.secA.id)).toHaveLength(2);
    expect(await courseNotices(tree.memB.id)).toHaveLength(0);

    const other = await postPlan(admin, tree.branchB.id, "取消的计划", [
      { courseId, required: true, dueAt: dueAt + 2 * DAY },
    ]);
    const [item] = (await admin.get(`/api/orgs/${tree.branchB.id}/plans`)).body.items.find(
      (p: { id: string }) => p.id === other.body.id,
    ).items;
    expect(await db().select().from(dueWork).where(eq(dueWork.subject, item.id))).toHaveLength(1);
    expect((await admin.request("DELETE", `/api/plans/${other.body.id}/items/${item.id}`)).status).toBe(200);
    expect(await db().select().from(dueWork).where(eq(dueWork.subject, item.id))).toHaveLength(0);
    await cron(dueAt + 2 * DAY);
    expect(await courseNotices(tree.memB.id)).toHaveLength(0);
  });
});
