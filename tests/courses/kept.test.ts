import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  courseCompletions,
  keptHomePages,
  keptStudyGenerations,
  keptStudyPages,
  memberships,
  offlineCredits,
  orgs,
  users,
} from "../../schema";
import { studyToDoReads } from "../../worker/courses/home";
import { myStudyText } from "../../worker/courses/kept";
import { memberStudy, myStudy } from "../../worker/courses/study";
import { offlineYearStatement } from "../../worker/courses/years";
import { yearRange } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { readBatch } from "../../worker/lib/sql";
import { as, type Client, db, makeTree, makeUser } from "../fixtures";
import { meterStatements } from "../lib/scale";
import { openedAgo, publishedCourse, textLesson } from "./helpers";

// "My study" is kept per member (worker/courses/kept.ts) and bumped stale by triggers on its inputs. After
// each kind of write the served answer must equal a fresh computation, and the read after it must come
// from the kept row. To tell the two apart, the kept row's text is marked after each check: a later read
// that still shows the mark was served from a row the write should have made stale.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let school: Client;

/** Whose study, as the session has it: the member's live memberships with their org paths. */
async function studier(id: string) {
  const held = await db()
    .select({ orgPath: orgs.path, role: memberships.role })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(and(eq(memberships.userId, id), isNull(memberships.endedAt), isNull(orgs.archivedAt)));
  return { id, memberships: held };
}

const fresh = async (id: string, now?: number) =>
  JSON.parse(JSON.stringify(await myStudy(db(), await studier(id), now)));

const keptRow = async (id: string) =>
  (await db().select().from(keptStudyPages).where(eq(keptStudyPages.userId, id)))[0];

/** Home's study part as the page shows it, computed afresh (the member has no quizzes: latest is a course). */
async function freshHome(id: string) {
  const part = studyToDoReads(await studier(id), Date.now());
  if (!part) return null;
  const { latestCourse, ...rest } = part.shape(await readBatch<unknown[]>(db(), part.queries));
  return { ...rest, latest: latestCourse && { kind: "course", attemptId: null, ...latestCourse } };
}
/** Home's study part as served, built from the kept study row (the kept home answers apart: dropped first). */
const homeOf = async (client: Client) => {
  await db().delete(keptHomePages);
  const { courses, coursesLeft, hours, latest } = (await client.get("/api/home")).body.member ?? {};
  return { courses, coursesLeft, hours, latest };
};

let marks = 0;
/**
 * Marks the kept row (a write to the kept table bumps nothing): my study's text gets a `kept` label, home's
 * part a count of courses left no page could show. A read showing a mark was served from the kept row.
 */
async function mark(id: string, label: string) {
  const row = await keptRow(id);
  if (!row) throw new Error(`no kept row for ${id}`);
  const marked = { ...JSON.parse(row.body), kept: label };
  const coursesLeft = -++marks;
  await db()
    .update(keptStudyPages)
    .set({
      body: JSON.stringify(marked),
      home: JSON.stringify({ ...JSON.parse(row.home), coursesLeft }),
      built: `mark-${marks}`, // a new build, so no isolate serves the body it held
    })
    .where(eq(keptStudyPages.userId, id));
  return marked;
}

/**
 * My study and home's study part equal a fresh computation; once marked, the next reads are the kept
 * row's. Home is read first every other time, so each page's read rebuilds the row in turn.
 */
async function servedFresh(client: Client, id: string, label: string) {
  const homeFirst = marks % 2 === 0;
  if (homeFirst) expect(await homeOf(client), label).toEqual(await freshHome(id));
  const served = await client.get("/api/study/mine");
  expect(served.status, label).toBe(200);
  expect(served.body, label).toEqual(await fresh(id));
  if (!homeFirst) expect(await homeOf(client), label).toEqual(await freshHome(id));
  const marked = await mark(id, label);
  expect((await client.get("/api/study/mine")).body, label).toEqual(marked);
  // Read again by this isolate, which now holds that build: D1 answers that it still holds, not its text.
  const again = await meterStatements(() => client.get("/api/study/mine"));
  expect(again.result.body, label).toEqual(marked);
  expect(again.statements.find((s) => s.sql.includes("kept_study_pages"))!.answered, label).toBeLessThan(100);
  expect((await homeOf(client)).coursesLeft, label).toBe(-marks);
}

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  school = await as(tree.publisher);
});

describe("my study kept per member", () => {
  it("after every kind of write that changes it, serves a fresh answer, then the kept one", async () => {
    const who = await makeUser("kept", [[tree.branchA, "member"]]);
    const member = await as(who);
    const secretary = await as(tree.secA);
    const now = Date.now();
    const c1 = await publishedCourse(school, tree.school.id, [textLesson(), textLesson({ title: "第二课" })]);
    const c2 = await publishedCourse(school, tree.school.id);
    const c3 = await publishedCourse(school, tree.school.id);
    const c4 = await publishedCourse(school, tree.school.id);
    const plan = await admin.post("/api/plans", {
      orgId: tree.committee.id,
      title: "年度学习计划",
      period: "year",
      year: new Date(now).getUTCFullYear(),
      items: [
        { courseId: c1.id, required: true, dueAt: now + 10 * DAY },
        { courseId: c2.id, required: false },
        // Never completed: due within the hour, so the page changes by time alone then.
        { courseId: c4.id, required: true, dueAt: now + HOUR },
      ],
    });
    expect(plan.status).toBe(201);
    await servedFresh(member, who.id, "first read");

    const progress = (courseId: string, lessonId: string, percent: number) =>
      member.post(`/api/courses/${courseId}/lessons/${lessonId}/progress`, { percent });
    await progress(c1.id, c1.lessonIds[0]!, 50);
    await servedFresh(member, who.id, "lesson progress");
    await progress(c1.id, c1.lessonIds[0]!, 80);
    await servedFresh(member, who.id, "lesson progress again");

    // A 20-minute text read to the end at once: completed, flagged (no credit yet).
    const flagged = await progress(c2.id, c2.lessonIds[0]!, 100);
    expect(flagged.body.completion.status).toBe("flagged");
    await servedFresh(member, who.id, "a flagged completion");
    const review = await secretary.post(`/api/completions/${flagged.body.completion.id}/review`, {
      decision: "accept",
    });
    expect(review.status).toBe(200);
    await servedFresh(member, who.id, "the flagged completion accepted");

    for (const lessonId of c1.lessonIds) {
      await progress(c1.id, lessonId, 10);
      await openedAgo(who.id, lessonId, 30 * 60_000);
      await progress(c1.id, lessonId, 100);
    }
    await servedFresh(member, who.id, "a course completed");
    // A completion corrected past the Worker (its hours alone, no study year written beside it).
    await db().update(courseCompletions).set({ hours: 3 }).where(eq(courseCompletions.id, flagged.body.completion.id));
    await servedFresh(member, who.id, "a completion corrected");

    // An org-life study meeting credits offline 学时 (written as orglife writes it, past this feature):
    // the credit first on its own (as an import or a transfer may write it), then its study year.
    const today = new Date(now + 8 * HOUR).toISOString().slice(0, 10);
    await db().insert(offlineCredits).values({
      id: newId(),
      userId: who.id,
      orgId: tree.branchA.id,
      sourceMeetingId: newId(),
      title: "集中学习",
      studiedOn: today,
      hours: 2,
      createdAt: now,
    });
    await servedFresh(member, who.id, "an offline credit");
    await db().batch([offlineYearStatement(db(), [who.id], Number(today.slice(0, 4)))]);
    await servedFresh(member, who.id, "its study year");

    const added = await admin.post(`/api/plans/${plan.body.id}/items`, {
      courseId: c3.id,
      required: true,
      dueAt: now + 5 * DAY,
    });
    expect(added.status).toBe(201);
    await servedFresh(member, who.id, "a plan item added");
    expect((await admin.request("DELETE", `/api/plans/${plan.body.id}/items/${added.body.id}`)).status).toBe(200);
    await servedFresh(member, who.id, "a plan item removed");

    expect((await school.patch(`/api/courses/${c1.id}`, { title: "改了名的课程" })).status).toBe(200);
    await servedFresh(member, who.id, "a course retitled");
    expect((await school.request("DELETE", `/api/courses/${c1.id}/lessons/${c1.lessonIds[1]}`)).status).toBe(200);
    await servedFresh(member, who.id, "a lesson removed");
    expect((await school.post(`/api/courses/${c1.id}/archive`)).status).toBe(200);
    await servedFresh(member, who.id, "a course unpublished");

    const rule = await admin.post(`/api/orgs/${tree.committee.id}/study-rules`, {
      kind: "quotas",
      fromYear: 2000,
      values: { member: 40, secretary: 60, cadre: 50 },
      source: "测试文件",
    });
    expect(rule.status).toBe(201);
    await servedFresh(member, who.id, "a new quota version");

    await db().update(users).set({ cadre: true }).where(eq(users.id, who.id));
    await servedFresh(member, who.id, "made a cadre");
    await db()
      .insert(memberships)
      .values({ id: newId(), userId: who.id, orgId: tree.branchA.id, role: "secretary", startedAt: now });
    await servedFresh(member, who.id, "made secretary");

    await db().update(orgs).set({ timeZone: "Asia/Urumqi" }).where(eq(orgs.id, tree.branchA.id));
    await servedFresh(member, who.id, "the branch's time zone changed");

    // Transferred to another branch (组织关系转接): the old memberships end, a new one starts.
    await db().batch([
      db().update(memberships).set({ endedAt: now }).where(eq(memberships.userId, who.id)),
      db()
        .insert(memberships)
        .values({ id: newId(), userId: who.id, orgId: tree.branchB.id, role: "member", startedAt: now }),
    ]);
    await servedFresh(member, who.id, "transferred in");

    // Time alone: the open course's due date passes, then the year ends in the branch's zone.
    const self = await studier(who.id);
    const at = async (t: number) => JSON.parse(await myStudyText(db(), self, t));
    const due = now + HOUR;
    const marked = await mark(who.id, "before the due date");
    expect(await at(due)).toEqual(marked);
    const overdue = await at(due + 1);
    expect(overdue).toEqual(await fresh(who.id, due + 1));
    expect(overdue.required.find((i: { courseId: string }) => i.courseId === c4.id).overdue).toBe(true);
    const year = overdue.year as number;
    const yearEnd = yearRange(year)[1];
    const beforeYearEnd = await mark(who.id, "before the year end");
    expect(await at(yearEnd - 1)).toEqual(beforeYearEnd);
    const nextYear = await at(yearEnd);
    expect(nextYear.year).toBe(year + 1);
    expect(nextYear).toEqual(await fresh(who.id, yearEnd));
  });

  it("a tenant-wide change bumps one epoch row, a member's own change only that member's row", async () => {
    const before = await db().select().from(keptStudyGenerations);
    const { id } = await publishedCourse(school, tree.school.id);
    expect((await school.patch(`/api/courses/${id}`, { title: "新标题" })).status).toBe(200);
    const after = await db().select().from(keptStudyGenerations);
    const epoch = (rows: typeof before) => rows.find((r) => r.key === "*")?.generation ?? 0;
    expect(epoch(after)).toBeGreaterThan(epoch(before));
    expect(after.length).toBe(before.length);
  });
});

describe("kept pages and secrecy", () => {
  it("one member's kept page never answers for another of the same branch", async () => {
    const a = await makeUser("keptA", [[tree.branchA, "member"]]);
    const b = await makeUser("keptB", [[tree.branchA, "member"]]);
    const c = await publishedCourse(school, tree.school.id);
    const plan = await admin.post("/api/plans", {
      orgId: tree.branchA.id,
      title: "支部计划",
      period: "year",
      year: 2026,
      items: [{ courseId: c.id, required: true }],
    });
    expect(plan.status).toBe(201);
    const [clientA, clientB] = [await as(a), await as(b)];
    await clientA.post(`/api/courses/${c.id}/lessons/${c.lessonIds[0]}/progress`, { percent: 40 });
    await servedFresh(clientA, a.id, "A's page");
    const pageB = (await clientB.get("/api/study/mine")).body;
    expect(pageB).toEqual(await fresh(b.id));
    expect(pageB.kept).toBeUndefined();
    expect(pageB.continue).toBeNull();
    expect(await homeOf(clientB)).toEqual(await freshHome(b.id));
    // Both read again: each gets their own kept row.
    expect((await clientA.get("/api/study/mine")).body.kept).toBe("A's page");
    expect((await clientB.get("/api/study/mine")).body).toEqual(pageB);
  });

  it("an overseer's drill-down is never served from the member's kept page nor written into it", async () => {
    const m = await makeUser("keptD", [[tree.branchA, "member"]]);
    const member = await as(m);
    await servedFresh(member, m.id, "the member's own page");
    const kept = await keptRow(m.id);
    const drill = await (await as(tree.secA)).get(`/api/study/members/${m.id}`);
    expect(drill.status).toBe(200);
    expect(drill.body.kept).toBeUndefined();
    expect(drill.body.continue).toBeUndefined();
    const { member: _who, ...study } = drill.body;
    expect(study).toEqual(
      JSON.parse(
        JSON.stringify(await memberStudy(db(), { id: m.id, held: [{ path: tree.branchA.path, role: "member" }] })),
      ),
    );
    expect(await keptRow(m.id)).toEqual(kept);
    // Without a kept page, the drill-down leaves none behind.
    await db().delete(keptStudyPages).where(eq(keptStudyPages.userId, m.id));
    expect((await (await as(tree.secA)).get(`/api/study/members/${m.id}`)).status).toBe(200);
    expect(await keptRow(m.id)).toBeUndefined();
  });

  it("a member whose membership ended is not served the page kept for their old branch", async () => {
    const m = await makeUser("keptE", [[tree.branchA, "member"]]);
    const member = await as(m);
    await servedFresh(member, m.id, "kept in branch A");
    await db().update(memberships).set({ endedAt: Date.now() }).where(eq(memberships.userId, m.id));
    // Even with the generation put back as if no trigger had fired, the memberships it was built for differ.
    const [gen] = await db().select().from(keptStudyGenerations).where(eq(keptStudyGenerations.key, m.id));
    await db().update(keptStudyPages).set({ generation: gen!.generation }).where(eq(keptStudyPages.userId, m.id));
    const page = (await member.get("/api/study/mine")).body;
    expect(page.kept).toBeUndefined();
    expect(page).toEqual(await fresh(m.id));
    expect(page.required).toEqual([]);
  });
});
