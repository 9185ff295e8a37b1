import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, courseCompletions, lessonVersions } from "../../schema";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { course, openedAgo, postPlan, publishedCourse, textLesson } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let school: Client;
let admin: Client;
let member: Client;
let secretary: Client;

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  admin = await as(tree.admin);
  member = await as(tree.memA);
  secretary = await as(tree.secA);
});

describe("publishing", () => {
  it("creates a draft, adds lessons, renders Markdown safely and publishes", async () => {
    const created = await school.post("/api/courses", course(tree.school.id, { title: "草稿课程" }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const evil = "# 标题\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))";
    const lesson = await school.post(`/api/courses/${id}/lessons`, textLesson({ body: evil }));
    expect(lesson.status).toBe(201);
    const read = await school.get(`/api/courses/${id}/lessons/${lesson.body.id}`);
    expect(read.status).toBe(200);
    const html: string = read.body.lesson.bodyHtml;
    expect(html).toContain("<h1>标题</h1>");
    expect(html).not.toMatch(/<script|<img|<[^>]*\son\w+=|href="javascript/i);
    const list = await school.get(`/api/schools/${tree.school.id}/courses?status=draft`);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await school.post(`/api/courses/${id}/publish`)).body.status).toBe("published");
    expect((await school.post(`/api/courses/${id}/publish`)).status).toBe(409);
    expect((await school.post(`/api/courses/${id}/archive`)).body.status).toBe("archived");
  });

  it("refuses to publish an empty course and lessons missing their content", async () => {
    const { body } = await school.post("/api/courses", course(tree.school.id));
    const empty = await school.post(`/api/courses/${body.id}/publish`);
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe("course_without_lessons");
    expect(empty.body.error.message).toMatch(/lesson/);
    expect((await school.get(`/api/schools/${tree.school.id}/courses?status=draft`)).body.items).toContainEqual(
      expect.objectContaining({ id: body.id, status: "draft" }),
    );
    const noVideo = await school.post(`/api/courses/${body.id}/lessons`, { kind: "video", title: "v", minutes: 5 });
    expect(noVideo.status).toBe(422);
    const bad = await school.post(`/api/courses/${body.id}/lessons`, { kind: "text", title: "", minutes: 0 });
    expect(bad.status).toBe(400);
    expect((await school.post("/api/courses", { ...course(tree.school.id), category: "nope" })).status).toBe(400);
    // Courses belong to a school org.
    const wrongOrg = await admin.post("/api/courses", course(tree.branchA.id));
    expect(wrongOrg.status).toBe(422);
  });
});

describe("the school's course list", () => {
  it("counts each course's own live lessons, and says its minutes and credit hours apart", async () => {
    const { body } = await school.post("/api/courses", course(tree.school.id, { title: "三课" }));
    const ids: string[] = [];
    for (const title of ["一", "二", "三"])
      ids.push((await school.post(`/api/courses/${body.id}/lessons`, textLesson({ title }))).body.id);
    expect((await school.request("DELETE", `/api/courses/${body.id}/lessons/${ids[0]}`)).status).toBe(200);
    const list = await school.get(`/api/schools/${tree.school.id}/courses?status=draft&limit=100`);
    // Two live 20-minute lessons: 40 minutes, 1 学时 by the default conversion.
    const mine = { lessons: 2, minutes: 40, credit: 1 };
    expect(list.body.items.find((c: { id: string }) => c.id === body.id)).toMatchObject(mine);
    expect((await school.post(`/api/courses/${body.id}/publish`)).status).toBe(200);
    const shelf = await member.get(`/api/catalogue?limit=100`);
    expect(shelf.body.items.find((c: { id: string }) => c.id === body.id)).toMatchObject(mine);
  });
});

describe("a plan's items", () => {
  it("are changed only by an assigner over the plan's own org (its path, not the caller's)", async () => {
    const { id: courseId } = await publishedCourse(school, tree.school.id);
    const plan = await admin.post("/api/plans", {
      orgId: tree.branchA.id,
      title: "支部计划",
      period: "year",
      year: 2026,
    });
    expect(plan.status).toBe(201);
    const item = { courseId, required: false, dueAt: Date.now() + 86_400_000 };
    expect((await school.post(`/api/plans/${plan.body.id}/items`, item)).status).toBe(404);
    expect((await admin.post(`/api/plans/${plan.body.id}/items`, item)).status).toBe(201);
  });
});

describe("versioning", () => {
  it("editing a published lesson adds a version; completed stays completed", async () => {
    const { id, lessonIds } = await publishedCourse(school, tree.school.id, [textLesson({ minutes: 1 })]);
    const lessonId = lessonIds[0]!;
    await member.post(`/api/courses/${id}/lessons/${lessonId}/progress`, { percent: 10 });
    await openedAgo(tree.memA.id, lessonId, 10 * 60_000);
    const done = await member.post(`/api/courses/${id}/lessons/${lessonId}/progress`, { percent: 100 });
    expect(done.body.completedAt).toBeTruthy();
    const edit = await school.patch(`/api/courses/${id}/lessons/${lessonId}`, { body: "新的内容：群众路线" });
    expect(edit.status).toBe(200);
    expect(edit.body.version).toBe(2);
    const versions = await db().select().from(lessonVersions).where(eq(lessonVersions.lessonId, lessonId));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const detail = await member.get(`/api/courses/${id}`);
    expect(detail.body.lessons[0].version).toBe(2);
    expect(detail.body.lessons[0].progress.completedAt).toBeTruthy();
    expect(detail.body.completion.status).toBe("credited");
  });

  it("editing a draft lesson changes it in place", async () => {
    const { body } = await school.post("/api/courses", course(tree.school.id));
    const l = await school.post(`/api/courses/${body.id}/lessons`, textLesson());
    const edit = await school.patch(`/api/courses/${body.id}/lessons/${l.body.id}`, { title: "改过" });
    expect(edit.body.version).toBe(1);
  });
});

describe("assignment, progress and credit", () => {
  let courseId: string;
  let lessons: string[];
  beforeAll(async () => {
    const c = await publishedCourse(school, tree.school.id, [
      textLesson({ minutes: 10 }),
      { kind: "video", title: "视频", videoUrl: "https://example.org/v.mp4", minutes: 40 },
    ]);
    courseId = c.id;
    lessons = c.lessonIds;
  });

  it("the admin assigns to the committee subtree; the member sees it in my study", async () => {
    const plan = await postPlan(admin, tree.committee.id, "2026 年度学习计划", [
      { courseId, required: true, dueAt: Date.now() + 86_400_000 },
    ]);
    expect(plan.status).toBe(201);
    const mine = await member.get("/api/study/mine");
    expect(mine.status).toBe(200);
    const item = mine.body.required.find((i: { courseId: string }) => i.courseId === courseId);
    expect(item).toMatchObject({ lessons: 2, lessonsDone: 0, overdue: false });
    expect(mine.body.quota).toBe(32);
    // The plan shows at the branch; the member may not assign.
    const plans = await secretary.get(`/api/orgs/${tree.branchA.id}/plans`);
    expect(plans.body.items.length).toBeGreaterThan(0);
    expect(
      (await member.post("/api/plans", { orgId: tree.branchA.id, title: "x", period: "year", year: 2026 })).status,
    ).toBe(403);
  });

  /** The text read in 9 minutes, then the 40-minute video finished 30 seconds after it was opened. */
  const studyTooQuickly = async (who: { id: string }, client: Client) => {
    const progress = (lesson: number, body: object) =>
      client.post(`/api/courses/${courseId}/lessons/${lessons[lesson]}/progress`, body);
    await progress(0, { percent: 0 });
    await openedAgo(who.id, lessons[0]!, 9 * 60_000);
    await progress(0, { percent: 100 });
    await progress(1, { percent: 5, position: 60 });
    await openedAgo(who.id, lessons[1]!, 30_000);
    return progress(1, { percent: 95 });
  };

  it("a 40-minute video completed 30 seconds after opening earns nothing and is flagged", async () => {
    const flagger = await makeUser("quick", [[tree.branchA, "member"]]);
    const quick = await as(flagger);
    const last = await studyTooQuickly(flagger, quick);
    expect(last.body.implausible).toBe(true);
    expect(last.body.completion.status).toBe("flagged");
    const mine = await quick.get("/api/study/mine");
    expect(mine.body.hours).toBe(0);
    const report = await secretary.get(`/api/orgs/${tree.branchA.id}/study-report/courses`);
    const flagged = report.body.flagged.find((f: { userId: string }) => f.userId === flagger.id);
    expect(flagged).toBeTruthy();
    expect(await db().select().from(archiveEvents).where(eq(archiveEvents.memberId, flagger.id))).toHaveLength(0);
    // The secretary rejects: the member studies the video again.
    const review = await secretary.post(`/api/completions/${flagged.id}/review`, { decision: "reject" });
    expect(review.body.status).toBe("rejected");
    const detail = await quick.get(`/api/courses/${courseId}`);
    expect(detail.body.completion).toBeNull();
    expect(detail.body.lessons[1].progress).toBeNull();
    expect(detail.body.lessons[0].progress.completedAt).toBeTruthy();
    // Another branch's secretary cannot review it.
    const secB = await as(tree.secB);
    expect((await secB.post(`/api/completions/${flagged.id}/review`, { decision: "accept" })).status).toBe(404);
  });

  it("a member who moves branch with a flagged completion is reviewed by the branch that now lists it", async () => {
    const mover = await makeUser("mover", [[tree.branchA, "member"]]);
    const quick = await as(mover);
    const last = await studyTooQuickly(mover, quick);
    expect(last.body.completion.status).toBe("flagged");
    // The committee moves them from branch A to branch B.
    const move = { orgId: tree.branchB.id, role: "member" };
    expect((await admin.post(`/api/users/${mover.id}/roles`, move)).status).toBeLessThan(300);
    const out = { orgId: tree.branchA.id, role: "member" };
    expect((await admin.post(`/api/users/${mover.id}/roles/revoke`, out)).status).toBeLessThan(300);
    const flaggedIn = async (who: Client, orgId: string) =>
      (await who.get(`/api/orgs/${orgId}/study-report/courses`)).body.flagged.some(
        (f: { userId: string }) => f.userId === mover.id,
      );
    const secB = await as(tree.secB);
    expect(await flaggedIn(secB, tree.branchB.id)).toBe(true);
    expect(await flaggedIn(secretary, tree.branchA.id)).toBe(false);
    // Each secretary's home counts what their queue lists.
    const waiting = async (who: Client, orgId: string) =>
      (await who.get("/api/home")).body.branches.find((b: { branchId: string }) => b.branchId === orgId)
        .flaggedCompletions;
    const [inA, inB] = [await waiting(secretary, tree.branchA.id), await waiting(secB, tree.branchB.id)];
    const id = last.body.completion.id;
    // A plain member of branch B may not decide; B's secretary, whose queue lists it, may.
    const memB = await as(tree.memB);
    expect((await memB.post(`/api/completions/${id}/review`, { decision: "accept" })).status).toBe(403);
    const [still] = await db().select().from(courseCompletions).where(eq(courseCompletions.id, id));
    expect(still?.status).toBe("flagged");
    const review = await secB.post(`/api/completions/${id}/review`, { decision: "accept" });
    expect(review.status).toBe(200);
    expect(review.body.status).toBe("credited");
    expect(await flaggedIn(secB, tree.branchB.id)).toBe(false);
    expect(await waiting(secB, tree.branchB.id)).toBe(inB - 1);
    expect(await waiting(secretary, tree.branchA.id)).toBe(inA);
    // Its certificate: the member's own, B's secretary's (who oversees them now) and A's (where it was earned).
    expect((await quick.get(`/api/completions/${id}/certificate`)).status).toBe(200);
    expect((await secB.get(`/api/completions/${id}/certificate`)).status).toBe(200);
    expect((await secretary.get(`/api/completions/${id}/certificate`)).status).toBe(200);
    expect((await memB.get(`/api/completions/${id}/certificate`)).status).toBe(403);
  });

  it("a lesson says when it will count, and afterwards that a too-quick finish awaits the secretary", async () => {
    const reader = await makeUser("reader", [[tree.branchA, "member"]]);
    const quick = await as(reader);
    const url = `/api/courses/${courseId}/lessons/${lessons[1]}`;
    // Before opening: the rule (a guard, not a score) and no progress yet.
    const before = await quick.get(url);
    expect(before.body.rule).toEqual({ completeAt: 90, countsAfterMs: 20 * 60_000 });
    expect(before.body.progress).toBeNull();
    const opened = await quick.post(`${url}/progress`, { percent: 0 });
    const during = await quick.get(url);
    expect(opened.body.openedAt).toBe(during.body.progress.openedAt);
    expect(during.body.progress).toMatchObject({ completedAt: null, implausible: false });
    expect(during.body.progress.openedAt).toBeGreaterThan(Date.now() - 60_000);
    // No online-time counter anywhere in what the lesson page reads.
    expect(JSON.stringify(during.body)).not.toMatch(/"(elapsed|timeSpent|onlineTime|secondsOnline)"/i);
    await quick.post(`${url}/progress`, { percent: 95 });
    const after = await quick.get(url);
    expect(after.body.progress).toMatchObject({ implausible: true });
    expect(after.body.progress.completedAt).toBeTruthy();
    // Someone else's progress is never in the answer.
    expect((await member.get(url)).body.progress?.openedAt).not.toBe(after.body.progress.openedAt);
  });

  it("a plausible completion is credited once, writes the archive, and repeats are idempotent", async () => {
    for (const l of lessons) await member.post(`/api/courses/${courseId}/lessons/${l}/progress`, { percent: 0 });
    await openedAgo(tree.memA.id, lessons[0]!, 10 * 60_000);
    await openedAgo(tree.memA.id, lessons[1]!, 45 * 60_000);
    await member.post(`/api/courses/${courseId}/lessons/${lessons[0]}/progress`, { percent: 100 });
    const mid = await member.get("/api/study/mine");
    const partial = mid.body.required.find((i: { courseId: string }) => i.courseId === courseId);
    expect(partial.lessonsDone).toBe(1);
    expect(mid.body.continue.courseId).toBe(courseId);
    const last = await member.post(`/api/courses/${courseId}/lessons/${lessons[1]}/progress`, { percent: 92 });
    expect(last.body.completion.status).toBe("credited");
    // 50 minutes: 1 学时, no checkpoint.
    expect(last.body.completion.hours).toBe(1);
    const again = await Promise.all([
      member.post(`/api/courses/${courseId}/complete`),
      member.post(`/api/courses/${courseId}/complete`),
    ]);
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(r.body.id).toBe(last.body.completion.id);
    }
    const rows = await db().select().from(courseCompletions).where(eq(courseCompletions.userId, tree.memA.id));
    expect(rows.filter((r) => r.courseId === courseId)).toHaveLength(1);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.memberId, tree.memA.id));
    expect(events.filter((e) => e.subjectId === last.body.completion.id)).toHaveLength(1);
    const mine = await member.get("/api/study/mine");
    expect(mine.body.hours).toBeGreaterThanOrEqual(1);
    const cert = await member.get(`/api/completions/${last.body.completion.id}/certificate`);
    expect(cert.status).toBe(200);
    expect(cert.body).toMatchObject({ hours: 1, courseTitle: "加强基层服务型党组织建设" });
    // The secretary sees it in the branch table and in the CSV.
    const report = await secretary.get(`/api/orgs/${tree.branchA.id}/study-report`);
    const row = report.body.items.find((m: { userId: string }) => m.userId === tree.memA.id);
    expect(row.completed).toBeGreaterThanOrEqual(1);
    expect(row.quota).toBe(32);
    const rates = await secretary.get(`/api/orgs/${tree.branchA.id}/study-report/courses`);
    const rate = rates.body.items.find((c: { courseId: string }) => c.courseId === courseId);
    expect(rate.completed).toBeGreaterThanOrEqual(1);
    const csv = await secretary.get(`/api/orgs/${tree.branchA.id}/study-report/export`);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(String(csv.body)).toContain("memA");
    // Other members' certificates are not theirs to see; the other branch's secretary gets 404.
    const other = await as(tree.memB);
    expect((await other.get(`/api/completions/${last.body.completion.id}/certificate`)).status).toBe(404);
  });

  it("a member's study, drilled down from the report: their secretary and the committee above only", async () => {
    const url = `/api/study/members/${tree.memA.id}`;
    const mine = (await member.get("/api/study/mine")).body;
    for (const overseer of [secretary, admin]) {
      const r = await overseer.get(url);
      expect(r.status).toBe(200);
      expect(r.body.member).toMatchObject({ id: tree.memA.id, branchName: tree.branchA.name });
      // The same courses, progress and hours the member sees, nothing of where they were last.
      expect(r.body).toMatchObject({ hours: mine.hours, quota: mine.quota, required: mine.required });
      expect(r.body.required.find((i: { courseId: string }) => i.courseId === courseId)).toMatchObject({
        lessons: 2,
        lessonsDone: 2,
        completion: { status: "credited", hours: 1 },
      });
      expect(r.body.continue).toBeUndefined();
    }
    // Another branch's secretary: not found (as for an id that does not exist); a fellow member: forbidden.
    const secB = await as(tree.secB);
    const other = await secB.get(url);
    expect(other.status).toBe(404);
    expect((await secB.get("/api/study/members/no-such-user")).body.error.code).toBe(other.body.error.code);
    const fellow = await as(await makeUser("fellow", [[tree.branchA, "member"]]));
    expect((await fellow.get(url)).status).toBe(403);
    expect((await school.get(url)).status).toBe(404);
  });

  it("completing before every lesson is done is refused", async () => {
    const fresh = await as(await makeUser("fresh", [[tree.branchA, "member"]]));
    const r = await fresh.post(`/api/courses/${courseId}/complete`);
    expect(r.status).toBe(409);
  });
});

describe("search", () => {
  it("finds 群众路线 inside a lesson, short queries and filters", async () => {
    const { id } = await publishedCourse(
      school,
      tree.school.id,
      [textLesson({ body: "要坚持走好新时代的群众路线，密切党群干群关系。" })],
      { title: "基层治理实务", summary: "社区服务", category: "governance", tags: [] },
    );
    const hit = await member.get(`/api/catalogue?q=${encodeURIComponent("群众路线")}`);
    expect(hit.status).toBe(200);
    expect(hit.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const short = await member.get(`/api/catalogue?q=${encodeURIComponent("党群")}`);
    expect(short.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const filtered = await member.get(`/api/catalogue?q=${encodeURIComponent("群众路线")}&category=theory`);
    expect(filtered.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const none = await member.get(`/api/catalogue?q=${encodeURIComponent("不存在的词语")}`);
    expect(none.body.items).toHaveLength(0);
    const quote = await member.get(`/api/catalogue?q=${encodeURIComponent('"a" OR')}`);
    expect(quote.status).toBe(200);
  });
});

describe("materials in R2", () => {
  it("uploads a video, serves ranges with the right type, enforces limits and access", async () => {
    const { body } = await school.post("/api/courses", course(tree.school.id, { title: "视频课" }));
    const bytes = new Uint8Array(1000).map((_, i) => i % 251);
    const up = await school.request("POST", `/api/courses/${body.id}/materials?name=a.mp4`, bytes, {
      "Content-Type": "video/mp4",
    });
    expect(up.status).toBe(201);
    expect(
      (await school.request("POST", `/api/courses/${body.id}/materials`, bytes, { "Content-Type": "text/html" }))
        .status,
    ).toBe(415);
    const big = await school.request("POST", `/api/courses/${body.id}/materials`, new Uint8Array(6 * 1024 * 1024), {
      "Content-Type": "image/png",
    });
    expect(big.status).toBe(413);
    const lesson = await school.post(`/api/courses/${body.id}/lessons`, {
      kind: "video",
      title: "上传的视频",
      materialKey: up.body.key,
      minutes: 5,
    });
    expect(lesson.status).toBe(201);
    // A draft's file is not the member's to fetch.
    expect((await member.get(up.body.url)).status).toBe(404);
    await school.post(`/api/courses/${body.id}/publish`);
    const part = await member.request("GET", up.body.url, undefined, { Range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("Content-Range")).toBe("bytes 100-199/1000");
    expect(part.headers.get("Content-Type")).toBe("video/mp4");
    expect(part.headers.get("Content-Length")).toBe("100");
    const tail = await member.request("GET", up.body.url, undefined, { Range: "bytes=-10" });
    expect(tail.headers.get("Content-Range")).toBe("bytes 990-999/1000");
    expect((await member.request("GET", up.body.url, undefined, { Range: "bytes=5000-" })).status).toBe(416);
    const whole = await member.get(up.body.url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("Accept-Ranges")).toBe("bytes");
    expect(await env.MATERIALS.head(up.body.key)).toBeTruthy();
    // Members cannot upload.
    expect(
      (await member.request("POST", `/api/courses/${body.id}/materials`, bytes, { "Content-Type": "video/mp4" }))
        .status,
    ).toBe(403);
  });
});

describe("cover images", () => {
  it("an image uploaded to the course becomes its cover in the catalogue; other files and courses are refused", async () => {
    const { id } = await publishedCourse(school, tree.school.id, [textLesson()], { title: "有封面" });
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    const up = async (courseId: string, type: string) =>
      (await school.request("POST", `/api/courses/${courseId}/materials?name=c`, png, { "Content-Type": type })).body;
    const image = await up(id, "image/png");
    const pdf = await up(id, "application/pdf");
    const other = await school.post("/api/courses", course(tree.school.id, { title: "别的课" }));
    const foreign = await up(other.body.id, "image/png");
    for (const key of [pdf.key, foreign.key, `courses/${id}/nope`]) {
      const refused = await school.patch(`/api/courses/${id}`, { coverKey: key });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details[0]).toMatchObject({ path: "coverKey" });
    }
    expect((await member.get(`/api/courses/${id}`)).body.course.coverUrl).toBeNull();
    expect((await school.patch(`/api/courses/${id}`, { coverKey: image.key })).status).toBe(200);
    const shelf = await member.get("/api/catalogue?limit=100");
    const item = shelf.body.items.find((c: { id: string }) => c.id === id);
    expect(item.coverUrl).toBe(image.url);
    const served = await member.get(item.coverUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    // A cover link replaces the uploaded one.
    await school.patch(`/api/courses/${id}`, { coverUrl: "https://example.org/c.png" });
    expect((await school.get(`/api/courses/${id}`)).body.course).toMatchObject({
      coverUrl: "https://example.org/c.png",
      coverKey: null,
    });
  });
});

describe("rights", () => {
  it("a member cannot read an unassigned draft; another school cannot edit; other trees get 404", async () => {
    const { body } = await school.post("/api/courses", course(tree.school.id, { title: "未发布" }));
    expect((await member.get(`/api/courses/${body.id}`)).status).toBe(404);
    expect((await member.patch(`/api/courses/${body.id}`, { title: "x" })).status).toBe(404);
    const otherSchoolOrg = await makeOrg(tree.committee, "另一党校", "school", "school");
    const otherSchool = await as(await makeUser("school2", [[otherSchoolOrg, "school"]]));
    expect((await otherSchool.patch(`/api/courses/${body.id}`, { title: "改" })).status).toBe(404);
    expect((await otherSchool.post(`/api/courses/${body.id}/lessons`, textLesson())).status).toBe(404);
    const pub = await publishedCourse(school, tree.school.id);
    // Visible but not theirs: 403.
    expect((await otherSchool.patch(`/api/courses/${pub.id}`, { title: "改" })).status).toBe(403);
    expect((await member.patch(`/api/courses/${pub.id}`, { title: "改" })).status).toBe(403);
    // Another tree: 404 for everything, including assignment.
    const otherRoot = await makeOrg(null, "外市委", "committee");
    const outsider = await as(await makeUser("outsider", [[otherRoot, "admin"]]));
    expect((await outsider.get(`/api/courses/${pub.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/courses/${pub.id}/lessons/${pub.lessonIds[0]}`)).status).toBe(404);
    const assign = await postPlan(outsider, otherRoot.id, "x", [{ courseId: pub.id, required: true }]);
    expect(assign.status).toBe(404);
    expect((await outsider.get(`/api/orgs/${tree.branchA.id}/study-report`)).status).toBe(404);
    const search = await outsider.get(`/api/catalogue?q=${encodeURIComponent("群众路线")}`);
    expect(search.body.items).toHaveLength(0);
    // Drafts cannot be assigned; members cannot see the branch table.
    const draftAssign = await postPlan(admin, tree.committee.id, "x", [{ courseId: body.id, required: true }]);
    expect(draftAssign.status).toBe(422);
    expect((await member.get(`/api/orgs/${tree.branchA.id}/study-report`)).status).toBe(403);
    const secB = await as(tree.secB);
    expect((await secB.get(`/api/orgs/${tree.branchA.id}/study-report`)).status).toBe(404);
  });
});
