import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, offlineCredits, users } from "../../schema";
import { publishedCourse } from "../courses/helpers";
import { as, db, makeTree, makeUser } from "../fixtures";
import { dayFromToday, plan, present, record } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let memA2: { id: string; username: string };
beforeAll(async () => {
  tree = await makeTree();
  memA2 = await makeUser("memA2", [[tree.branchA, "member"]]);
});

const creditsOf = (meetingId: string) =>
  db().select().from(offlineCredits).where(eq(offlineCredits.sourceMeetingId, meetingId));
const auditsOf = (meetingId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "meeting"), eq(auditLog.entityId, meetingId)));

describe("offline 学时 from a study meeting", () => {
  it("credits each present member once, shows beside online hours, and a correction moves it exactly once", async () => {
    const sec = await as(tree.secA);
    const school = await as(tree.publisher);
    const course = await publishedCourse(school, tree.school.id);
    const id = await plan(sec, tree.branchA.id, { courseId: course.id, studyHours: 1.5, topic: "党课：学习党章" });
    const detail = await sec.get(`/api/orglife/meetings/${id}`);
    expect(detail.body.course).toEqual({ id: course.id, title: "加强基层服务型党组织建设" });
    // The roster to record against: the branch's members, none recorded yet.
    expect(detail.body.attendance.map((a: { name: string; status: null }) => [a.name, a.status])).toEqual(
      expect.arrayContaining([
        ["memA", null],
        ["memA2", null],
        ["secA", null],
      ]),
    );

    const first = await record(sec, id, [
      ...present(tree.memA.id, tree.secA.id),
      { userId: memA2.id, status: "leave", reason: "出差" },
    ]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ corrected: false, credited: 2 });
    expect((await creditsOf(id)).map((c) => [c.userId, c.hours]).sort()).toEqual(
      [
        [tree.memA.id, 1.5],
        [tree.secA.id, 1.5],
      ].sort(),
    );
    const mem = await as(tree.memA);
    const other = await as(memA2);
    const before = (await mem.get("/api/study/mine")).body;
    expect(before).toMatchObject({ offlineHours: 1.5, hours: 0 });
    expect((await other.get("/api/study/mine")).body.offlineHours).toBe(0);

    // The attendance is corrected: memA was in fact absent, memA2 came after all.
    const corrected = [{ userId: tree.memA.id, status: "absent" }, ...present(memA2.id, tree.secA.id)];
    const second = await record(sec, id, corrected);
    expect(second.body).toMatchObject({ corrected: true, credited: 2 });
    expect((await mem.get("/api/study/mine")).body.offlineHours).toBe(0);
    expect((await other.get("/api/study/mine")).body.offlineHours).toBe(1.5);
    expect(await creditsOf(id)).toHaveLength(2);
    // Sent again (a double submit): nothing moves and no second credit audit.
    const creditAudits = async () => (await auditsOf(id)).filter((a) => a.action.startsWith("offline_credits"));
    const audited = await creditAudits();
    expect(audited.map((a) => a.action).sort()).toEqual(["offline_credits_corrected", "offline_credits_granted"]);
    expect(audited.find((a) => a.action === "offline_credits_corrected")?.detail).toMatchObject({
      added: [memA2.id],
      removed: [tree.memA.id],
    });
    await record(sec, id, corrected);
    expect(await creditAudits()).toHaveLength(2);
    expect((await other.get("/api/study/mine")).body.offlineHours).toBe(1.5);
    // Home's hours against the quota count them too.
    expect((await other.get("/api/home")).body.member.hours.hours).toBe(1.5);

    // The branch report counts both kinds of hours against the quota, and so does its CSV.
    const report = (await sec.get(`/api/orgs/${tree.branchA.id}/study-report`)).body;
    const row = report.items.find((m: { userId: string }) => m.userId === memA2.id);
    expect(row).toMatchObject({ hours: 0, offlineHours: 1.5 });
    const csv = await sec.get(`/api/orgs/${tree.branchA.id}/study-report/export`);
    expect(String(csv.body)).toContain("线下学时");
    const glance = (await sec.get(`/api/orgs/${tree.branchA.id}/orglife`)).body;
    expect(glance.members.find((m: { userId: string }) => m.userId === memA2.id)).toMatchObject({
      present: 1,
      hours: 1.5,
    });
  });

  it("a correction after a member left the branch still names them", async () => {
    const sec = await as(tree.secA);
    const leaver = await makeUser("leaver", [[tree.branchA, "member"]]);
    const id = await plan(sec, tree.branchA.id, { studyHours: 1 });
    expect((await record(sec, id, present(leaver.id, tree.memA.id))).status).toBe(200);
    await db().update(memberships).set({ endedAt: Date.now() }).where(eq(memberships.userId, leaver.id));
    const detail = (await sec.get(`/api/orglife/meetings/${id}`)).body;
    expect(detail.attendance.find((a: { userId: string }) => a.userId === leaver.id)?.status).toBe("present");
    const fixed = await record(sec, id, [...present(leaver.id), { userId: tree.memA.id, status: "absent" }]);
    expect(fixed.status).toBe(200);
    expect((await creditsOf(id)).map((c) => c.userId)).toEqual([leaver.id]);
  });

  it("refuses attendance that is not the branch's, a leave without reason, a meeting not yet held", async () => {
    const sec = await as(tree.secA);
    const id = await plan(sec, tree.branchA.id, { studyHours: 1 });
    const stranger = await record(sec, id, present(tree.memB.id));
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.details).toEqual([{ path: "attendance.0.userId", code: "not_a_member" }]);
    const leave = await record(sec, id, [{ userId: tree.memA.id, status: "leave" }]);
    expect(leave.body.error.details).toEqual([{ path: "attendance.0.reason", code: "leave_reason_required" }]);
    const future = await plan(sec, tree.branchA.id, { meetingOn: dayFromToday(3) });
    expect((await record(sec, future, present(tree.memA.id))).status).toBe(422);
    expect(await creditsOf(id)).toEqual([]);
    // A meeting without declared hours records attendance and credits nothing.
    const plain = await plan(sec, tree.branchA.id, { kind: "committee_meeting" });
    expect((await record(sec, plain, present(tree.memA.id))).body.credited).toBe(0);
    expect(await creditsOf(plain)).toEqual([]);
  });

  it("a course from another tree is no material, and an unknown kind is refused", async () => {
    const sec = await as(tree.secA);
    const other = await makeTree();
    const foreign = await publishedCourse(await as(other.publisher), other.school.id);
    const r = await sec.post(`/api/orgs/${tree.branchA.id}/orglife/meetings`, {
      kind: "lecture",
      topic: "x",
      meetingOn: dayFromToday(0),
      courseId: foreign.id,
    });
    expect(r.status).toBe(404);
    const k = await sec.post(`/api/orgs/${tree.branchA.id}/orglife/meetings`, {
      kind: "karaoke",
      topic: "x",
      meetingOn: dayFromToday(0),
    });
    expect(k.body.error.details).toEqual([{ path: "kind", code: "unknown_kind" }]);
  });

  it("a cadre's quota is online study: offline hours show beside it but do not count against it", async () => {
    const sec = await as(tree.secA);
    const cadre = await makeUser("cadreA", [[tree.branchA, "member"]]);
    await db().update(users).set({ cadre: true }).where(eq(users.id, cadre.id));
    const id = await plan(sec, tree.branchA.id, { studyHours: 2, topic: "集中学习" });
    expect((await record(sec, id, present(cadre.id, tree.memA.id))).status).toBe(200);
    const asCadre = await as(cadre);
    const mine = (await asCadre.get("/api/study/mine")).body;
    expect(mine).toMatchObject({ quotaRole: "cadre", offlineHours: 2, counted: 0 });
    expect((await asCadre.get("/api/home")).body.member.hours.hours).toBe(0);
    const member = (await (await as(tree.memA)).get("/api/study/mine")).body;
    expect(member.counted).toBe(member.hours + member.offlineHours);
    const report = (await sec.get(`/api/orgs/${tree.branchA.id}/study-report`)).body;
    const row = report.items.find((m: { userId: string }) => m.userId === cadre.id);
    expect(row).toMatchObject({ role: "cadre", offlineHours: 2, counted: 0 });
  });
});
