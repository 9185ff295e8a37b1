import type { TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import "./moves";
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
import { conflict } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { authorizedUser } from "../roster";
import { canEdit, editableCourse, PUBLISHERS, viewableCourse } from "./access";
import { type CataloguePage, catalogue } from "./catalogue";
import { myStudyText } from "./kept";
import { materialKey, serveMaterial, uploadMaterial } from "./materials";
import { completeCourse, lessonForReader, recordLessonProgress } from "./progress";
import { OVERSEERS } from "./report";
import {
  addLesson,
  createCourse,
  materialsOf,
  removeLesson,
  reorderLessons,
  schoolCourses,
  setStatus,
  updateCourse,
  updateLesson,
} from "./service";
import { courseDetail, memberStudy, type myStudy } from "./study";

export const courseRoutes = createAuthedRouter()
  .post("/", v("json", createCourseBody), async (c) => {
    const { schoolOrgId, ...body } = c.req.valid("json");
    const school = await authorizedOrg(c.var, schoolOrgId, PUBLISHERS);
    return c.json(await createCourse(c.var.db, c.var.user.id, school, body), 201);
  })
  .patch("/:id", v("param", idParam), v("json", updateCourseBody), async (c) => {
    const course = await editableCourse(c.var, c.req.valid("param").id);
    await updateCourse(c.var.db, c.var.user.id, course, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .post("/:id/publish", v("param", idParam), async (c) => {
    const course = await editableCourse(c.var, c.req.valid("param").id);
    return c.json(await setStatus(c.var.db, c.var.user.id, course, "publish"));
  })
  .post("/:id/archive", v("param", idParam), async (c) => {
    const course = await editableCourse(c.var, c.req.valid("param").id);
    return c.json(await setStatus(c.var.db, c.var.user.id, course, "archive"));
  })
  .post("/:id/lessons", v("param", idParam), v("json", lessonBody), async (c) => {
    const course = await editableCourse(c.var, c.req.valid("param").id);
    return c.json(await addLesson(c.var.db, c.var.user.id, course, c.req.valid("json")), 201);
  })
  .patch("/:id/lessons/:lessonId", v("param", lessonParam), v("json", updateLessonBody), async (c) => {
    const { id, lessonId } = c.req.valid("param");
    const course = await editableCourse(c.var, id);
    return c.json(await updateLesson(c.var.db, c.var.user.id, course, lessonId, c.req.valid("json")));
  })
  .delete("/:id/lessons/:lessonId", v("param", lessonParam), async (c) => {
    const { id, lessonId } = c.req.valid("param");
    const course = await editableCourse(c.var, id);
    await removeLesson(c.var.db, c.var.user.id, course, lessonId);
    return c.json({ ok: true as const });
  })
  .post("/:id/lessons/reorder", v("param", idParam), v("json", reorderBody), async (c) => {
    const course = await editableCourse(c.var, c.req.valid("param").id);
    await reorderLessons(c.var.db, course, c.req.valid("json").lessonIds);
    return c.json({ ok: true as const });
  })
  .post("/:id/materials", v("param", idParam), v("query", uploadQuery), async (c) => {
    const course = await editableCourse(c.var, c.req.valid("param").id);
    const db = c.var.db;
    const stored = await uploadMaterial(
      db,
      c.env.MATERIALS,
      c.var.user.id,
      course,
      c.req.raw,
      c.req.valid("query").name,
    );
    return c.json(stored, 201);
  })
  .get("/:id/materials", v("param", idParam), async (c) => {
    const course = await editableCourse(c.var, c.req.valid("param").id);
    return c.json({ items: await materialsOf(c.var.db, course.id) });
  })
  .get("/:id/materials/:file", v("param", materialParam), async (c) => {
    const { id, file } = c.req.valid("param");
    await viewableCourse(c.var, id);
    return serveMaterial(c.env.MATERIALS, materialKey(id, file), c.req.header("Range") ?? null);
  })
  .get("/:id", v("param", idParam), async (c) => {
    const course = await viewableCourse(c.var, c.req.valid("param").id);
    const detail = await courseDetail(c.var.db, c.var.user, course);
    return c.json({ ...detail, canEdit: canEdit(c.var.user, course) });
  })
  .get("/:id/lessons/:lessonId", v("param", lessonParam), async (c) => {
    const { id, lessonId } = c.req.valid("param");
    return c.json(await lessonForReader(c.var, id, lessonId));
  })
  .post("/:id/lessons/:lessonId/progress", v("param", lessonParam), v("json", progressBody), async (c) => {
    const { id, lessonId } = c.req.valid("param");
    const course = await viewableCourse(c.var, id);
    return c.json(await recordLessonProgress(c.var.db, c.var.user, course, lessonId, c.req.valid("json")));
  })
  .post("/:id/complete", v("param", idParam), async (c) => {
    const course = await viewableCourse(c.var, c.req.valid("param").id);
    if (course.status !== "published") throw conflict("only published courses can be completed");
    const { completion, created } = await completeCourse(c.var.db, c.var.user, course);
    return c.json(completion, created ? 201 : 200);
  });

export const schoolCourseRoutes = createAuthedRouter()
  // Publishing (school or admin over the owning school).
  .get("/", v("param", idParam), v("query", courseListQuery), async (c) => {
    const school = await authorizedOrg(c.var, c.req.valid("param").id, PUBLISHERS);
    const q = c.req.valid("query");
    return c.json(page(await schoolCourses(c.var.db, school, q.status, q.limit, q.offset), q.limit, q.offset));
  });

export const studyRoutes = createAuthedRouter()
  // Studying.
  // The kept answer's text as it is (no parse and stringify), typed as what myStudy answers.
  .get(
    "/mine",
    async (c) =>
      c.body(await myStudyText(c.var.db, c.var.user), 200, {
        "content-type": "application/json",
      }) as unknown as TypedResponse<Awaited<ReturnType<typeof myStudy>>, 200, "json">,
  )
  // A member's study, from the study report: their branch's secretary or a committee above.
  .get("/members/:id", v("param", idParam), async (c) => {
    const { user, branchName, held } = await authorizedUser(c.var, c.req.valid("param").id, OVERSEERS);
    const study = await memberStudy(c.var.db, { id: user.id, held });
    return c.json({ member: { id: user.id, displayName: user.displayName, branchName }, ...study });
  });

export const catalogueRoutes = createAuthedRouter().get("/", v("query", catalogueQuery), async (c) => {
  const { json, keep } = await catalogue(c.var.db, c.var.user, c.req.valid("query"));
  // A page computed now is kept after the answer has left.
  if (keep) c.executionCtx.waitUntil(keep());
  // Served as the text it was kept as (what c.json would have written for a CataloguePage).
  const res: Response = c.body(json, 200, { "content-type": "application/json" });
  return res as Response & TypedResponse<JSONParsed<CataloguePage>, 200, "json">;
});
