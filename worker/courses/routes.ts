import { Hono } from "hono";
import { idParam } from "../../schema/common/validation";
import {
  catalogueQuery,
  courseListQuery,
  createCourseBody,
  lessonBody,
  lessonParam,
  materialParam,
  progressBody,
  reorderBody,
  updateCourseBody,
  updateLessonBody,
  uploadQuery,
} from "../../schema/courses/validation";
import { requireUser } from "../auth/authorize";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { ApiError, conflict, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs/access";
import { canEdit, editableCourse, PUBLISHERS, viewableCourse } from "./access";
import { materialKey, serveMaterial, uploadMaterial } from "./materials";
import { completeCourse, recordProgress } from "./progress";
import {
  addLesson,
  createCourse,
  lessonContent,
  materialsOf,
  removeLesson,
  reorderLessons,
  schoolCourses,
  setStatus,
  updateCourse,
  updateLesson,
} from "./service";
import { catalogue, courseDetail, myStudy } from "./study";

export const courseRoutes = new Hono<AppEnv>()
  // Publishing (school or admin over the owning school).
  .get("/schools/:id/courses", v("param", idParam), v("query", courseListQuery), async (c) => {
    const school = await authorizedOrg(c, c.req.valid("param").id, PUBLISHERS);
    const q = c.req.valid("query");
    return c.json(
      page(await schoolCourses(getDb(c.env.DB), school.id, q.status, q.limit, q.offset), q.limit, q.offset),
    );
  })
  .post("/courses", v("json", createCourseBody), async (c) => {
    const { schoolOrgId, ...body } = c.req.valid("json");
    const school = await authorizedOrg(c, schoolOrgId, PUBLISHERS);
    return c.json(await createCourse(getDb(c.env.DB), requireUser(c).id, school, body), 201);
  })
  .patch("/courses/:id", v("param", idParam), v("json", updateCourseBody), async (c) => {
    const course = await editableCourse(c, c.req.valid("param").id);
    await updateCourse(getDb(c.env.DB), requireUser(c).id, course, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .post("/courses/:id/publish", v("param", idParam), async (c) => {
    const course = await editableCourse(c, c.req.valid("param").id);
    return c.json(await setStatus(getDb(c.env.DB), requireUser(c).id, course, "publish"));
  })
  .post("/courses/:id/archive", v("param", idParam), async (c) => {
    const course = await editableCourse(c, c.req.valid("param").id);
    return c.json(await setStatus(getDb(c.env.DB), requireUser(c).id, course, "archive"));
  })
  .post("/courses/:id/lessons", v("param", idParam), v("json", lessonBody), async (c) => {
    const course = await editableCourse(c, c.req.valid("param").id);
    return c.json(await addLesson(getDb(c.env.DB), requireUser(c).id, course, c.req.valid("json")), 201);
  })
  .patch("/courses/:id/lessons/:lessonId", v("param", lessonParam), v("json", updateLessonBody), async (c) => {
    const { id, lessonId } = c.req.valid("param");
    const course = await editableCourse(c, id);
    return c.json(await updateLesson(getDb(c.env.DB), requireUser(c).id, course, lessonId, c.req.valid("json")));
  })
  .delete("/courses/:id/lessons/:lessonId", v("param", lessonParam), async (c) => {
    const { id, lessonId } = c.req.valid("param");
    const course = await editableCourse(c, id);
    await removeLesson(getDb(c.env.DB), requireUser(c).id, course, lessonId);
    return c.json({ ok: true as const });
  })
  .post("/courses/:id/lessons/reorder", v("param", idParam), v("json", reorderBody), async (c) => {
    const course = await editableCourse(c, c.req.valid("param").id);
    await reorderLessons(getDb(c.env.DB), course, c.req.valid("json").lessonIds);
    return c.json({ ok: true as const });
  })
  .post("/courses/:id/materials", v("param", idParam), v("query", uploadQuery), async (c) => {
    const course = await editableCourse(c, c.req.valid("param").id);
    const db = getDb(c.env.DB);
    const stored = await uploadMaterial(
      db,
      c.env.MATERIALS,
      requireUser(c).id,
      course,
      c.req.raw,
      c.req.valid("query").name,
    );
    return c.json(stored, 201);
  })
  .get("/courses/:id/materials", v("param", idParam), async (c) => {
    const course = await editableCourse(c, c.req.valid("param").id);
    return c.json({ items: await materialsOf(getDb(c.env.DB), course.id) });
  })
  .get("/courses/:id/materials/:file", v("param", materialParam), async (c) => {
    const { id, file } = c.req.valid("param");
    await viewableCourse(c, id);
    return serveMaterial(c.env.MATERIALS, materialKey(id, file), c.req.header("Range") ?? null);
  })
  // Studying.
  .get("/study/mine", async (c) => c.json(await myStudy(getDb(c.env.DB), requireUser(c))))
  .get("/catalogue", v("query", catalogueQuery), async (c) =>
    c.json(await catalogue(getDb(c.env.DB), requireUser(c), c.req.valid("query"))),
  )
  .get("/courses/:id", v("param", idParam), async (c) => {
    const course = await viewableCourse(c, c.req.valid("param").id);
    const detail = await courseDetail(getDb(c.env.DB), requireUser(c), course);
    return c.json({ ...detail, canEdit: canEdit(requireUser(c), course) });
  })
  .get("/courses/:id/lessons/:lessonId", v("param", lessonParam), async (c) => {
    const { id, lessonId } = c.req.valid("param");
    const course = await viewableCourse(c, id);
    const [lesson] = await lessonContent(getDb(c.env.DB), course.id, lessonId);
    if (!lesson) throw notFound("lesson");
    return c.json({ courseTitle: course.title, courseStatus: course.status, lesson });
  })
  .post("/courses/:id/lessons/:lessonId/progress", v("param", lessonParam), v("json", progressBody), async (c) => {
    const { id, lessonId } = c.req.valid("param");
    const user = requireUser(c);
    const course = await viewableCourse(c, id);
    if (course.status !== "published") throw conflict("only published courses record progress");
    const db = getDb(c.env.DB);
    const [lesson] = await lessonContent(db, course.id, lessonId);
    if (!lesson) throw notFound("lesson");
    const body = c.req.valid("json");
    const { progress, justCompleted } = await recordProgress(
      db,
      user.id,
      { ...lesson, courseId: course.id },
      body.percent,
      body.position ?? 0,
    );
    let completion = null;
    if (justCompleted) {
      // The last lesson completes the course; "not finished yet" or a pending checkpoint is not an error here.
      completion = await completeCourse(db, user, course).then(
        (r) => r.completion,
        (err) => {
          if (err instanceof ApiError && err.status === 409) return null;
          throw err;
        },
      );
    }
    return c.json({
      percent: progress.percent,
      completedAt: progress.completedAt,
      implausible: progress.implausible,
      completion,
    });
  })
  .post("/courses/:id/complete", v("param", idParam), async (c) => {
    const course = await viewableCourse(c, c.req.valid("param").id);
    if (course.status !== "published") throw conflict("only published courses can be completed");
    const { completion, created } = await completeCourse(getDb(c.env.DB), requireUser(c), course);
    return c.json(completion, created ? 201 : 200);
  });
