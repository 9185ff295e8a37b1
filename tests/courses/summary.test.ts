import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { courseCompletions, memberships, offlineCredits, orgs, studyYears } from "../../schema";
import { lessonForReader } from "../../worker/courses/progress";
import { studyReport } from "../../worker/courses/report";
import { myStudy } from "../../worker/courses/study";
import { yearOf, yearRange } from "../../worker/lib/day";
import { as, type Client, db, makeOrg, makeTree, makeUser, sessionUserOf } from "../fixtures";
import { meteredDb } from "../lib/scale";
import { plan, present, record } from "../orglife/helpers";
import { countingDb } from "../vanguard/helpers";
import { course, openedAgo, publishedCourse, textLesson } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let school: Client;
let secA: Client;
const year = yearOf(Date.now());

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  school = await as(tree.publisher);
  secA = await as(tree.secA);
});

/** The member's 学时 of a year summed afresh from the source rows, in their current branch's zone. */
async function fresh(userId: string, y: number) {
  const [branch] = await db()
    .select({ zone: orgs.timeZone })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "member"), isNull(memberships.endedAt)));
  const [from, to] = yearRange(y, branch?.zone);
  const done = await db().select().from(courseCompletions).where(eq(courseCompletions.userId, userId));
  const offline = await db().select().from(offlineCredits).where(eq(offlineCredits.userId, userId));
  return {
    hours: done
      .filter((c) => c.status === "credited" && c.completedAt >= from && c.completedAt < to)
      .reduce((s, c) => s + c.hours, 0),
    offlineHours: offline.filter((c) => c.studiedOn.startsWith(`${y}-`)).reduce((s, c) => s + c.hours, 0),
  };
}

/** What the summary row says (no row: nothing yet). */
async function kept(userId: string, y: number) {
  const [row] = await db()
    .select()
    .from(studyYears)
    .where(and(eq(studyYears.userId, userId), eq(studyYears.year, y)));
  return { hours: row?.onlineHours ?? 0, offlineHours: row?.offlineHours ?? 0 };
}

/** The summary, the member's own page and their report row all equal a fresh sum. */
async function expectInStep(member: { id: string; username: string }, branchId: string) {
  const want = await fresh(member.id, year);
  expect(await kept(member.id, year)).toEqual(want);
  const mine = (await (await as(member)).get("/api/study/mine")).body;
  expect({ hours: mine.hours, offlineHours: mine.offlineHours }).toEqual(want);
  const report = await admin.get(`/api/orgs/${branchId}/study-report?limit=200`);
  const row = report.body.items.find((m: { userId: string }) => m.userId === member.id);
  expect({ hours: row.hours, offlineHours: row.offlineHours }).toEqual(want);
  return want;
}

async function study(member: { id: string; username: string }, courseId: string, lessonId: string, ago = 3_600_000) {
  const c = await as(member);
  await c.post(`/api/courses/${courseId}/lessons/${lessonId}/progress`, { percent: 10 });
  await openedAgo(member.id, lessonId, ago);
  const r = await c.post(`/api/courses/${courseId}/lessons/${lessonId}/progress`, { percent: 100 });
  expect(r.status).toBe(200);
  return r.body;
}

describe("study years kept by the writes", () => {
  it("equal a fresh sum after a lesson, a flagged completion accepted, offline credit, a quota change, a move and an end", async () => {
    const member = await makeUser("summary-member", [[tree.branchA, "member"]]);
    const { id: courseId, lessonIds } = await publishedCourse(school, tree.school.id);
    // Nothing studied yet: no row, and every reader says 0.
    expect(await expectInStep(member, tree.branchA.id)).toEqual({ hours: 0, offlineHours: 0 });

    // A lesson studied to the end credits the course.
    const done = await study(member, courseId, lessonIds[0]!);
    expect(done.completion.status).toBe("credited");
    expect((await expectInStep(member, tree.branchA.id)).hours).toBeGreaterThan(0);

    // Completed too fast: flagged (no credit), then accepted by the secretary (credit).
    const quick = await publishedCourse(school, tree.school.id, [textLesson({ minutes: 60 })], { title: "快课" });
    const flagged = await study(member, quick.id, quick.lessonIds[0]!, 1_000);
    expect(flagged.completion.status).toBe("flagged");
    const before = await expectInStep(member, tree.branchA.id);
    const accepted = await secA.post(`/api/completions/${flagged.completion.id}/review`, { decision: "accept" });
    expect(accepted.status).toBe(200);
    expect((await expectInStep(member, tree.branchA.id)).hours).toBeGreaterThan(before.hours);

    // Offline 学时 from a study meeting, then corrected away.
    const meeting = await plan(secA, tree.branchA.id, { courseId, studyHours: 2 });
    expect((await record(secA, meeting, present(member.id))).status).toBe(200);
    expect((await expectInStep(member, tree.branchA.id)).offlineHours).toBe(2);
    expect((await record(secA, meeting, [{ userId: member.id, status: "absent" }])).status).toBe(200);
    expect((await expectInStep(member, tree.branchA.id)).offlineHours).toBe(0);
    expect((await record(secA, meeting, present(member.id))).status).toBe(200);

    // A new quota version: hours stay as they are (the quota is read with the rules, never kept), the quota follows.
    const quota = await admin.post(`/api/orgs/${tree.committee.id}/study-rules`, {
      kind: "quotas",
      fromYear: year,
      values: { member: 44, secretary: 60, cadre: 50 },
      source: "某市委文件",
    });
    expect(quota.status).toBe(201);
    const hours = await expectInStep(member, tree.branchA.id);
    expect((await (await as(member)).get("/api/study/mine")).body.quota).toBe(44);

    // Moved to branch B: the same hours go with them, branch A's report no longer lists them.
    expect((await admin.post(`/api/users/${member.id}/transfer`, { toOrgId: tree.branchB.id })).status).toBe(200);
    expect(await expectInStep(member, tree.branchB.id)).toEqual(hours);
    const reportA = await admin.get(`/api/orgs/${tree.branchA.id}/study-report?limit=200`);
    expect(reportA.body.items.map((m: { userId: string }) => m.userId)).not.toContain(member.id);

    // Deactivated: off the report, the kept year still equal to a fresh sum.
    expect((await admin.post(`/api/users/${member.id}/deactivate`)).status).toBe(200);
    const reportB = await admin.get(`/api/orgs/${tree.branchB.id}/study-report?limit=200`);
    expect(reportB.body.items.map((m: { userId: string }) => m.userId)).not.toContain(member.id);
    expect(await kept(member.id, year)).toEqual(await fresh(member.id, year));
  });
});

describe("a study report page", () => {
  it("reads the same statements and rows whatever the size of the subtree beyond the page", async () => {
    const committee = await makeOrg(null, "规模市委", "committee");
    const addBranches = async (n: number) => {
      for (let b = 0; b < n; b++) {
        const branch = await makeOrg(committee, `规模支部${b}`, "branch");
        for (let m = 0; m < 12; m++) await makeUser(`规模党员${m}`, [[branch, "member"]]);
      }
    };
    const [org] = await db().select().from(orgs).where(eq(orgs.id, committee.id));
    const pageOf = async (offset: number) => {
      const { db: metered, meter } = meteredDb();
      const r = await studyReport(metered, org!, { limit: 10, offset });
      return { meter, shown: r.members.length, more: r.nextOffset };
    };
    await addBranches(3);
    const small = [await pageOf(0), await pageOf(10)];
    await addBranches(12);
    const large = [await pageOf(0), await pageOf(10)];
    for (const pages of [small, large]) {
      expect(pages.map((p) => [p.shown, p.more])).toEqual([
        [10, 10],
        [10, 20],
      ]);
    }
    // 15 branches and 180 members instead of 3 and 36 (each new member makes the kept page stale, so every
    // page here is computed): the kept page's lookup, then the same 3 statements beside the stamp, then the page
    // stored beside the pruning of its org's stale pages (worker/lib/kept.ts), and the same rows read to
    // within one branch's 12 members (branch paths are random, so where a page ends inside a branch and
    // which index steps D1 counts vary), where reading the subtree would add 144 or more.
    for (const [i, p] of large.entries()) {
      expect(p.meter.statements).toBe(7);
      expect(Math.abs(p.meter.rowsRead - small[i]!.meter.rowsRead)).toBeLessThanOrEqual(12);
    }
  });
});

describe("a member's daily pages", () => {
  it("my study and a lesson are one round trip each after the session; a lesson keeps its course's visibility", async () => {
    const { id: courseId, lessonIds } = await publishedCourse(school, tree.school.id);
    const b = tree.branchA;
    const user = sessionUserOf(tree.memA, [[b, "member", "branch"]]);
    const { db: counted, counts } = countingDb();
    await myStudy(counted, user);
    expect(counts).toEqual({ statements: 6, roundTrips: 1 });
    const lesson = await lessonForReader({ db: counted, user }, courseId, lessonIds[0]!);
    expect(lesson.courseTitle).toBe("加强基层服务型党组织建设");
    expect(counts).toEqual({ statements: 7, roundTrips: 2 });
    // A draft's lesson, another tree's, a removed lesson: 404 as before, whoever asks.
    const draft = await school.post("/api/courses", course(tree.school.id));
    const draftLesson = await school.post(`/api/courses/${draft.body.id}/lessons`, textLesson());
    const member = await as(tree.memA);
    expect((await member.get(`/api/courses/${draft.body.id}/lessons/${draftLesson.body.id}`)).status).toBe(404);
    const elsewhere = await makeTree();
    const outsider = await as(elsewhere.memA);
    expect((await outsider.get(`/api/courses/${courseId}/lessons/${lessonIds[0]}`)).status).toBe(404);
    expect((await member.get(`/api/courses/${courseId}/lessons/nope`)).body.error.code).toBe("not_found");
  });
});
