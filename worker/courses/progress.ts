import { and, eq, sql } from "drizzle-orm";
import { courseCompletions, courses, lessonProgress } from "../../schema";
import type { SessionUser } from "../auth";
import type { Caller } from "../env";
import { archiveInsert } from "../lib/archive";
import type { Db } from "../lib/db";
import { ApiError, conflict, isUniqueViolation, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { heldAs, heldBuild, hold } from "../lib/kept";
import { prebuilt, readBatch } from "../lib/sql";
import { attemptGraded, attemptStarting } from "../quizzes";
import { type CourseRow, canEdit, canView, memberBranches, viewableCourse } from "./access";
import { checkpointPassed, completeAt, creditFor, minPlausibleMs, studiedPercent } from "./credit";
import { pathIdsJson, type RuleRow, rulesColumn, rulesFrom, rulesOnSql, valuesNow } from "./rules";
import { lessonContent } from "./service";
import { enrolledOrgId } from "./training";
import { onlineYearStatement } from "./years";

type Kind = "text" | "video" | "document";

/** What a lesson page shows of the lesson and its course: named by the lesson row's `built`, held between reads. */
interface ReaderContent {
  courseTitle: string;
  courseStatus: CourseRow["status"];
  schoolPath: string;
  version: number;
  kind: Kind;
  title: string;
  bodyHtml: string;
  videoUrl: string | null;
  materialKey: string | null;
  minutes: number;
}

/** The reader's row: the lesson's build, its content unless the isolate holds that build, the rules, the member's progress. */
interface ReaderRow {
  built: string;
  content: string | null;
  rules: string | null;
  openedAt: number | null;
  completedAt: number | null;
  implausible: number | null;
}
export type CompletionRow = typeof courseCompletions.$inferSelect;

/** The branch a member's study is recorded against (their member branch, else their first org). */
function studyOrg(user: SessionUser) {
  return memberBranches(user)[0] ?? user.memberships[0] ?? null;
}

/** The committee's plausibility shares over the member's branch: a column for the lesson's select, and its values. */
const studyPath = (user: SessionUser) => studyOrg(user)?.orgPath ?? "/";
const plausibilityOf = (user: SessionUser) => rulesColumn("plausibility", studyPath(user));
const sharesIn = (column: string | null, user: SessionUser) =>
  valuesNow(rulesFrom(column), "plausibility", studyPath(user));

/**
 * Records how far the member got in one lesson (one upsert). The first call stamps the server-side
 * open time; a lesson completes once, when the share reaches its kind's mark, and is marked
 * implausible when that came sooner after opening than the lesson's length allows.
 */
async function recordProgress(
  db: Db,
  userId: string,
  lesson: { id: string; courseId: string; versionId: string; kind: Kind; minutes: number },
  percent: number,
  position: number,
  minGap: number,
  now = Date.now(),
) {
  const mark = completeAt(lesson.kind);
  const p = lessonProgress;
  const [row] = await db
    .insert(p)
    .values({
      id: newId(),
      userId,
      courseId: lesson.courseId,
      lessonId: lesson.id,
      versionId: lesson.versionId,
      openedAt: now,
      percent,
      position,
      completedAt: percent >= mark ? now : null,
      implausible: percent >= mark && minGap > 0,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [p.userId, p.lessonId],
      set: {
        percent: sql`max(${p.percent}, excluded.percent)`,
        position: sql`excluded.position`,
        versionId: sql`excluded.version_id`,
        updatedAt: sql`excluded.updated_at`,
        completedAt: sql`coalesce(${p.completedAt}, CASE WHEN excluded.percent >= ${mark} THEN excluded.updated_at END)`,
        implausible: sql`CASE WHEN ${p.completedAt} IS NULL AND excluded.percent >= ${mark}
          THEN (excluded.updated_at - ${p.openedAt}) < ${minGap} ELSE ${p.implausible} END`,
      },
    })
    .returning();
  return { progress: row!, justCompleted: row?.completedAt === now };
}

/**
 * A member's progress in one lesson of a published course; the lesson that finishes the course
 * completes it (a pending checkpoint or unfinished lesson just leaves `completion` null).
 */
export async function recordLessonProgress(
  db: Db,
  user: SessionUser,
  course: CourseRow,
  lessonId: string,
  body: { percent: number; position?: number },
) {
  if (course.status !== "published") throw conflict("only published courses record progress");
  const [found] = await lessonContent(db, course.id, lessonId, plausibilityOf(user));
  if (!found) throw notFound("lesson");
  const { rules, ...lesson } = found;
  const lessonRef = { ...lesson, courseId: course.id };
  const minGap = minPlausibleMs(lesson.kind, lesson.minutes, sharesIn(rules, user));
  const { progress, justCompleted } = await recordProgress(
    db,
    user.id,
    lessonRef,
    body.percent,
    body.position ?? 0,
    minGap,
  );
  const done = justCompleted ? await tryCompleteCourse(db, user, course, Date.now()) : null;
  return {
    percent: progress.percent,
    openedAt: progress.openedAt,
    completedAt: progress.completedAt,
    implausible: progress.implausible,
    completion: done && "completion" in done ? done.completion : null,
  };
}

// A plain statement (not drizzle's select, which reads through raw()), so on a remembered session it rides in
// one batch with the session check; built once. The content is read (joining the course and the version) only
// when the isolate does not hold the lesson's build: the lookups a lesson page costs were most of its D1 time.
const readerStatement = prebuilt(sql`
  SELECT l.built AS built,
      CASE WHEN l.built = ${sql.placeholder("held")} THEN NULL ELSE (
        SELECT json_object('courseTitle', c.title, 'courseStatus', c.status, 'schoolPath', c.school_path,
            'version', v.version, 'kind', v.kind, 'title', v.title, 'bodyHtml', v.body_html, 'videoUrl', v.video_url,
            'materialKey', v.material_key, 'minutes', v.minutes)
          FROM courses c JOIN lesson_versions v ON v.id = l.current_version_id WHERE c.id = l.course_id) END AS content,
      ${rulesColumn("plausibility", sql.placeholder("pathIds"))} AS rules,
      p.opened_at AS openedAt, p.completed_at AS completedAt, p.implausible AS implausible
    FROM lessons l
    LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.user_id = ${sql.placeholder("user")}
    WHERE l.id = ${sql.placeholder("lesson")} AND l.course_id = ${sql.placeholder("course")} AND l.removed_at IS NULL`);

const heldRow = (lessonId: string) => `lesson ${lessonId}`;

/** The lesson's content from its row: the one held when D1 left it out, else the one read (held from now on). */
function contentOf(lessonId: string, row: ReaderRow): ReaderContent | undefined {
  if (row.content === null) return heldAs<ReaderContent>(heldRow(lessonId), row.built);
  const content = Object.freeze(JSON.parse(row.content) as ReaderContent);
  hold(heldRow(lessonId), row.built, content, row.content.length);
  return content;
}

export async function lessonForReader(caller: Caller, courseId: string, lessonId: string) {
  const { db, user } = caller;
  const d1 = db.$client;
  const values = { lesson: lessonId, course: courseId, user: user.id, pathIds: pathIdsJson(studyPath(user)) };
  const readRow = async (held: string | null) =>
    (await d1.batch([readerStatement(d1, { ...values, held })]))[0]!.results[0] as ReaderRow | undefined;
  const held = heldBuild(heldRow(lessonId));
  let found = await readRow(held);
  let shown = found && contentOf(lessonId, found);
  // Let go of (by another request) since it was asked for: read again in full.
  if (found && !shown && held !== null) {
    found = await readRow(null);
    shown = found && contentOf(lessonId, found);
  }
  if (!found || !shown) {
    // No such lesson: the course's own check says whether that is "no course" (404 too) or "no lesson".
    await viewableCourse(caller, courseId);
    throw notFound("lesson");
  }
  const { rules, openedAt, completedAt, implausible } = found;
  const { courseTitle, courseStatus, schoolPath, ...content } = shown;
  const enrolled = () => courseStatus === "published" && enrolledOrgId(db, user.id, courseId);
  if (!canView(user, { status: courseStatus, schoolPath }) && !(await enrolled())) throw notFound("course");
  const lesson = { id: lessonId, ...content };
  const countsAfterMs = minPlausibleMs(lesson.kind, lesson.minutes, sharesIn(rules, user));
  const rule = { completeAt: completeAt(lesson.kind), countsAfterMs };
  return {
    courseTitle,
    courseStatus,
    lesson,
    rule,
    progress: openedAt === null ? null : { openedAt, completedAt, implausible: !!implausible },
  };
}

interface Stats {
  total: number;
  done: number;
  flagged: number;
  minutes: number;
}

/**
 * Awards the course once every current lesson is complete and the checkpoint is passed: one read
 * (stats + existing completion, batched), one atomic write. The unique (user, course) key makes
 * repeats idempotent: they return the existing completion. Implausible lessons make the completion
 * "flagged": no credit and no archive event until the secretary accepts it.
 */
export async function completeCourse(db: Db, user: SessionUser, course: CourseRow, now = Date.now()) {
  const r = await tryCompleteCourse(db, user, course, now);
  if ("refused" in r) throw r.refused;
  return r;
}

/** completeCourse without the refusal thrown: "not finished yet" is an answer here, not an error. */
async function tryCompleteCourse(db: Db, user: SessionUser, course: CourseRow, now: number) {
  const [stats, existing, rules, branch] = await readBatch<[Stats, CompletionRow, RuleRow, { timeZone: string }]>(db, [
    sql`SELECT
      (SELECT count(*) FROM lessons WHERE course_id = ${course.id} AND removed_at IS NULL) AS total,
      (SELECT count(*) FROM lessons l JOIN lesson_progress p ON p.lesson_id = l.id AND p.user_id = ${user.id}
        WHERE l.course_id = ${course.id} AND l.removed_at IS NULL AND p.completed_at IS NOT NULL) AS done,
      (SELECT count(*) FROM lessons l JOIN lesson_progress p ON p.lesson_id = l.id AND p.user_id = ${user.id}
        WHERE l.course_id = ${course.id} AND l.removed_at IS NULL AND p.implausible = 1) AS flagged,
      (SELECT coalesce(sum(v.minutes), 0) FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id
        WHERE l.course_id = ${course.id} AND l.removed_at IS NULL) AS minutes`,
    sql`SELECT * FROM course_completions WHERE user_id = ${user.id} AND course_id = ${course.id}`,
    rulesOnSql("credit", [course.schoolPath]),
    sql`SELECT time_zone AS timeZone FROM orgs WHERE id = ${studyOrg(user)?.orgId ?? ""}`,
  ]);
  if (existing[0]) return { completion: completionOf(existing[0]), created: false };
  const s = stats[0];
  if (!s || s.total === 0 || s.done < s.total) {
    const details = { done: s?.done ?? 0, total: s?.total ?? 0, code: "not_finished" };
    return { refused: conflict("finish every lesson first", details) };
  }
  const passed = await checkpointPassed(db, user.id, course);
  if (!passed) return { refused: conflict("pass the checkpoint quiz first", { code: "checkpoint_pending" }) };
  const orgId = studyOrg(user)?.orgId ?? (await enrolledOrgId(db, user.id, course.id));
  if (!orgId) return { refused: conflict("you are not a member of any organization") };
  const row: CompletionRow = {
    id: newId(),
    userId: user.id,
    courseId: course.id,
    orgId,
    status: s.flagged > 0 ? "flagged" : "credited",
    hours: creditFor(course, s.minutes, valuesNow(rules, "credit", course.schoolPath)),
    checkpointPassed: true,
    completedAt: now,
    reviewedBy: null,
    reviewedAt: null,
  };
  try {
    if (row.status === "credited") {
      await db.batch([
        db.insert(courseCompletions).values(row),
        completionArchive(db, row, course.title, null, now),
        onlineYearStatement(db, user.id, now, branch[0]?.timeZone),
      ]);
    } else {
      await db.insert(courseCompletions).values(row);
    }
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const [again] = await db
      .select()
      .from(courseCompletions)
      .where(and(eq(courseCompletions.userId, user.id), eq(courseCompletions.courseId, course.id)));
    return { completion: again!, created: false };
  }
  return { completion: row, created: true };
}

/**
 * After the member passes a quiz: completes every published course (visible to them) whose checkpoint it
 * is, when all its lessons are done. "Not finished yet" or "not passed" is not an error here, and
 * repeats are idempotent. One indexed query when the quiz is nobody's checkpoint.
 */
async function completeCheckpointCourses(db: Db, user: SessionUser, quizId: string, now = Date.now()) {
  const rows = await db
    .select()
    .from(courses)
    .where(and(eq(courses.checkpointQuizId, quizId), eq(courses.status, "published")));
  const out: CompletionRow[] = [];
  for (const course of rows.filter((c) => canView(user, c))) {
    const r = await tryCompleteCourse(db, user, course, now);
    if ("created" in r && r.created) out.push(r.completion);
  }
  return out;
}

// A quiz graded in full may be a course's checkpoint: courses react, quizzes need not know them.
attemptGraded.on(({ db, user, quizId }) => completeCheckpointCourses(db, user, quizId));

/**
 * A checkpoint opens once the member has studied the school's share of a course it belongs to (by lesson
 * length); its publishers may always try it. One round trip: the courses with this member's studied
 * minutes, and the unlock versions on their schools and above. A quiz that is nobody's checkpoint passes.
 */
async function checkpointOpen(db: Db, user: SessionUser, quizId: string) {
  const [rows, rules] = await readBatch<
    [{ schoolPath: string; status: CourseRow["status"]; total: number; done: number }, RuleRow]
  >(db, [
    sql`SELECT c.school_path AS schoolPath, c.status,
        (SELECT coalesce(sum(v.minutes), 0) FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id
          WHERE l.course_id = c.id AND l.removed_at IS NULL) AS total,
        (SELECT coalesce(sum(v.minutes), 0) FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id
          JOIN lesson_progress p ON p.lesson_id = l.id AND p.user_id = ${user.id} AND p.completed_at IS NOT NULL
          WHERE l.course_id = c.id AND l.removed_at IS NULL) AS done
      FROM courses c WHERE c.checkpoint_quiz_id = ${quizId} AND c.status = 'published'`,
    sql`SELECT r.org_id AS orgId, r.kind, r.from_year AS fromYear, r.version, r."values" FROM study_rules r
      WHERE r.kind = 'checkpoint' AND EXISTS (SELECT 1 FROM courses c WHERE c.checkpoint_quiz_id = ${quizId}
        AND instr(c.school_path, '/' || r.org_id || '/') > 0)`,
  ]);
  const mine = rows.filter((c) => canView(user, c));
  if (!mine.length || mine.some((c) => canEdit(user, c))) return;
  const shares = mine.map((c) => ({
    studiedPercent: studiedPercent(c.done, c.total),
    unlockPercent: valuesNow(rules, "checkpoint", c.schoolPath).unlockPercent,
  }));
  if (shares.some((s) => s.studiedPercent >= s.unlockPercent)) return;
  throw new ApiError(409, "checkpoint_locked", "study more of the course before its checkpoint", shares[0]);
}
attemptStarting.on(({ db, user, quizId }) => checkpointOpen(db, user, quizId));

/** A raw course_completions row in the drizzle shape. */
export function completionOf(r: any): CompletionRow {
  return {
    id: r.id,
    userId: r.user_id,
    courseId: r.course_id,
    orgId: r.org_id,
    status: r.status,
    hours: r.hours,
    checkpointPassed: r.checkpoint_passed === 1,
    completedAt: r.completed_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
  };
}

/** The growth-archive event of a credited completion. */
export function completionArchive(db: Db, row: CompletionRow, title: string, recordedBy: string | null, now: number) {
  return archiveInsert(
    db,
    {
      memberId: row.userId,
      orgId: row.orgId,
      kind: "course_completed",
      subjectType: "course_completion",
      subjectId: row.id,
      summary: { courseId: row.courseId, title, hours: row.hours },
      occurredAt: row.completedAt,
      recordedBy,
    },
    now,
  );
}
