import { and, eq, inArray, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { branchStudyMonths, courseCompletions, memberships, offlineCredits, orgs, users } from "../../schema";
import { dayIn } from "../../worker/lib/day";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { plan, present, record } from "../orglife/helpers";
import { insertCompletion, openedAgo, publishedCourse, textLesson } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let school: Client;
let secA: Client;
// The study year in Asia/Shanghai (the test tree's zone).
const year = Number(dayIn(Date.now(), "Asia/Shanghai").slice(0, 4));
const shanghai = (date: string, time: string) => Date.parse(`${date}T${time}+08:00`);

interface Month {
  month: number;
  onlineHours: number;
  offlineHours: number;
  completions: number;
}
const empty = (): Month[] =>
  Array.from({ length: 12 }, (_, i) => ({ month: i + 1, onlineHours: 0, offlineHours: 0, completions: 0 }));

/**
 * The months of an org's current active members (as the study report lists them) summed afresh from the
 * source rows: credited completions by their day in the org's zone, offline credits by the meeting's day.
 */
async function fresh(orgId: string, y: number) {
  const [org] = await db().select().from(orgs).where(eq(orgs.id, orgId));
  const members = await db()
    .select({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "member"), isNull(memberships.endedAt)));
  const ids = members.map((m) => m.id);
  const months = empty();
  if (!ids.length) return months;
  for (const c of await db().select().from(courseCompletions).where(inArray(courseCompletions.userId, ids))) {
    const day = dayIn(c.completedAt, org!.timeZone);
    if (c.status !== "credited" || !day.startsWith(`${y}-`)) continue;
    const m = months[Number(day.slice(5, 7)) - 1]!;
    m.onlineHours += c.hours;
    m.completions++;
  }
  for (const o of await db().select().from(offlineCredits).where(inArray(offlineCredits.userId, ids))) {
    if (o.studiedOn.startsWith(`${y}-`)) months[Number(o.studiedOn.slice(5, 7)) - 1]!.offlineHours += o.hours;
  }
  return months;
}

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
  expect(served.body).toEqual({ year: y, months: await fresh(orgId, y) });
  expect((await keptRows(orgId, y)).length).toBe(12);
  return served.body.months as Month[];
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

describe("a branch's study per month, kept", () => {
  it("equals a fresh sum from the source rows after every kind of write", async () => {
    const member = await makeUser("months-member", [[tree.branchA, "member"]]);
    const c1 = await publishedCourse(school, tree.school.id);
    const c2 = await publishedCourse(school, tree.school.id);
    // Built on the first read: nothing studied yet.
    expect(await expectInStep(tree.branchA.id, false)).toEqual(empty());
    await expectInStep(tree.branchB.id, false);

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

    // A lesson studied to the end credits the course through the Worker's own write.
    expect((await study(tree.memA, c2.id, c2.lessonIds[0]!, 3_600_000)).status).toBe("credited");
    await expectInStep(tree.branchA.id, true);

    // Too quick: flagged (nothing counts), then accepted by the secretary (counts).
    const quick = await publishedCourse(school, tree.school.id, [textLesson({ minutes: 60 })], { title: "快课" });
    const flagged = await study(member, quick.id, quick.lessonIds[0]!, 1_000);
    expect(flagged.status).toBe("flagged");
    const beforeAccept = await expectInStep(tree.branchA.id, true);
    expect((await secA.post(`/api/completions/${flagged.id}/review`, { decision: "accept" })).status).toBe(200);
    const afterAccept = await expectInStep(tree.branchA.id, true);
    const total = (ms: Month[]) => ms.reduce((s, m) => s + m.completions, 0);
    expect(total(afterAccept)).toBe(total(beforeAccept) + 1);

    // Offline 学时 from a study meeting, corrected away, then given again.
    const meeting = await plan(secA, tree.branchA.id, { courseId: c1.id, studyHours: 2 });
    expect((await record(secA, meeting, present(member.id, tree.memA.id))).status).toBe(200);
    const offline = await expectInStep(tree.branchA.id, true);
    expect(offline.reduce((s, m) => s + m.offlineHours, 0)).toBe(4);
    expect((await record(secA, meeting, [{ userId: member.id, status: "absent" }])).status).toBe(200);
    await expectInStep(tree.branchA.id, true);
    expect((await record(secA, meeting, present(member.id))).status).toBe(200);
    await expectInStep(tree.branchA.id, true);

    // A transfer: the member's months leave branch A with them and arrive in branch B.
    const inA = await expectInStep(tree.branchA.id, true);
    expect((await admin.post(`/api/users/${member.id}/transfer`, { toOrgId: tree.branchB.id })).status).toBe(200);
    const leftA = await expectInStep(tree.branchA.id, false);
    expect(leftA).not.toEqual(inA);
    await expectInStep(tree.branchB.id, false);

    // Deactivated: off branch B's chart as they are off its table.
    expect((await admin.post(`/api/users/${member.id}/deactivate`)).status).toBe(200);
    await expectInStep(tree.branchB.id, false);

    // The next year's first hour in Shanghai is that year's, not this one's.
    await expectInStep(tree.branchA.id, true);
    await expectInStep(tree.branchA.id, false, year + 1);
    await insertCompletion({
      userId: tree.secA.id,
      courseId: c1.id,
      orgId: tree.branchA.id,
      status: "credited",
      hours: 1,
      completedAt: shanghai(`${year + 1}-01-01`, "00:10:00"),
    });
    expect((await expectInStep(tree.branchA.id, true, year + 1))[0]!.onlineHours).toBe(1);
    await expectInStep(tree.branchA.id, true);

    // The branch moves to a zone 13 hours behind: the rows go and come back in the new zone's months.
    await db().update(orgs).set({ timeZone: "America/New_York" }).where(eq(orgs.id, tree.branchA.id));
    const newYork = await expectInStep(tree.branchA.id, false, year + 1);
    expect(newYork[0]!.onlineHours).toBe(0);
    await db().update(orgs).set({ timeZone: "Asia/Shanghai" }).where(eq(orgs.id, tree.branchA.id));

    // Kept by the writes or built afresh, the rows agree.
    const kept = await expectInStep(tree.branchA.id, false);
    await db().delete(branchStudyMonths).where(eq(branchStudyMonths.orgId, tree.branchA.id));
    expect(await expectInStep(tree.branchA.id, false)).toEqual(kept);
  });

  it("a committee's chart sums its branches'", async () => {
    const [a, b, all] = await Promise.all([
      chart(admin, tree.branchA.id),
      chart(admin, tree.branchB.id),
      chart(admin, tree.committee.id),
    ]);
    const sum = (x: Month[], y: Month[]) =>
      x.map((m, i) => ({
        month: m.month,
        onlineHours: m.onlineHours + y[i]!.onlineHours,
        offlineHours: m.offlineHours + y[i]!.offlineHours,
        completions: m.completions + y[i]!.completions,
      }));
    expect(all.body.months).toEqual(sum(a.body.months, b.body.months));
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
