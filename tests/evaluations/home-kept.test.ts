import { and, eq, isNull, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  evalAnalyses,
  evalCycles,
  evalFollowups,
  keptHomePages,
  keptStudyPages,
  memberships,
  orgs,
  quizAttempts,
  quizzes,
} from "../../schema";
import type { SessionUser } from "../../worker/auth";
import { homeFor } from "../../worker/evaluations/home";
import { homeText } from "../../worker/evaluations/home-kept";
import { newId } from "../../worker/lib/ids";
import { publishedCourse } from "../courses/helpers";
import { as, Client, db, makeTree, makeUser } from "../fixtures";
import { meterStatements } from "../lib/scale";
import { makeBank, makeQuiz, rightResponse } from "../quizzes/helpers";
import { DAY, makeSchedule, setWindows } from "./helpers";

// A plain member's home is kept per user (worker/evaluations/home-kept.ts) and made stale by triggers on its
// inputs or by its valid_until. After each kind of write that changes it, the served answer must equal a
// fresh computation, and the read after it must be the kept row: to tell the two apart the kept row is
// marked (a count of courses left no page could show) after each check.

const HOUR = 3_600_000;

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let school: Client;
let bank: Awaited<ReturnType<typeof makeBank>>;

/** Whose home, as the session has it: the live memberships of orgs not archived. */
async function sessionOf(u: { id: string; username: string; displayName: string }): Promise<SessionUser> {
  const held = await db()
    .select({ orgId: orgs.id, orgPath: orgs.path, orgName: orgs.name, orgKind: orgs.kind, role: memberships.role })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(and(eq(memberships.userId, u.id), isNull(memberships.endedAt), isNull(orgs.archivedAt)));
  return { ...u, locale: "zh-CN", elder: false, sessionId: "fresh", memberships: held };
}

/** Home computed afresh: the member's kept study row dropped first, so nothing kept takes part. */
async function fresh(u: { id: string; username: string; displayName: string }, now?: number) {
  await db().delete(keptStudyPages).where(eq(keptStudyPages.userId, u.id));
  return JSON.parse(JSON.stringify(await homeFor(db(), await sessionOf(u), now)));
}

const keptRows = (userId: string) =>
  db()
    .select()
    .from(keptHomePages)
    .where(like(keptHomePages.key, `${userId} %`));

let marks = 0;
/** Marks the member's kept row (as a new build, so no isolate serves the body it held); returns the answer it now holds. */
async function mark(userId: string) {
  const rows = await keptRows(userId);
  expect(rows).toHaveLength(1);
  const body = JSON.parse(rows[0]!.body);
  body.member.coursesLeft = -++marks;
  await db()
    .update(keptHomePages)
    .set({ body: JSON.stringify(body), built: `mark-${marks}` })
    .where(eq(keptHomePages.key, rows[0]!.key));
  return body;
}

const home = async (client: Client) => {
  const r = await client.get("/api/home");
  expect(r.status).toBe(200);
  return r.body;
};

/**
 * The served home equals a fresh computation; once marked, the next read is the kept row, served by the
 * session check and one point lookup in one round trip.
 */
async function servedFresh(client: Client, u: { id: string; username: string; displayName: string }, label: string) {
  const served = await home(client);
  expect(served, label).toEqual(await fresh(u));
  const marked = await mark(u.id);
  const again = await meterStatements(() => home(client));
  expect(again.result, label).toEqual(marked);
  expect(again.roundTrips, label).toBe(1);
  expect(
    again.statements.map((s) => /kept_home_pages/.test(s.sql)),
    label,
  ).toEqual([false, true]);
  return served;
}

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  school = await as(tree.publisher);
  bank = await makeBank(school, tree);
});

describe("a plain member's home kept per user", () => {
  it("after every kind of write that changes it, serves a fresh answer, then the kept one", async () => {
    const who = await makeUser("homekept", [[tree.branchA, "member"]]);
    const member = await as(who);
    const now = Date.now();
    await servedFresh(member, who, "first read");

    // Study: a course assigned, a lesson studied, the course retitled (its part is kept by kept_study_pages).
    const course = await publishedCourse(school, tree.school.id);
    const plan = await admin.post("/api/plans", {
      orgId: tree.branchA.id,
      title: "支部学习计划",
      period: "year",
      year: new Date(now).getUTCFullYear(),
      items: [{ courseId: course.id, required: true, dueAt: now + 10 * DAY }],
    });
    expect(plan.status).toBe(201);
    expect((await servedFresh(member, who, "a course assigned")).member.courses[0].courseId).toBe(course.id);
    await member.post(`/api/courses/${course.id}/lessons/${course.lessonIds[0]}/progress`, { percent: 40 });
    await servedFresh(member, who, "a lesson studied");
    expect((await school.patch(`/api/courses/${course.id}`, { title: "改名的课程" })).status).toBe(200);
    expect((await servedFresh(member, who, "a course retitled")).member.courses[0].title).toBe("改名的课程");

    // Quizzes: published, retitled, taken and submitted (graded at once: the latest result).
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.single, points: 5 }], {
      title: "月度测验",
      closeAt: now + 5 * DAY,
    });
    expect((await servedFresh(member, who, "a quiz published")).member.quizzes).toEqual([
      { quizId, title: "月度测验", closesAt: now + 5 * DAY },
    ]);
    // Retitled past the Worker (PATCH /api/quizzes/:id with a title alone also resets its other fields).
    await db().update(quizzes).set({ title: "月度测验（改）" }).where(eq(quizzes.id, quizId));
    expect((await servedFresh(member, who, "a quiz retitled")).member.quizzes[0].title).toBe("月度测验（改）");
    const started = await member.post(`/api/quizzes/${quizId}/attempts`);
    expect(started.status).toBe(201);
    const attempt = started.body;
    await servedFresh(member, who, "an attempt started");
    const answer = { response: rightResponse(attempt.questions[0]), seq: 1 };
    expect((await member.request("PUT", `/api/attempts/${attempt.id}/slots/0`, answer)).status).toBe(200);
    await db()
      .update(quizAttempts)
      .set({ startedAt: now - 300_000 })
      .where(eq(quizAttempts.id, attempt.id));
    expect((await member.post(`/api/attempts/${attempt.id}/submit`)).status).toBe(200);
    const submitted = await servedFresh(member, who, "an attempt submitted");
    expect(submitted.member.quizzes).toEqual([]);
    expect(submitted.member.latest).toMatchObject({ kind: "quiz", attemptId: attempt.id });
    // Written past the Worker: the attempt taken away again (a correction), then the quiz unpublished.
    await db().delete(quizAttempts).where(eq(quizAttempts.id, attempt.id));
    expect((await servedFresh(member, who, "an attempt deleted")).member.quizzes).toHaveLength(1);
    await db().update(quizzes).set({ published: false }).where(eq(quizzes.id, quizId));
    expect((await servedFresh(member, who, "a quiz unpublished")).member.quizzes).toEqual([]);

    // Evaluations: a cycle opens, its windows move, the member submits, the secretary returns it, renamed.
    const sid = await makeSchedule(admin, tree.committee.id);
    expect((await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchA.id })).status).toBe(201);
    const cycleId = (await (await as(tree.secA)).get(`/api/orgs/${tree.branchA.id}/eval-cycles`)).body.items[0].id;
    await servedFresh(member, who, "a cycle opened");
    await setWindows(cycleId, { analysis: [-1, 3], appraisal: [-1, 4], decision: [5, 6] });
    const open = await servedFresh(member, who, "a cycle's windows moved");
    expect(open.member.evaluations.map((e: { kind: string }) => e.kind).sort()).toEqual(["analysis", "appraisal"]);
    const path = `/api/eval-cycles/${cycleId}/analysis`;
    const content = {
      theory: "理论学习体会",
      stance: "立场坚定",
      duty: "履职尽责",
      service: "服务群众",
      problems: "存在问题",
      rectification: "1. 加强学习",
    };
    expect((await member.request("PUT", path, { content })).status).toBe(200);
    expect((await member.post(`${path}/submit`)).status).toBe(200);
    const done = await servedFresh(member, who, "the member submits");
    expect(done.member.evaluations.map((e: { kind: string }) => e.kind)).toEqual(["appraisal"]);
    const [analysis] = await db().select().from(evalAnalyses).where(eq(evalAnalyses.memberId, who.id));
    const returned = await (await as(tree.secA)).post(`/api/eval-analyses/${analysis!.id}/return`, {
      comment: "请补充",
    });
    expect(returned.status).toBe(200);
    const back = await servedFresh(member, who, "the analysis returned");
    expect(back.member.evaluations.find((e: { kind: string }) => e.kind === "analysis").returned).toBe(true);
    await db().update(evalCycles).set({ name: "改名的评议" }).where(eq(evalCycles.id, cycleId));
    expect((await servedFresh(member, who, "a cycle renamed")).member.evaluations[0].name).toBe("改名的评议");

    // A follow-up appears (as the cycle's close writes it), then closes.
    const followupId = newId();
    await db()
      .insert(evalFollowups)
      .values({
        id: followupId,
        cycleId,
        memberId: who.id,
        branchId: tree.branchA.id,
        nextStep: "plan",
        nextDue: now + 30 * DAY,
        nextDueOn: new Date(now + 30 * DAY).toISOString().slice(0, 10),
        createdAt: now,
      });
    expect((await servedFresh(member, who, "a follow-up opened")).member.followups).toHaveLength(1);
    await db().update(evalFollowups).set({ status: "closed", nextStep: null }).where(eq(evalFollowups.id, followupId));
    expect((await servedFresh(member, who, "a follow-up closed")).member.followups).toEqual([]);

    // The cycle closes.
    await db().update(evalCycles).set({ status: "closed" }).where(eq(evalCycles.id, cycleId));
    expect((await servedFresh(member, who, "a cycle closed")).member.evaluations).toEqual([]);
  });

  it("changes by the clock alone: a quiz opens and closes, a window opens and closes, a reopening ends, a course falls due", async () => {
    const who = await makeUser("homeclock", [[tree.branchB, "member"]]);
    const self = await sessionOf(who);
    const now = Date.now();
    const course = await publishedCourse(school, tree.school.id);
    const plan = await admin.post("/api/plans", {
      orgId: tree.branchB.id,
      title: "支部学习计划",
      period: "year",
      year: new Date(now).getUTCFullYear(),
      items: [{ courseId: course.id, required: true, dueAt: now + 6 * HOUR }],
    });
    expect(plan.status).toBe(201);
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.single, points: 5 }], {
      audienceOrgId: tree.branchB.id,
      title: "定时测验",
      openAt: now + HOUR,
      closeAt: now + 3 * HOUR,
    });
    const sid = await makeSchedule(admin, tree.committee.id);
    expect((await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchB.id })).status).toBe(201);
    const [cycle] = await db().select().from(evalCycles).where(eq(evalCycles.branchId, tree.branchB.id));
    const windows = { analysis: { opensAt: now + 2 * HOUR, closesAt: now + 4 * HOUR } };
    await db()
      .update(evalCycles)
      .set({ windows, closesAt: now + 8 * HOUR })
      .where(eq(evalCycles.id, cycle!.id));

    const at = async (t: number) => JSON.parse(await homeText(db(), self, t));
    const step = async (t: number, label: string) => {
      // Just before, the kept answer; at the moment, a fresh one.
      const marked = await mark(who.id);
      expect(await at(t - 1), label).toEqual(marked);
      const served = await at(t);
      expect(served, label).toEqual(await fresh(who, t));
      return served.member;
    };
    expect(await at(now)).toEqual(await fresh(who, now));
    const quizIds = (m: { quizzes: { quizId: string }[] }) => m.quizzes.map((q) => q.quizId);
    expect(quizIds(await step(now + HOUR, "the quiz opens"))).toContain(quizId);
    expect((await step(now + 2 * HOUR, "the analysis window opens")).evaluations).toHaveLength(1);
    expect(quizIds(await step(now + 3 * HOUR, "the quiz closes"))).not.toContain(quizId);
    expect((await step(now + 4 * HOUR, "the analysis window closes")).evaluations).toEqual([]);
    // The committee reopens the member's form for an hour past the window: shown again until then.
    const reopened = await admin.post(`/api/eval-cycles/${cycle!.id}/reopen`, {
      memberId: who.id,
      until: now + 5 * HOUR,
    });
    expect(reopened.status).toBe(200);
    const again = await at(now + 4 * HOUR);
    expect(again).toEqual(await fresh(who, now + 4 * HOUR));
    expect(again.member.evaluations.map((e: { kind: string }) => e.kind)).toEqual(["analysis"]);
    expect((await step(now + 5 * HOUR, "the reopening ends")).evaluations).toEqual([]);
    expect((await step(now + 6 * HOUR + 1, "the course falls due")).courses[0].overdue).toBe(true);
  });
});

describe("kept homes and secrecy", () => {
  it("one member's kept home never answers another, of the same branch or of another tree", async () => {
    const a = await makeUser("homeA", [[tree.branchA, "member"]]);
    const b = await makeUser("homeB", [[tree.branchA, "member"]]);
    const other = await makeTree();
    const c = await makeUser("homeC", [[other.branchA, "member"]]);
    const [clientA, clientB, clientC] = [await as(a), await as(b), await as(c)];
    await servedFresh(clientA, a, "A's home");
    const markedA = await mark(a.id);
    // B holds the very same memberships: their home is their own, A's row untouched.
    const homeB = await home(clientB);
    expect(homeB).toEqual(await fresh(b));
    expect(homeB).not.toEqual(markedA);
    expect(await home(clientC)).toEqual(await fresh(c));
    expect(JSON.stringify(await home(clientC))).not.toContain(String(markedA.member.coursesLeft));
    expect((await keptRows(a.id))[0]!.body).toBe(JSON.stringify(markedA));
  });

  it("an ended membership is not served: a transfer shows the new branch, leaving every branch shows nothing", async () => {
    const who = await makeUser("hometransfer", [[tree.branchA, "member"]]);
    const client = await as(who);
    const course = await publishedCourse(school, tree.school.id);
    expect(
      (
        await admin.post("/api/plans", {
          orgId: tree.branchA.id,
          title: "只在A支部",
          period: "year",
          year: new Date().getUTCFullYear(),
          items: [{ courseId: course.id, required: true }],
        })
      ).status,
    ).toBe(201);
    const inA = await servedFresh(client, who, "in branch A");
    expect(inA.member.courses.map((x: { courseId: string }) => x.courseId)).toContain(course.id);
    await mark(who.id);
    await db().batch([
      db().update(memberships).set({ endedAt: Date.now() }).where(eq(memberships.userId, who.id)),
      db()
        .insert(memberships)
        .values({ id: newId(), userId: who.id, orgId: tree.branchB.id, role: "member", startedAt: Date.now() }),
    ]);
    const inB = await home(client);
    expect(inB).toEqual(await fresh(who));
    expect(inB.member.courses.map((x: { courseId: string }) => x.courseId)).not.toContain(course.id);
    await db().update(memberships).set({ endedAt: Date.now() }).where(eq(memberships.userId, who.id));
    const none = await home(client);
    expect(none).toEqual({ member: null, branches: [], committees: [], grading: null });
  });

  it("a secretary's sections never reach a plain member's kept home, and a secretary's home is not kept", async () => {
    const who = await makeUser("homepromoted", [[tree.branchA, "member"]]);
    const client = await as(who);
    await servedFresh(client, who, "a plain member");
    await mark(who.id);
    const [held] = await db().select().from(memberships).where(eq(memberships.userId, who.id));
    await db().update(memberships).set({ role: "secretary" }).where(eq(memberships.id, held!.id));
    const secretary = await home(client);
    expect(secretary).toEqual(await fresh(who));
    expect(secretary.branches.map((x: { branchId: string }) => x.branchId)).toEqual([tree.branchA.id]);
    // Nothing stored for the secretary's home: the one row is still the plain member's, now stale.
    expect((await keptRows(who.id)).map((r) => r.key)).toEqual([`${who.id} [["${tree.branchA.path}","member"]]`]);
    await db().update(memberships).set({ role: "member" }).where(eq(memberships.id, held!.id));
    const demoted = await servedFresh(client, who, "back to a plain member");
    expect(demoted.branches).toEqual([]);
  });

  it("nothing is stored for a refused caller", async () => {
    const who = await makeUser("homerefused", [[tree.branchA, "member"]]);
    const client = await as(who);
    const cookie = client.cookie;
    expect((await client.post("/api/auth/logout")).status).toBeLessThan(300);
    client.cookie = cookie;
    const refused = await client.get("/api/home");
    expect(refused.status).toBe(401);
    expect(await keptRows(who.id)).toEqual([]);
    const anonymous = await new Client().get("/api/home");
    expect(anonymous.status).toBe(401);
    expect(await keptRows(who.id)).toEqual([]);
  });
});
