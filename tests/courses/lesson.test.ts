import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { lessons, lessonVersions } from "../../schema";
import { renderMarkdown } from "../../worker/courses/markdown";
import { as, type Client, db, makeTree } from "../fixtures";
import { meterStatements } from "../lib/scale";
import { course, publishedCourse, textLesson } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let school: Client;
let member: Client;

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  member = await as(tree.memA);
});

const evil = "## 新的要求\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> [点此](javascript:alert(1))";

describe("the lesson page", () => {
  it("reads the HTML stored when the version was saved: after an edit, a fresh render, scripts escaped", async () => {
    const { id, lessonIds } = await publishedCourse(school, tree.school.id, [textLesson({ body: "# 旧的内容" })]);
    const lessonId = lessonIds[0]!;
    expect((await school.patch(`/api/courses/${id}/lessons/${lessonId}`, { body: evil })).status).toBe(200);
    const read = await member.get(`/api/courses/${id}/lessons/${lessonId}`);
    expect(read.status).toBe(200);
    const { lesson } = read.body;
    expect(lesson.version).toBe(2);
    expect(lesson.bodyHtml).toBe(renderMarkdown(evil));
    expect(lesson.bodyHtml).toContain("<h2>新的要求</h2>");
    expect(lesson.bodyHtml).toContain("&lt;script&gt;");
    expect(lesson.bodyHtml).not.toMatch(/<script|<img|<[^>]*\son\w+=|href="javascript/i);
    // What the edit stored is what the reader got; the Markdown source stays with the editors.
    const [current] = await db()
      .select({ html: lessonVersions.bodyHtml })
      .from(lessons)
      .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.currentVersionId))
      .where(eq(lessons.id, lessonId));
    expect(current?.html).toBe(lesson.bodyHtml);
    expect(lesson).not.toHaveProperty("body");
  });

  it("answers a draft's lesson or another tree's exactly as a course that does not exist", async () => {
    const draft = await school.post("/api/courses", course(tree.school.id));
    const draftLesson = await school.post(`/api/courses/${draft.body.id}/lessons`, textLesson());
    const other = await makeTree();
    const foreign = await publishedCourse(await as(other.publisher), other.school.id);
    const unknown = await member.get(`/api/courses/no-such-course/lessons/${draftLesson.body.id}`);
    expect(unknown.status).toBe(404);
    for (const path of [
      `/api/courses/${draft.body.id}/lessons/${draftLesson.body.id}`,
      `/api/courses/${foreign.id}/lessons/${foreign.lessonIds[0]}`,
      // A real lesson asked under another course's id reveals nothing either.
      `/api/courses/${draft.body.id}/lessons/${foreign.lessonIds[0]}`,
    ]) {
      const r = await member.get(path);
      expect({ path, status: r.status, body: r.body }).toEqual({ path, status: 404, body: unknown.body });
    }
    // Its publisher reads the draft.
    expect((await school.get(`/api/courses/${draft.body.id}/lessons/${draftLesson.body.id}`)).status).toBe(200);
  });
});

// The isolate holds a lesson page's content by its lesson row's random build (worker/courses/progress.ts), and
// triggers give the row a new build on every change to what the page shows. Each change below is made as
// plain SQL, as any code path could, and the next read must show it.
describe("the lesson page, read again", () => {
  const readerOf = (statements: { sql: string; answered: number }[]) =>
    statements.find((s) => s.sql.includes("json_object('courseTitle'"))!;

  it("is not sent again by D1 while unchanged, and shows every change to the lesson, its version and course", async () => {
    const long = `${"学习贯彻党的二十大精神。".repeat(200)}`;
    const { id, lessonIds } = await publishedCourse(school, tree.school.id, [textLesson({ body: long })]);
    const url = `/api/courses/${id}/lessons/${lessonIds[0]}`;
    const first = await member.get(url);
    expect(first.status).toBe(200);
    const again = await meterStatements(() => member.get(url));
    expect(again.result.body).toEqual(first.body);
    expect(JSON.stringify(first.body).length).toBeGreaterThan(2_000);
    expect(readerOf(again.statements).answered).toBeLessThan(400);

    const changes: [string, string, (body: any) => unknown, unknown][] = [
      [
        "UPDATE lesson_versions SET title = '改过的标题' WHERE lesson_id = ?1",
        lessonIds[0]!,
        (b) => b.lesson.title,
        "改过的标题",
      ],
      [
        "UPDATE lesson_versions SET body_html = '<p>新</p>' WHERE lesson_id = ?1",
        lessonIds[0]!,
        (b) => b.lesson.bodyHtml,
        "<p>新</p>",
      ],
      ["UPDATE lesson_versions SET minutes = 45 WHERE lesson_id = ?1", lessonIds[0]!, (b) => b.lesson.minutes, 45],
      ["UPDATE courses SET title = '新的课程名' WHERE id = ?1", id, (b) => b.courseTitle, "新的课程名"],
    ];
    for (const [statement, param, pick, want] of changes) {
      await env.DB.prepare(statement).bind(param).run();
      const read = await member.get(url);
      expect({ statement, got: pick(read.body) }).toEqual({ statement, got: want });
    }
    // A new version made current, as an edit of a published lesson does.
    const edited = await school.patch(url, { body: "# 第二版" });
    expect(edited.status).toBe(200);
    const second = await member.get(url);
    expect(second.body.lesson.bodyHtml).toContain("第二版");
    expect(second.body.lesson.version).toBe(2);
    // Archived: still read, as archived. Back to a draft, and removed: gone for the member as a course that does
    // not exist.
    await env.DB.prepare("UPDATE courses SET status = 'archived' WHERE id = ?1").bind(id).run();
    expect((await member.get(url)).body.courseStatus).toBe("archived");
    const unknown = await member.get(`/api/courses/no-such-course/lessons/${lessonIds[0]}`);
    await env.DB.prepare("UPDATE courses SET status = 'draft' WHERE id = ?1").bind(id).run();
    expect(await member.get(url)).toMatchObject({ status: 404, body: unknown.body });
    await env.DB.prepare("UPDATE courses SET status = 'published' WHERE id = ?1").bind(id).run();
    expect((await member.get(url)).status).toBe(200);
    await env.DB.prepare("UPDATE lessons SET removed_at = 1 WHERE id = ?1").bind(lessonIds[0]).run();
    expect((await member.get(url)).status).toBe(404);
  });

  it("a row of another build (a restored database, another isolate's edit) is read in full", async () => {
    const { id, lessonIds } = await publishedCourse(school, tree.school.id);
    const url = `/api/courses/${id}/lessons/${lessonIds[0]}`;
    await member.get(url);
    // The version changed and the build set by hand, as a restore could leave them: a build this isolate never held.
    await env.DB.prepare("UPDATE lesson_versions SET title = '恢复的标题' WHERE lesson_id = ?1")
      .bind(lessonIds[0])
      .run();
    await env.DB.prepare("UPDATE lessons SET built = 'elsewhere' WHERE id = ?1").bind(lessonIds[0]).run();
    const read = await meterStatements(() => member.get(url));
    expect(read.result.body.lesson.title).toBe("恢复的标题");
    expect(readerOf(read.statements).answered).toBeGreaterThan(100);
    // A lesson of another course's id is refused, held or not.
    const other = await publishedCourse(school, tree.school.id);
    expect((await member.get(`/api/courses/${other.id}/lessons/${lessonIds[0]}`)).status).toBe(404);
  });
});
