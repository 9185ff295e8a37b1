import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { quizAttempts } from "../../schema";
import { homeFor } from "../../worker/evaluations/home";
import { insertCompletion, publishedCourse } from "../courses/helpers";
import { as, Client, db, makeTree, makeUser, sessionUserOf } from "../fixtures";
import { meterStatements } from "../lib/scale";
import { makeBank, makeQuiz } from "../quizzes/helpers";
import { countingDb } from "../vanguard/helpers";
import { DAY, makeSchedule, setWindows } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let school: Client;
let secA: Client;
let secB: Client;
let memA: Client;
let memB: Client;
let overdueCourse: string;
let branchBCourse: string;
let cycleId: string;
let quizId: string;
let otherTree: Awaited<ReturnType<typeof makeTree>>;

const home = async (c: Client) => {
  const r = await c.get("/api/home");
  expect(r.status).toBe(200);
  return r.body;
};

/** An attempt at a quiz of one essay, answered and submitted 5 minutes after it started. */
async function submitEssay(c: Client, quiz: string) {
  const attempt = (await c.post(`/api/quizzes/${quiz}/attempts`)).body;
  await c.request("PUT", `/api/attempts/${attempt.id}/slots/0`, { response: { text: "我的体会" }, seq: 1 });
  await db()
    .update(quizAttempts)
    .set({ startedAt: Date.now() - 300_000 })
    .where(eq(quizAttempts.id, attempt.id));
  expect((await c.post(`/api/attempts/${attempt.id}/submit`)).status).toBe(200);
  return attempt as { id: string };
}

const credit = (userId: string, orgId: string, courseId: string, status: "credited" | "flagged" = "credited") =>
  insertCompletion({ userId, courseId, orgId, status, hours: 1, completedAt: Date.now() });

beforeAll(async () => {
  tree = await makeTree();
  otherTree = await makeTree();
  admin = await as(tree.admin);
  school = await as(tree.publisher);
  secA = await as(tree.secA);
  secB = await as(tree.secB);
  memA = await as(tree.memA);
  memB = await as(tree.memB);
  overdueCourse = (await publishedCourse(school, tree.school.id)).id;
  branchBCourse = (await publishedCourse(school, tree.school.id, undefined, { title: "乡村振兴" })).id;
  const plan = (orgId: string, courseId: string, dueAt: number) =>
    admin.post("/api/plans", {
      orgId,
      title: "年度学习计划",
      period: "year",
      year: 2026,
      items: [{ courseId, required: true, dueAt }],
    });
  expect((await plan(tree.committee.id, overdueCourse, Date.now() - 2 * DAY)).status).toBe(201);
  expect((await plan(tree.branchB.id, branchBCourse, Date.now() + 9 * DAY)).status).toBe(201);
  // Branch B has done the committee's course; branch A has not, and one completion of A waits as flagged.
  await credit(tree.memB.id, tree.branchB.id, overdueCourse);
  await credit(tree.secB.id, tree.branchB.id, overdueCourse);
  await credit(tree.secA.id, tree.branchA.id, branchBCourse, "flagged");

  const service = { category: "volunteer", servedOn: "2026-03-01", hours: 2, place: "社区", peopleServed: 3 };
  expect((await memA.post("/api/services", { ...service, description: "帮扶" })).status).toBe(201);

  const sid = await makeSchedule(admin, tree.committee.id);
  expect((await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchA.id })).status).toBe(201);
  cycleId = (await secA.get(`/api/orgs/${tree.branchA.id}/eval-cycles`)).body.items[0].id;
  await setWindows(cycleId, { analysis: [-1, 3], appraisal: [-1, 4], decision: [5, 6] });

  const bank = await makeBank(school, tree);
  quizId = await makeQuiz(school, tree, [{ questionId: bank.q.essay, points: 5 }], {
    title: "季度测验",
    closeAt: Date.now() + 5 * DAY,
  });
});

describe("home to-do list", () => {
  it("a member sees their due courses, open evaluation steps, an untaken quiz and hours against the quota", async () => {
    const h = await home(memA);
    expect(h.member.courses).toEqual([
      { courseId: overdueCourse, title: expect.any(String), dueAt: expect.any(Number), overdue: true },
    ]);
    expect(h.member.hours).toMatchObject({ hours: 0, quota: 32 });
    expect(h.member.evaluations.map((e: { kind: string }) => e.kind).sort()).toEqual(["analysis", "appraisal"]);
    expect(h.member.evaluations[0]).toMatchObject({ cycleId, dueAt: expect.any(Number) });
    expect(h.member.quizzes).toEqual([{ quizId, title: "季度测验", closesAt: expect.any(Number) }]);
    expect(h.member.latest).toBeNull();
    // Nothing of a secretary's, a committee's or a publisher's.
    expect(h).toMatchObject({ branches: [], committees: [], grading: null });

    // Branch B's own course reaches branch B only; B's member has done the committee's course.
    const b = await home(memB);
    expect(b.member.courses.map((c: { courseId: string }) => c.courseId)).toEqual([branchBCourse]);
    expect(b.member.hours.hours).toBe(1);
    expect(b.member.latest).toMatchObject({ kind: "course", hours: 1 });
    expect(b.member.evaluations).toEqual([]);
  });

  it("a finished quiz leaves the list, shows as the latest result without a score, and waits for the publisher's grade", async () => {
    const me = await makeUser("quizzer", [[tree.branchA, "member"]]);
    const c = await as(me);
    const attempt = await submitEssay(c, quizId);
    const h = await home(c);
    expect(h.member.quizzes).toEqual([]);
    expect(h.member.latest).toEqual({
      kind: "quiz",
      attemptId: attempt.id,
      title: "季度测验",
      at: expect.any(Number),
      hours: null,
    });
    expect(JSON.stringify(h.member.latest)).not.toMatch(/score|percent|passed/);
    expect((await home(school)).grading).toEqual([{ quizId, title: "季度测验", n: 1 }]);
    expect((await home(await as(otherTree.publisher))).grading).toEqual([]);
  });

  it("a secretary sees what waits in their own branch only", async () => {
    const before = (await home(secA)).branches;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({
      branchId: tree.branchA.id,
      servicesToConfirm: 1,
      flaggedCompletions: 1,
      cycles: [{ cycleId, toReview: 0, analysisClosesAt: expect.any(Number) }],
    });
    const notSubmitted = before[0].cycles[0].notSubmitted;
    expect(notSubmitted).toBeGreaterThanOrEqual(2);

    const path = `/api/eval-cycles/${cycleId}/analysis`;
    const content = {
      theory: "理论学习体会",
      stance: "立场坚定",
      duty: "履职尽责",
      service: "服务群众",
      problems: "存在问题",
      rectification: "1. 加强学习",
    };
    expect((await memA.request("PUT", path, { content })).status).toBe(200);
    expect((await memA.post(`${path}/submit`)).status).toBe(200);
    const after = (await home(secA)).branches[0];
    expect(after.cycles[0]).toMatchObject({ toReview: 1, notSubmitted: notSubmitted - 1 });
    expect((await home(memA)).member.evaluations.map((e: { kind: string }) => e.kind)).toEqual(["appraisal"]);

    // Branch B's secretary sees B, with nothing of A's.
    const b = await home(secB);
    expect(b.branches).toEqual([
      {
        branchId: tree.branchB.id,
        name: "村支部",
        cycles: [],
        servicesToConfirm: 0,
        flaggedCompletions: 0,
        followups: { open: 0, due: 0 },
      },
    ]);
    expect(JSON.stringify(b)).not.toContain(tree.branchA.id);
    expect(JSON.stringify(b)).not.toContain(cycleId);
  });

  it("a committee admin sees the branches behind and the cycles closing soon in its subtree only", async () => {
    const h = await home(admin);
    expect(h.member).toBeNull();
    expect(h.committees).toHaveLength(1);
    const [c] = h.committees;
    expect(c.orgId).toBe(tree.committee.id);
    expect(c.branchesBehind).toEqual([
      { branchId: tree.branchA.id, name: "社区支部", members: 3, rate: 0, overdue: 3 },
    ]);
    expect(c.cyclesClosing).toEqual([
      {
        cycleId,
        branchName: "社区支部",
        name: expect.any(String),
        label: expect.any(String),
        phase: "analysis",
        closesAt: expect.any(Number),
      },
    ]);
    // The other tree's admin reads nothing of this tree.
    const other = await home(await as(otherTree.admin));
    const text = JSON.stringify(other);
    for (const id of [tree.branchA.id, tree.branchB.id, cycleId, overdueCourse]) expect(text).not.toContain(id);
  });

  it("nothing on it moves with a peer's ballot while the appraisal is open", async () => {
    const readers = [secA, admin, memA, memB];
    const before = await Promise.all(readers.map(home));
    const voter = await as(tree.secA);
    expect(
      (await voter.request("PUT", `/api/eval-cycles/${cycleId}/appraisal/self`, { grade: "qualified", reason: "按时" }))
        .status,
    ).toBe(200);
    const votes = [{ rateeId: tree.memA.id, grade: "excellent", comment: "好" }];
    expect((await voter.post(`/api/eval-cycles/${cycleId}/appraisal/peers`, { votes })).status).toBe(201);
    const after = await Promise.all(readers.map(home));
    expect(after).toEqual(before);
    // The voter's own home does not tell whether they voted either (secA's home is the voter's).
    expect(after[0]).toEqual(before[0]);
  });

  it("costs one D1 round trip whatever the roles once the study part is kept, and refuses without a session", async () => {
    const held = [
      [tree.committee, "admin", "committee"],
      [tree.school, "school", "school"],
      [tree.branchA, "secretary", "branch"],
      [tree.branchA, "member", "branch"],
    ] as const;
    const user = sessionUserOf(tree.secA, held);
    // The first read computes the member's study part and keeps it (worker/courses/kept.ts): two more.
    const first = countingDb();
    await homeFor(first.db, user);
    expect(first.counts.roundTrips).toBe(3);
    const { db: counted, counts } = countingDb();
    const h = await homeFor(counted, user);
    expect(counts.roundTrips).toBe(1);
    expect([h.member?.courses.length, h.branches.length, h.committees.length, h.grading?.length]).toEqual([1, 1, 1, 1]);
    const anonymous = await new Client().get("/api/home");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthenticated");
  });

  it("a plain member's whole list is one statement once the study part is kept, and shows the same", async () => {
    const user = sessionUserOf(tree.memA, [[tree.branchA, "member", "branch"]]);
    await homeFor(db(), user);
    const { db: counted, counts } = countingDb();
    const h = await homeFor(counted, user);
    expect([counts.roundTrips, counts.statements]).toEqual([1, 1]);
    expect(h).toEqual((await home(memA)) as unknown);
    expect(h.member?.quizzes.map((q) => q.quizId)).toEqual([quizId]);
    expect(h.member?.evaluations.map((e) => e.cycleId)).toContain(cycleId);
  });
  it("reads what its caller oversees, not the tenant: another tree's members, flags and essays leave its cost alone", async () => {
    const user = sessionUserOf(tree.secA, [
      [tree.committee, "admin", "committee"],
      [tree.school, "school", "school"],
      [tree.branchA, "secretary", "branch"],
      [tree.branchA, "member", "branch"],
    ]);
    await homeFor(db(), user);
    const rowsRead = async () => (await meterStatements(() => homeFor(db(), user))).rowsRead;
    const before = await rowsRead();
    // The other tree: 40 members, each with a flagged completion; 8 of them wait for an essay's grade.
    const people = [];
    for (let i = 0; i < 40; i++) people.push(await makeUser(`other${i}`, [[otherTree.branchA, "member"]]));
    for (const p of people) await credit(p.id, otherTree.branchA.id, overdueCourse, "flagged");
    const otherSchool = await as(otherTree.publisher);
    const bank = await makeBank(otherSchool, otherTree);
    const essay = await makeQuiz(otherSchool, otherTree, [{ questionId: bank.q.essay, points: 5 }]);
    for (const p of people.slice(0, 8)) {
      const c = await as(p);
      await submitEssay(c, essay);
    }
    expect(
      (await homeFor(db(), sessionUserOf(otherTree.publisher, [[otherTree.school, "school", "school"]]))).grading,
    ).toEqual([{ quizId: essay, title: "测验", n: 8 }]);
    const after = await rowsRead();
    // The old plans read every membership, completion and slot of the tenant (164 rows more here). A seek
    // may now read one row more where its range used to end an index (random ids), nothing else.
    expect(after - before).toBeLessThan(8);
  });
});
