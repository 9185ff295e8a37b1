import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, orgs, studyRules } from "../../schema";
import { yearOf, yearRange } from "../../worker/lib/day";
import { as, type Client, db, makeTree, makeUser } from "../fixtures";
import { postOrg } from "../orgs/helpers";
import { makeBank, makeQuiz } from "../quizzes/helpers";
import { insertCompletion, openedAgo, publishedCourse, textLesson } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let school: Client;
let secretary: Client;
let member: Client;
const year = yearOf(Date.now());

const quotas = (fromYear: number, member: number, source = "某市委文件") => ({
  kind: "quotas",
  fromYear,
  values: { member, secretary: 60, cadre: 50 },
  source,
});
const credit = (fromYear: number, extra: Record<string, number> = {}) => ({
  kind: "credit",
  fromYear,
  values: { longMinutes: 20, longHours: 2, midMinutes: 10, midHours: 1, shortHours: 0.5, checkpointBonus: 1, ...extra },
  source: "本校学时折算办法",
});
const rulesUrl = (orgId: string) => `/api/orgs/${orgId}/study-rules`;
const rowsOf = async (orgId: string) => db().select().from(studyRules).where(eq(studyRules.orgId, orgId));
const reportRow = async (who: Client, orgId: string, userId: string, y?: number) => {
  const r = await who.get(`/api/orgs/${orgId}/study-report${y ? `?year=${y}` : ""}`);
  expect(r.status).toBe(200);
  return r.body.items.find((m: { userId: string }) => m.userId === userId);
};

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  school = await as(tree.publisher);
  secretary = await as(tree.secA);
  member = await as(tree.memA);
});

describe("annual quotas as versions", () => {
  it("a committee's new version applies from its year on; last year's report keeps last year's quota", async () => {
    expect((await member.get("/api/study/mine")).body).toMatchObject({ quota: 32, quotaRole: "member" });
    expect((await admin.post(rulesUrl(tree.committee.id), quotas(year - 1, 40))).status).toBe(201);
    expect((await member.get("/api/study/mine")).body.quota).toBe(40);
    expect((await secretary.get("/api/study/mine")).body).toMatchObject({ quota: 60, quotaRole: "secretary" });

    // The rule changes this year: this year's report and page follow, last year's stays at 40.
    const next = await admin.post(rulesUrl(tree.committee.id), quotas(year, 45, "某市委2026年文件"));
    expect(next.status).toBe(201);
    expect(next.body.version).toBe(2);
    expect((await member.get("/api/study/mine")).body.quota).toBe(45);
    expect((await reportRow(secretary, tree.branchA.id, tree.memA.id)).quota).toBe(45);
    expect((await reportRow(secretary, tree.branchA.id, tree.memA.id, year - 1)).quota).toBe(40);
    // Before any version: the default.
    expect((await reportRow(secretary, tree.branchA.id, tree.memA.id, year - 2)).quota).toBe(32);

    // The page shows versions with their sources to anyone with a role there; each change is audited.
    const page = await member.get(rulesUrl(tree.branchA.id));
    expect(page.status).toBe(200);
    const q = page.body.kinds.find((k: { kind: string }) => k.kind === "quotas");
    expect(q.inForce).toMatchObject({ orgId: tree.committee.id, version: 2, fromYear: year, values: { member: 45 } });
    expect(q.versions.map((v: { source: string }) => v.source)).toEqual(["某市委2026年文件", "某市委文件"]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, tree.committee.id), eq(auditLog.action, "study_rule_added")));
    expect(audit.map((a) => (a.detail as { fromYear: number }).fromYear).sort()).toEqual([year - 1, year]);
  });

  it("only the committee's admin adds a version, only of a committee's rule, with valid values", async () => {
    const before = await rowsOf(tree.committee.id);
    const otherTree = await makeTree();
    const outsider = await as(otherTree.admin);
    const refusals = [
      [await secretary.post(rulesUrl(tree.committee.id), quotas(year, 1)), 404],
      [await secretary.post(rulesUrl(tree.branchA.id), quotas(year, 1)), 403],
      [await member.post(rulesUrl(tree.committee.id), quotas(year, 1)), 404],
      [await school.post(rulesUrl(tree.committee.id), quotas(year, 1)), 404],
      [await outsider.post(rulesUrl(tree.committee.id), quotas(year, 1)), 404],
      // A school's rule on a committee, a committee's rule on a school.
      [await admin.post(rulesUrl(tree.committee.id), credit(year)), 422],
      [await admin.post(rulesUrl(tree.school.id), quotas(year, 1)), 422],
      [await admin.post(rulesUrl(tree.committee.id), { ...quotas(year, 1), values: { member: -1 } }), 400],
      [await admin.post(rulesUrl(tree.committee.id), { ...quotas(year, 1), source: " " }), 400],
      [await admin.post(rulesUrl(tree.committee.id), { ...quotas(year, 1), kind: "other" }), 400],
      [await admin.post(rulesUrl(tree.committee.id), { ...quotas(1999, 1) }), 400],
    ] as const;
    for (const [r, status] of refusals) {
      expect(r.status).toBe(status);
      expect(r.body.error.code).toBeTruthy();
    }
    expect(await rowsOf(tree.committee.id)).toEqual(before);
    // Another tree cannot read them either: the same answer as for an org that does not exist.
    const foreign = await outsider.get(rulesUrl(tree.committee.id));
    expect(foreign.status).toBe(404);
    expect((await outsider.get(rulesUrl("no-such-org"))).body.error.code).toBe(foreign.body.error.code);
    expect(await rowsOf(tree.school.id)).toEqual([]);
  });

  it("a cadre, marked in the roster by the secretary (not by themselves), is held to the cadres' quota", async () => {
    const cadre = await makeUser("cadre", [[tree.branchA, "member"]]);
    const mark = await secretary.patch(`/api/users/${cadre.id}`, { cadre: true });
    expect(mark.status).toBe(200);
    expect((await secretary.get(`/api/users/${cadre.id}`)).body.cadre).toBe(true);
    const roster = await secretary.get(`/api/orgs/${tree.branchA.id}/members?limit=200`);
    expect(roster.body.items.find((m: { id: string }) => m.id === cadre.id).cadre).toBe(true);
    const self = await as(cadre);
    expect((await self.get("/api/study/mine")).body).toMatchObject({ quota: 50, quotaRole: "cadre" });
    expect(await reportRow(secretary, tree.branchA.id, cadre.id)).toMatchObject({ role: "cadre", quota: 50 });
    // The mark gives no rights.
    expect((await self.get(`/api/orgs/${tree.branchA.id}/study-report`)).status).toBe(403);
    // A member cannot mark anyone, another branch's secretary cannot, and a secretary not themselves.
    expect((await member.patch(`/api/users/${cadre.id}`, { cadre: false })).status).toBe(403);
    expect((await (await as(tree.secB)).patch(`/api/users/${cadre.id}`, { cadre: false })).status).toBe(404);
    const own = await secretary.patch(`/api/users/${tree.secA.id}`, { cadre: true });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("own_case");
    expect((await secretary.get(`/api/users/${cadre.id}`)).body.cadre).toBe(true);
  });
});

describe("the party school's rules", () => {
  it("its credit conversion credits its courses; a course's own credit still wins", async () => {
    const plain = await publishedCourse(school, tree.school.id, [textLesson({ minutes: 20 })], { title: "折算课" });
    const fixed = await publishedCourse(school, tree.school.id, [textLesson({ minutes: 20 })], {
      title: "定额课",
      creditHours: 3,
    });
    const creditOf = async (id: string) => (await member.get(`/api/courses/${id}`)).body.course.credit;
    expect(await creditOf(plain.id)).toBe(0.5);
    // Bands out of order are refused; then the school publishes its own table.
    expect((await school.post(rulesUrl(tree.school.id), credit(year, { midMinutes: 30 }))).status).toBe(400);
    expect((await member.post(rulesUrl(tree.school.id), credit(year))).status).toBe(404);
    expect((await school.post(rulesUrl(tree.school.id), credit(year))).status).toBe(201);
    expect(await creditOf(plain.id)).toBe(2);
    expect(await creditOf(fixed.id)).toBe(3);
    const listed = (await member.get("/api/catalogue?limit=100")).body.items;
    expect(listed.find((c: { id: string }) => c.id === plain.id).credit).toBe(2);
    const mine = (await school.get(`/api/schools/${tree.school.id}/courses`)).body.items;
    expect(mine.find((c: { id: string }) => c.id === plain.id).credit).toBe(2);
    // A completion is credited by the table in force.
    const learner = await makeUser("learner", [[tree.branchA, "member"]]);
    const l = await as(learner);
    await l.post(`/api/courses/${plain.id}/lessons/${plain.lessonIds[0]}/progress`, { percent: 0 });
    await openedAgo(learner.id, plain.lessonIds[0]!, 30 * 60_000);
    const done = await l.post(`/api/courses/${plain.id}/lessons/${plain.lessonIds[0]}/progress`, { percent: 100 });
    expect(done.body.completion).toMatchObject({ status: "credited", hours: 2 });
  });

  it("its unlock share opens a course's checkpoint quiz", async () => {
    const bank = await makeBank(school, tree);
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.single, points: 1 }], { title: "单元测验" });
    const course = await publishedCourse(school, tree.school.id, [textLesson(), textLesson({ title: "第二课" })], {
      checkpointQuizId: quizId,
    });
    const learner = await makeUser("half", [[tree.branchA, "member"]]);
    const l = await as(learner);
    const lesson = course.lessonIds[0]!;
    await l.post(`/api/courses/${course.id}/lessons/${lesson}/progress`, { percent: 0 });
    await openedAgo(learner.id, lesson, 30 * 60_000);
    await l.post(`/api/courses/${course.id}/lessons/${lesson}/progress`, { percent: 100 });
    // Half studied, the default asks for 80 %.
    expect((await l.get(`/api/courses/${course.id}`)).body.checkpoint).toMatchObject({
      studiedPercent: 50,
      unlockPercent: 80,
      unlocked: false,
    });
    const locked = await l.post(`/api/quizzes/${quizId}/attempts`);
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("checkpoint_locked");
    const half = { kind: "checkpoint", fromYear: year, values: { unlockPercent: 50 }, source: "本校课程测试规则" };
    expect((await school.post(rulesUrl(tree.school.id), half)).status).toBe(201);
    expect((await l.get(`/api/courses/${course.id}`)).body.checkpoint).toMatchObject({ unlocked: true });
    expect((await l.post(`/api/quizzes/${quizId}/attempts`)).status).toBe(201);
  });
});

describe("plausibility as a committee rule", () => {
  it("the committee's shares decide which quick completions are flagged", async () => {
    const tree2 = await makeTree();
    const pub = await as(tree2.publisher);
    const { id, lessonIds } = await publishedCourse(pub, tree2.school.id, [textLesson({ minutes: 20 })]);
    const lesson = lessonIds[0]!;
    const finishIn = async (ms: number) => {
      const who = await makeUser("quick", [[tree2.branchA, "member"]]);
      const c = await as(who);
      await c.post(`/api/courses/${id}/lessons/${lesson}/progress`, { percent: 0 });
      await openedAgo(who.id, lesson, ms);
      return (await c.post(`/api/courses/${id}/lessons/${lesson}/progress`, { percent: 100 })).body;
    };
    // Default: a text must take at least 20 % of its 20 minutes (4 minutes).
    expect((await finishIn(3 * 60_000)).implausible).toBe(true);
    const rule = {
      kind: "plausibility",
      fromYear: year,
      values: { videoPercent: 50, textPercent: 10, documentPercent: 20 },
      source: "市委防刷课规则",
    };
    expect((await (await as(tree2.secA)).post(rulesUrl(tree2.committee.id), rule)).status).toBe(404);
    expect((await (await as(tree2.admin)).post(rulesUrl(tree2.committee.id), rule)).status).toBe(201);
    const quick = await finishIn(3 * 60_000);
    expect(quick.implausible).toBe(false);
    expect(quick.completion).toMatchObject({ status: "credited" });
    expect((await finishIn(60_000)).implausible).toBe(true);
    const reader = await as(await makeUser("reader", [[tree2.branchA, "member"]]));
    const read = await reader.get(`/api/courses/${id}/lessons/${lesson}`);
    expect(read.body.rule).toEqual({ completeAt: 100, countsAfterMs: 2 * 60_000 });
  });
});

describe("study years in the org's time zone", () => {
  it("yearRange cuts the year at local midnight of the zone", () => {
    expect(yearRange(2026)).toEqual([Date.parse("2025-12-31T16:00:00Z"), Date.parse("2026-12-31T16:00:00Z")]);
    expect(yearRange(2026, "America/New_York")).toEqual([
      Date.parse("2026-01-01T05:00:00Z"),
      Date.parse("2027-01-01T05:00:00Z"),
    ]);
    expect(yearOf(Date.parse("2026-01-01T03:00:00Z"), "America/New_York")).toBe(2025);
    expect(yearOf(Date.parse("2026-01-01T03:00:00Z"))).toBe(2026);
  });

  it("an hour credited at 03:00 UTC on Jan 1st counts for the year before in New York, not in Urumqi", async () => {
    const t = await makeTree();
    const a = await as(t.admin);
    // The committee moves to New York: its branches follow, unless they set their own zone (one unlike
    // their parent's: the same zone re-sent with a rename is no choice of their own).
    const own = await a.patch(`/api/orgs/${t.branchB.id}`, { timeZone: "Asia/Urumqi" });
    expect(own.status).toBe(200);
    expect((await a.patch(`/api/orgs/${t.committee.id}`, { timeZone: "America/New_York" })).status).toBe(200);
    const zone = async (id: string) =>
      (await db().select({ tz: orgs.timeZone }).from(orgs).where(eq(orgs.id, id)))[0]?.tz;
    expect(await zone(t.branchA.id)).toBe("America/New_York");
    expect(await zone(t.branchB.id)).toBe("Asia/Urumqi");
    const group = await postOrg(a, t.branchA.id, "第一党小组", "group");
    expect(group.body.timeZone).toBe("America/New_York");

    const pub = await as(t.publisher);
    const { id } = await publishedCourse(pub, t.school.id);
    const at = Date.parse("2026-01-01T03:00:00Z");
    for (const [user, org] of [
      [t.memA, t.branchA],
      [t.memB, t.branchB],
    ] as const) {
      await insertCompletion({
        userId: user.id,
        courseId: id,
        orgId: org.id,
        status: "credited",
        hours: 1,
        completedAt: at,
      });
    }
    expect((await reportRow(a, t.branchA.id, t.memA.id, 2025)).hours).toBe(1);
    expect((await reportRow(a, t.branchA.id, t.memA.id, 2026)).hours).toBe(0);
    expect((await reportRow(a, t.branchB.id, t.memB.id, 2025)).hours).toBe(0);
    expect((await reportRow(a, t.branchB.id, t.memB.id, 2026)).hours).toBe(1);
    // A zone that is not one is refused and changes nothing.
    expect((await a.patch(`/api/orgs/${t.committee.id}`, { timeZone: "Mars/Base" })).status).toBe(400);
    expect(await zone(t.branchA.id)).toBe("America/New_York");
  });
});
