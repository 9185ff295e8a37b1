import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { branchStudyMonths, courseCompletions, memberships, orgs, users } from "../../schema";
import { branchMonths } from "../../worker/courses/branch-months";
import { dayIn } from "../../worker/lib/day";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { moveOrg } from "../../worker/orgs/service";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { addBranches, meterStatements, tally } from "../lib/scale";
import { plan, present, record } from "../orglife/helpers";
import {
  emptyMonths,
  freshMonths,
  insertCompletion,
  type Month,
  openedAgo,
  publishedCourse,
  textLesson,
} from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let school: Client;
let secA: Client;
// The study year in Asia/Shanghai (the test tree's zone).
const year = Number(dayIn(Date.now(), "Asia/Shanghai").slice(0, 4));
const shanghai = (date: string, time: string) => Date.parse(`${date}T${time}+08:00`);

const keptRows = (orgId: string, y: number) =>
  db()
    .select()
    .from(branchStudyMonths)
    .where(and(eq(branchStudyMonths.orgId, orgId), eq(branchStudyMonths.year, y)));

const chart = async (c: Client, orgId: string, y = year) => c.get(`/api/orgs/${orgId}/study-report/months?year=${y}`);

/** The served chart equals a fresh sum; `keptBefore`: the write left the rows in place (its trigger kept them). */
async function expectInStep(orgId: string, keptBefore: boolean, y = year) {
  expect((await keptRows(orgId, y)).length).toBe(keptBefore ? 12 : 0);
  const served = await chart(admin, orgId, y);
  expect(served.status).toBe(200);
  expect(served.body).toEqual({ year: y, months: await freshMonths(orgId, y) });
  expect((await keptRows(orgId, y)).length).toBe(12);
  return served.body.months as Month[];
}

/** After a write the branches' and the committee's charts still equal fresh sums, from rows kept in place. */
async function allInStep() {
  for (const id of [tree.branchA.id, tree.branchB.id, tree.committee.id]) await expectInStep(id, true);
}

async function study(member: { id: string; username: string }, courseId: string, lessonId: string, ago: number) {
  const c = await as(member);
  await c.post(`/api/courses/${courseId}/lessons/${lessonId}/progress`, { percent: 10 });
  await openedAgo(member.id, lessonId, ago);
  const r = await c.post(`/api/courses/${courseId}/lessons/${lessonId}/progress`, { percent: 100 });
  expect(r.status).toBe(200);
  return r.body.completion as { id: string; status: string };
}

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  school = await as(tree.publisher);
  secA = await as(tree.secA);
});

describe("an org's study per month, kept", () => {
  it("equals a fresh sum over its subtree after every kind of write", async () => {
    const member = await makeUser("months-member", [[tree.branchA, "member"]]);
    const c1 = await publishedCourse(school, tree.school.id);
    const c2 = await publishedCourse(school, tree.school.id);
    // Built on the first read: nothing studied yet.
    expect(await expectInStep(tree.branchA.id, false)).toEqual(emptyMonths());
    await expectInStep(tree.branchB.id, false);
    await expectInStep(tree.committee.id, false);

    // A credit just after midnight on 1 January in Shanghai (still 31 December in UTC) counts in January.
    await insertCompletion({
      userId: member.id,
      courseId: c1.id,
      orgId: tree.branchA.id,
      status: "credited",
      hours: 2,
      completedAt: shanghai(`${year}-01-01`, "00:30:00"),
    });
    expect((await expectInStep(tree.branchA.id, true))[0]).toEqual({
      month: 1,
      onlineHours: 2,
      offlineHours: 0,
      completions: 1,
    });
    await allInStep();

    // A lesson studied to the end credits the course through the Worker's own write.
    expect((await study(tree.memA, c2.id, c2.lessonIds[0]!, 3_600_000)).status).toBe("credited");
    await allInStep();

    // Too quick: flagged (nothing counts), then accepted by the secretary (counts).
    const quick = await publishedCourse(school, tree.school.id, [textLesson({ minutes: 60 })], { title: "快课" });
    const flagged = await study(member, quick.id, quick.lessonIds[0]!, 1_000);
    expect(flagged.status).toBe("flagged");
    const beforeAccept = await expectInStep(tree.committee.id, true);
    expect((await secA.post(`/api/completions/${flagged.id}/review`, { decision: "accept" })).status).toBe(200);
    const afterAccept = await expectInStep(tree.committee.id, true);
    const total = (ms: Month[]) => ms.reduce((s, m) => s + m.completions, 0);
    expect(total(afterAccept)).toBe(total(beforeAccept) + 1);
    await allInStep();

    // Offline 学时 from a study meeting, corrected away, then given again.
    const meeting = await plan(secA, tree.branchA.id, { courseId: c1.id, studyHours: 2 });
    expect((await record(secA, meeting, present(member.id, tree.memA.id))).status).toBe(200);
    const offline = await expectInStep(tree.branchA.id, true);
    expect(offline.reduce((s, m) => s + m.offlineHours, 0)).toBe(4);
    await allInStep();
    expect((await record(secA, meeting, [{ userId: member.id, status: "absent" }])).status).toBe(200);
    await allInStep();
    expect((await record(secA, meeting, present(member.id))).status).toBe(200);
    await allInStep();

    // A transfer: the member's months leave branch A with them and arrive in branch B; the committee keeps them.
    const [inA, inCommittee] = [await expectInStep(tree.branchA.id, true), await expectInStep(tree.committee.id, true)];
    expect((await admin.post(`/api/users/${member.id}/transfer`, { toOrgId: tree.branchB.id })).status).toBe(200);
    expect(await expectInStep(tree.branchA.id, true)).not.toEqual(inA);
    expect(await expectInStep(tree.committee.id, true)).toEqual(inCommittee);
    await allInStep();

    // Joins branch A again while still in B: one person, counted once at the committee.
    expect((await admin.post(`/api/users/${member.id}/roles`, { orgId: tree.branchA.id, role: "member" })).status).toBe(
      201,
    );
    expect(await expectInStep(tree.committee.id, true)).toEqual(inCommittee);
    await allInStep();
    // Leaves branch A again: still once at the committee.
    const leave = { orgId: tree.branchA.id, role: "member" };
    expect((await admin.post(`/api/users/${member.id}/roles/revoke`, leave)).status).toBe(200);
    expect(await expectInStep(tree.committee.id, true)).toEqual(inCommittee);
    await allInStep();

    // Deactivated: off branch B's chart and the committee's as they are off its table.
    expect((await admin.post(`/api/users/${member.id}/deactivate`)).status).toBe(200);
    expect(await expectInStep(tree.committee.id, true)).not.toEqual(inCommittee);
    await allInStep();

    // Branch B moves under a new district committee (the city keeps its people), then out of the city.
    const district = await makeOrg(tree.committee, "新区党委", "committee");
    const byId = async (id: string) => (await db().select().from(orgs).where(eq(orgs.id, id)))[0]!;
    await expectInStep(district.id, false);
    const moved = await admin.post(`/api/orgs/${tree.branchB.id}/move`, { parentId: district.id });
    expect(moved.status).toBe(200);
    await expectInStep(district.id, true);
    await allInStep();
    const elsewhere = await makeOrg(null, "外市委", "committee");
    await moveOrg(db(), tree.admin.id, await byId(tree.branchB.id), await byId(elsewhere.id));
    await expectInStep(district.id, true);
    await expectInStep(tree.committee.id, true);
    await moveOrg(db(), tree.admin.id, await byId(tree.branchB.id), await byId(district.id));
    await allInStep();

    // An emptied branch archived: nothing of it was counted, nothing changes.
    const emptied = await makeOrg(tree.committee, "撤并支部", "branch");
    const leaver = await makeUser("months-leaver", [[emptied, "member"]]);
    await insertCompletion({
      userId: leaver.id,
      courseId: c2.id,
      orgId: emptied.id,
      status: "credited",
      hours: 0.7,
      completedAt: Date.now() - 60_000,
    });
    await allInStep();
    expect((await admin.post(`/api/users/${leaver.id}/transfer`, { toOrgId: tree.branchA.id })).status).toBe(200);
    await allInStep();
    expect((await admin.post(`/api/orgs/${emptied.id}/archive`)).status).toBe(200);
    await allInStep();

    // The next year's first hour in Shanghai is that year's, not this one's.
    await expectInStep(tree.branchA.id, false, year + 1);
    await expectInStep(tree.committee.id, false, year + 1);
    await insertCompletion({
      userId: tree.secA.id,
      courseId: c1.id,
      orgId: tree.branchA.id,
      status: "credited",
      hours: 1,
      completedAt: shanghai(`${year + 1}-01-01`, "00:10:00"),
    });
    expect((await expectInStep(tree.branchA.id, true, year + 1))[0]!.onlineHours).toBe(1);
    expect((await expectInStep(tree.committee.id, true, year + 1))[0]!.onlineHours).toBe(1);
    await allInStep();

    // The branch moves to a zone 13 hours behind: the rows go and come back in the new zone's months.
    await db().update(orgs).set({ timeZone: "America/New_York" }).where(eq(orgs.id, tree.branchA.id));
    const newYork = await expectInStep(tree.branchA.id, false, year + 1);
    expect(newYork[0]!.onlineHours).toBe(0);
    await db().update(orgs).set({ timeZone: "Asia/Shanghai" }).where(eq(orgs.id, tree.branchA.id));

    // Kept by the writes or built afresh, the rows agree.
    const kept = await expectInStep(tree.committee.id, true);
    await db().delete(branchStudyMonths).where(eq(branchStudyMonths.orgId, tree.committee.id));
    expect(await expectInStep(tree.committee.id, false)).toEqual(kept);
  });
});

describe("a committee's chart at the size of a city", () => {
  it("reads the same statements and rows at 100 branches as at 2,000, and equals a fresh sum", async () => {
    const city = await makeOrg(null, "规模测试市委", "committee");
    const course = await publishedCourse(school, tree.school.id);
    // A member a branch, each with a course credited this month.
    const members = (branches: { id: string }[]) => {
      const now = Date.now();
      const people = branches.map((b) => ({ id: newId(), orgId: b.id }));
      return [
        ...chunkedInserts(
          db(),
          users,
          people.map((p) => ({
            id: p.id,
            username: `city-${p.id}`,
            displayName: "城员",
            createdAt: now,
            updatedAt: now,
          })),
        ),
        ...chunkedInserts(
          db(),
          memberships,
          people.map((p) => ({ id: newId(), userId: p.id, orgId: p.orgId, role: "member" as const, startedAt: now })),
        ),
        ...chunkedInserts(
          db(),
          courseCompletions,
          people.map((p) => ({
            id: newId(),
            userId: p.id,
            courseId: course.id,
            orgId: p.orgId,
            status: "credited" as const,
            hours: 0.5,
            checkpointPassed: true,
            completedAt: now - 60_000,
          })),
        ),
      ];
    };
    const [cityRow] = await db().select().from(orgs).where(eq(orgs.id, city.id));
    const read = () => meterStatements(() => branchMonths(db(), cityRow!, year));
    await addBranches(city, 100, members);
    await read(); // builds the city's rows of the year
    const small = await read();
    await addBranches(city, 1900, members);
    const large = await read();
    expect(tally(large)).toEqual(tally(small));
    expect(large.rowsRead).toBe(small.rowsRead);
    // Its own 12 rows (and the index step past them), not a row per branch.
    expect(large.rowsRead).toBeLessThanOrEqual(13);
    expect(large.result).toEqual({ year, months: await freshMonths(city.id, year) });
    const month = Number(dayIn(Date.now(), "Asia/Shanghai").slice(5, 7));
    expect(large.result.months[month - 1]).toMatchObject({ completions: 2000, onlineHours: 1000 });
    console.log(`committee chart: ${small.rowsRead} rows at 100 branches, ${large.rowsRead} at 2,000`);
  });
});

describe("who reads a branch's months", () => {
  it("only its overseers: another branch's secretary gets 404, a member 403, an outsider 404", async () => {
    expect((await chart(secA, tree.branchA.id)).status).toBe(200);
    expect((await chart(await as(tree.secB), tree.branchA.id)).status).toBe(404);
    expect((await chart(await as(tree.memA), tree.branchA.id)).status).toBe(403);
    const outsideTree = await makeOrg(null, "外市委", "committee");
    const outsider = await makeUser("months-outsider", [[outsideTree, "admin"]]);
    expect((await chart(await as(outsider), tree.branchA.id)).status).toBe(404);
  });

  it("a secretary cannot difference the committee's chart against their own branch's to learn another branch's", async () => {
    const committee = await chart(secA, tree.committee.id);
    expect([403, 404]).toContain(committee.status);
    expect(committee.body.months).toBeUndefined();
  });

  it("a one-member branch's chart tells its overseers only what its table already shows them by name", async () => {
    const lone = await makeOrg(tree.committee, "独人支部", "branch");
    const only = await makeUser("months-lone", [[lone, "member"]]);
    const c = await publishedCourse(school, tree.school.id);
    await insertCompletion({
      userId: only.id,
      courseId: c.id,
      orgId: lone.id,
      status: "credited",
      hours: 1.5,
      completedAt: Date.now() - 60_000,
    });
    const months = (await chart(admin, lone.id)).body.months as Month[];
    const table = (await admin.get(`/api/orgs/${lone.id}/study-report`)).body.items;
    expect(table.map((r: { userId: string }) => r.userId)).toEqual([only.id]);
    expect(months.reduce((s, m) => s + m.onlineHours, 0)).toBe(table[0].hours);
  });

  it("refuses a year out of range with a clear 400", async () => {
    const r = await admin.get(`/api/orgs/${tree.branchA.id}/study-report/months?year=1899`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_input");
  });
});
