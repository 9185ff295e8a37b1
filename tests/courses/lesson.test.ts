import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { lessons, lessonVersions } from "../../schema";
import { renderMarkdown } from "../../worker/courses/markdown";
import { as, type Client, db, makeTree } from "../fixtures";
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
