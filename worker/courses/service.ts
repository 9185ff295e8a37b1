import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { courses, lessons, lessonVersions, materials, quizzes } from "../../schema";
import {
  type CourseCategory,
  type CourseLevel,
  type CourseStatus,
  type LessonKind,
  MATERIAL_TYPES,
} from "../../schema/courses/values";
import { auditInsert } from "../lib/audit";
import { type Db, outer } from "../lib/db";
import { ApiError, conflict, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import type { OrgRow } from "../orgs";
import type { CourseRow } from "./access";
import { creditFor } from "./credit";
import { renderMarkdown } from "./markdown";
import { materialUrl } from "./materials";
import { rulesAlong, valuesNow } from "./rules";
import { indexCourse, indexLesson, unindexLesson } from "./search";

export interface CourseInput {
  title: string;
  summary?: string | undefined;
  coverUrl?: string | null | undefined;
  coverKey?: string | null | undefined;
  category: CourseCategory;
  level: CourseLevel;
  tags?: string[] | undefined;
  creditHours?: number | null | undefined;
  checkpointQuizId?: string | null | undefined;
}

export interface LessonInput {
  kind: LessonKind;
  title: string;
  body?: string | undefined;
  videoUrl?: string | null | undefined;
  materialKey?: string | null | undefined;
  minutes: number;
}

/** Recounts a course's live lessons and their minutes onto the course row: put it in the batch of every lesson change. */
const recountLessons = (db: Db, courseId: string) =>
  db
    .update(courses)
    .set({
      lessonCount: sql`(SELECT count(*) FROM lessons l WHERE l.course_id = ${courseId} AND l.removed_at IS NULL)`,
      minutes: sql`(SELECT coalesce(sum(v.minutes), 0) FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id
        WHERE l.course_id = ${courseId} AND l.removed_at IS NULL)`,
    })
    .where(eq(courses.id, courseId));

const clean = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * A checkpoint quiz must exist, be owned by the course's school (or an org below it) and, when the quiz is
 * tied to a course, be tied to this one. One query; null (clearing) is always fine.
 */
async function checkCheckpoint(db: Db, schoolPath: string, courseId: string, quizId: string | null | undefined) {
  if (!quizId) return;
  const [q] = await db
    .select({ ownerPath: quizzes.ownerPath, courseId: quizzes.courseId })
    .from(quizzes)
    .where(eq(quizzes.id, quizId));
  const refuse = (code: string) =>
    invalid("the checkpoint quiz is not one of this school's quizzes for this course", [
      { path: "checkpointQuizId", code },
    ]);
  if (!q?.ownerPath.startsWith(schoolPath)) throw refuse("not_found");
  if (q.courseId && q.courseId !== courseId) throw refuse("other_course");
}

export async function createCourse(db: Db, actorId: string, school: OrgRow, input: CourseInput) {
  if (school.kind !== "school")
    throw invalid("courses belong to a party school", [{ path: "schoolOrgId", code: "not_a_school" }]);
  const id = newId();
  await checkCheckpoint(db, school.path, id, input.checkpointQuizId);
  const now = Date.now();
  const row = {
    id,
    schoolOrgId: school.id,
    schoolPath: school.path,
    ...clean(input),
    title: input.title,
    category: input.category,
    level: input.level,
    createdBy: actorId,
    createdAt: now,
    updatedAt: now,
  };
  await db.batch([
    db.insert(courses).values(row),
    indexCourse(db, { ...row, summary: row.summary ?? "", tags: row.tags ?? [] }),
    auditInsert(db, { actorId, action: "course_created", entity: "course", entityId: row.id, orgId: school.id }, now),
  ]);
  return { id: row.id };
}

/**
 * A cover uploaded to the course's materials: it must be an image of THIS course. Its address is what
 * the catalogue shows (served under the course's own access check); a cover link clears the key.
 */
async function coverPatch(db: Db, courseId: string, patch: Partial<CourseInput>) {
  if (!patch.coverKey) return patch.coverUrl !== undefined ? { coverKey: null } : {};
  const [m] = await db
    .select({ contentType: materials.contentType })
    .from(materials)
    .where(and(eq(materials.key, patch.coverKey), eq(materials.courseId, courseId)));
  if (!m || MATERIAL_TYPES[m.contentType]?.use !== "image") {
    throw invalid("the cover must be an image uploaded to this course", [{ path: "coverKey", code: "invalid_value" }]);
  }
  return { coverUrl: materialUrl(courseId, patch.coverKey) };
}

export async function updateCourse(db: Db, actorId: string, course: CourseRow, patch: Partial<CourseInput>) {
  await checkCheckpoint(db, course.schoolPath, course.id, patch.checkpointQuizId);
  const cover = await coverPatch(db, course.id, patch);
  const now = Date.now();
  await db.batch([
    db
      .update(courses)
      .set({ ...clean(patch), ...cover, updatedAt: now })
      .where(eq(courses.id, course.id)),
    indexCourse(db, { ...course, ...clean(patch) }),
    auditInsert(
      db,
      {
        actorId,
        action: "course_updated",
        entity: "course",
        entityId: course.id,
        orgId: course.schoolOrgId,
        detail: patch,
      },
      now,
    ),
  ]);
}

const NEXT: Record<"publish" | "archive", { from: CourseStatus[]; to: CourseStatus }> = {
  publish: { from: ["draft", "archived"], to: "published" },
  archive: { from: ["published"], to: "archived" },
};

/** Draft → published → archived (an archived course may be published again). Publishing needs a lesson. */
export async function setStatus(db: Db, actorId: string, course: CourseRow, action: "publish" | "archive") {
  const step = NEXT[action];
  if (!step.from.includes(course.status)) throw conflict(`a ${course.status} course cannot be ${action}ed`);
  if (action === "publish") {
    const [row] = await db
      .select({ n: sql<number>`count(*)` })
      .from(lessons)
      .where(and(eq(lessons.courseId, course.id), isNull(lessons.removedAt)));
    if (!row?.n) throw new ApiError(409, "course_without_lessons", "a course cannot be published without a lesson");
  }
  const now = Date.now();
  await db.batch([
    db
      .update(courses)
      .set({ status: step.to, updatedAt: now, ...(action === "publish" ? { publishedAt: now } : {}) })
      .where(eq(courses.id, course.id)),
    auditInsert(
      db,
      { actorId, action: `course_${step.to}`, entity: "course", entityId: course.id, orgId: course.schoolOrgId },
      now,
    ),
  ]);
  return { status: step.to };
}

/** A lesson must carry what its kind needs; uploaded materials must belong to this course. */
async function checkLesson(db: Db, courseId: string, input: LessonInput) {
  if (input.kind === "text" && !input.body?.trim())
    throw invalid("a text lesson needs text", [{ path: "body", code: "too_small" }]);
  if (input.kind === "video" && !input.videoUrl && !input.materialKey) {
    throw invalid("a video lesson needs a file or a link", [{ path: "videoUrl", code: "too_small" }]);
  }
  if (input.kind === "document" && !input.materialKey) {
    throw invalid("a document lesson needs a file", [{ path: "materialKey", code: "too_small" }]);
  }
  if (input.materialKey) {
    const [m] = await db
      .select({ key: materials.key })
      .from(materials)
      .where(and(eq(materials.key, input.materialKey), eq(materials.courseId, courseId)));
    if (!m) throw invalid("no such uploaded file in this course", [{ path: "materialKey", code: "invalid_value" }]);
  }
}

function versionRow(lessonId: string, version: number, input: LessonInput, actorId: string, now: number) {
  const body = input.body ?? "";
  return {
    id: newId(),
    lessonId,
    version,
    kind: input.kind,
    title: input.title,
    body,
    bodyHtml: body ? renderMarkdown(body) : "",
    videoUrl: input.kind === "video" ? (input.videoUrl ?? null) : null,
    materialKey: input.kind === "text" ? null : (input.materialKey ?? null),
    minutes: input.minutes,
    createdBy: actorId,
    createdAt: now,
  };
}

export async function addLesson(db: Db, actorId: string, course: CourseRow, input: LessonInput) {
  await checkLesson(db, course.id, input);
  const now = Date.now();
  const lessonId = newId();
  const version = versionRow(lessonId, 1, input, actorId, now);
  await db.batch([
    db.insert(lessons).values({
      id: lessonId,
      courseId: course.id,
      position: sql`(SELECT coalesce(max(position), 0) + 1 FROM lessons WHERE course_id = ${course.id})`,
      currentVersionId: version.id,
      createdAt: now,
    }),
    db.insert(lessonVersions).values(version),
    db.update(courses).set({ updatedAt: now }).where(eq(courses.id, course.id)),
    recountLessons(db, course.id),
    indexLesson(db, course.id, lessonId, version),
  ]);
  return { id: lessonId, versionId: version.id };
}

/**
 * A draft course's lesson is edited in place; a published (or archived) one gets a new version row,
 * so what members already completed stays completed and points at what they studied.
 */
export async function updateLesson(
  db: Db,
  actorId: string,
  course: CourseRow,
  lessonId: string,
  patch: Partial<LessonInput>,
) {
  const [current] = await db
    .select({ v: lessonVersions })
    .from(lessons)
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.currentVersionId))
    .where(and(eq(lessons.id, lessonId), eq(lessons.courseId, course.id), isNull(lessons.removedAt)));
  if (!current) throw notFound("lesson");
  const prev = current.v;
  const merged: LessonInput = {
    kind: patch.kind ?? prev.kind,
    title: patch.title ?? prev.title,
    body: patch.body ?? prev.body,
    videoUrl: patch.videoUrl !== undefined ? patch.videoUrl : prev.videoUrl,
    materialKey: patch.materialKey !== undefined ? patch.materialKey : prev.materialKey,
    minutes: patch.minutes ?? prev.minutes,
  };
  await checkLesson(db, course.id, merged);
  const now = Date.now();
  if (course.status === "draft") {
    const { id: _i, lessonId: _l, version: _v, ...fields } = versionRow(lessonId, prev.version, merged, actorId, now);
    await db.batch([
      db.update(lessonVersions).set(fields).where(eq(lessonVersions.id, prev.id)),
      recountLessons(db, course.id),
      indexLesson(db, course.id, lessonId, fields),
    ]);
    return { versionId: prev.id, version: prev.version };
  }
  const next = versionRow(lessonId, prev.version + 1, merged, actorId, now);
  await db.batch([
    db.insert(lessonVersions).values(next),
    db.update(lessons).set({ currentVersionId: next.id }).where(eq(lessons.id, lessonId)),
    db.update(courses).set({ updatedAt: now }).where(eq(courses.id, course.id)),
    recountLessons(db, course.id),
    indexLesson(db, course.id, lessonId, next),
    auditInsert(
      db,
      {
        actorId,
        action: "lesson_versioned",
        entity: "lesson",
        entityId: lessonId,
        orgId: course.schoolOrgId,
        detail: { version: next.version },
      },
      now,
    ),
  ]);
  return { versionId: next.id, version: next.version };
}

/** Removed lessons stop counting toward completion; their progress rows stay as history. */
export async function removeLesson(db: Db, actorId: string, course: CourseRow, lessonId: string) {
  const now = Date.now();
  const done = await db
    .update(lessons)
    .set({ removedAt: now })
    .where(and(eq(lessons.id, lessonId), eq(lessons.courseId, course.id), isNull(lessons.removedAt)))
    .returning({ id: lessons.id });
  if (done.length === 0) throw notFound("lesson");
  await db.batch([
    recountLessons(db, course.id),
    unindexLesson(db, course.id, lessonId),
    auditInsert(
      db,
      { actorId, action: "lesson_removed", entity: "lesson", entityId: lessonId, orgId: course.schoolOrgId },
      now,
    ),
  ]);
}

export async function reorderLessons(db: Db, course: CourseRow, ids: string[]) {
  const rows = await db
    .select({ id: lessons.id })
    .from(lessons)
    .where(and(eq(lessons.courseId, course.id), isNull(lessons.removedAt)));
  const have = new Set(rows.map((r) => r.id));
  if (ids.length !== have.size || new Set(ids).size !== ids.length || !ids.every((i) => have.has(i))) {
    throw invalid("list every lesson of the course exactly once", [{ path: "lessonIds", code: "invalid_value" }]);
  }
  const [first, ...rest] = ids.map((id, i) =>
    db
      .update(lessons)
      .set({ position: i + 1 })
      .where(eq(lessons.id, id)),
  );
  if (first) await db.batch([first, ...rest]);
}

/** A lesson's identity and its current version's content, as one select. */
const lessonColumns = {
  id: lessons.id,
  position: lessons.position,
  versionId: lessonVersions.id,
  version: lessonVersions.version,
  kind: lessonVersions.kind,
  title: lessonVersions.title,
  body: lessonVersions.body,
  bodyHtml: lessonVersions.bodyHtml,
  videoUrl: lessonVersions.videoUrl,
  materialKey: lessonVersions.materialKey,
  minutes: lessonVersions.minutes,
};

/** The live lesson of this course (none when removed or another course's). */
const liveLesson = (courseId: string, lessonId: string) =>
  and(eq(lessons.id, lessonId), eq(lessons.courseId, courseId), isNull(lessons.removedAt));

/** A live lesson's current version, with the study rules the caller needs riding along as a JSON column. */
export function lessonContent(db: Db, courseId: string, lessonId: string, rules: SQL<string>) {
  return db
    .select({ ...lessonColumns, rules })
    .from(lessons)
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessons.currentVersionId))
    .where(liveLesson(courseId, lessonId))
    .limit(1);
}

/**
 * A school's courses for its editors, newest first, with lesson counts, minutes and credit by the
 * school's conversion table (one round trip: the list and the school's credit versions).
 */
export async function schoolCourses(
  db: Db,
  school: OrgRow,
  status: CourseStatus | undefined,
  limit: number,
  offset: number,
) {
  const list = db
    .select({
      id: courses.id,
      title: courses.title,
      category: courses.category,
      level: courses.level,
      status: courses.status,
      updatedAt: courses.updatedAt,
      creditHours: courses.creditHours,
      checkpointQuizId: courses.checkpointQuizId,
      lessons: sql<number>`(SELECT count(*) FROM lessons l WHERE l.course_id = ${outer(courses.id)} AND l.removed_at IS NULL)`,
      minutes: sql<number>`(SELECT coalesce(sum(v.minutes), 0) FROM lessons l
        JOIN lesson_versions v ON v.id = l.current_version_id
        WHERE l.course_id = ${outer(courses.id)} AND l.removed_at IS NULL)`,
    })
    .from(courses)
    .where(and(eq(courses.schoolOrgId, school.id), status ? eq(courses.status, status) : undefined))
    .orderBy(desc(courses.updatedAt))
    .limit(limit + 1)
    .offset(offset);
  const [rows, rules] = await db.batch([list, rulesAlong(db, "credit", school.path)]);
  const table = valuesNow(rules, "credit", school.path);
  return rows.map(({ creditHours, checkpointQuizId, ...r }) => ({
    ...r,
    credit: creditFor({ creditHours, checkpointQuizId }, r.minutes, table),
  }));
}

export async function materialsOf(db: Db, courseId: string) {
  return db.select().from(materials).where(eq(materials.courseId, courseId)).orderBy(desc(materials.createdAt));
}
