import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, orglifeMeetings } from "../../schema";
import { publishedCourse } from "../courses/helpers";
import { as, db, makeTree } from "../fixtures";
import { dayFromToday, plan, record } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const rowOf = async (id: string) => (await db().select().from(orglifeMeetings).where(eq(orglifeMeetings.id, id)))[0]!;
const editsOf = (id: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "meeting_edited")));

describe("editing a planned meeting", () => {
  it("the secretary changes date, place, topic, material and hours; the edit is audited", async () => {
    const sec = await as(tree.secA);
    const course = await publishedCourse(await as(tree.publisher), tree.school.id);
    const id = await plan(sec, tree.branchA.id, { meetingOn: dayFromToday(5) });
    const r = await sec.patch(`/api/orglife/meetings/${id}`, {
      topic: "学习新修订的条例",
      meetingOn: dayFromToday(7),
      place: "村委会",
      online: true,
      courseId: course.id,
      studyHours: 2,
    });
    expect(r.status).toBe(200);
    const row = await rowOf(id);
    expect(row).toMatchObject({
      topic: "学习新修订的条例",
      meetingOn: dayFromToday(7),
      place: "村委会",
      online: true,
      courseId: course.id,
      studyHours: 2,
      status: "planned",
      kind: "lecture",
    });
    const audits = await editsOf(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: tree.secA.id, orgId: tree.branchA.id });
    // Only what was sent changes; clearing the material and hours takes an explicit null.
    expect((await sec.patch(`/api/orglife/meetings/${id}`, { courseId: null, studyHours: null })).status).toBe(200);
    expect(await rowOf(id)).toMatchObject({ topic: "学习新修订的条例", courseId: null, studyHours: null });
  });

  it("refuses another branch's secretary, a member, bad input and a foreign course, changing nothing", async () => {
    const sec = await as(tree.secA);
    const id = await plan(sec, tree.branchA.id);
    const before = await rowOf(id);
    const change = { topic: "改掉", place: "别处" };
    expect((await (await as(tree.secB)).patch(`/api/orglife/meetings/${id}`, change)).status).toBe(404);
    expect((await (await as(tree.memA)).patch(`/api/orglife/meetings/${id}`, change)).status).toBe(403);
    const bad = await sec.patch(`/api/orglife/meetings/${id}`, { topic: " ", meetingOn: "2026-02-30", studyHours: 99 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "meetingOn",
      "studyHours",
      "topic",
    ]);
    const other = await makeTree();
    const foreign = await publishedCourse(await as(other.publisher), other.school.id);
    expect((await sec.patch(`/api/orglife/meetings/${id}`, { ...change, courseId: foreign.id })).status).toBe(404);
    expect(await rowOf(id)).toEqual(before);
    expect(await editsOf(id)).toEqual([]);
  });

  it("a held or cancelled meeting is not re-planned: 409, nothing changed", async () => {
    const sec = await as(tree.secA);
    const heldId = await plan(sec, tree.branchA.id, { meetingOn: dayFromToday(-2) });
    expect((await record(sec, heldId, [])).status).toBe(200);
    const cancelledId = await plan(sec, tree.branchA.id, { meetingOn: dayFromToday(3) });
    expect((await sec.post(`/api/orglife/meetings/${cancelledId}/cancel`)).status).toBe(200);
    for (const id of [heldId, cancelledId]) {
      const before = await rowOf(id);
      const r = await sec.patch(`/api/orglife/meetings/${id}`, { meetingOn: dayFromToday(9), topic: "改期" });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe("meeting_not_planned");
      expect(await rowOf(id)).toEqual(before);
      expect(await editsOf(id)).toEqual([]);
    }
  });
});
