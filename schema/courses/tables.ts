import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/tables";
import { orgs } from "../orgs/tables";
import {
  AUDIENCES,
  COMPLETION_STATUSES,
  COURSE_CATEGORIES,
  COURSE_LEVELS,
  COURSE_STATUSES,
  LESSON_KINDS,
  PLAN_PERIODS,
  PLAN_PURPOSES,
  STUDY_RULE_KINDS,
  type StudyRuleKind,
} from "./values";

export const courses = sqliteTable(
  "courses",
  {
    id: text("id").primaryKey(),
    // The party school that publishes and owns the course.
    schoolOrgId: text("school_org_id")
      .notNull()
      .references(() => orgs.id),
    // Denormalized school path: visibility checks need no join.
    schoolPath: text("school_path").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    coverUrl: text("cover_url"),
    coverKey: text("cover_key"),
    category: text("category", { enum: COURSE_CATEGORIES }).notNull(),
    level: text("level", { enum: COURSE_LEVELS }).notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    status: text("status", { enum: COURSE_STATUSES }).notNull().default("draft"),
    // The checkpoint quiz (quizzes): completing the course requires passing it; null = no checkpoint = passed.
    checkpointQuizId: text("checkpoint_quiz_id"),
    // Publisher's override of the converted base credit (学时); null = from the lesson minutes.
    creditHours: real("credit_hours"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    publishedAt: integer("published_at"),
    // Its live lessons and their minutes, kept by every lesson change (worker/courses/service.ts
    // recountLessons) so lists of courses read no lessons.
    lessonCount: integer("lesson_count").notNull().default(0),
    minutes: integer("minutes").notNull().default(0),
  },
  (t) => [
    index("courses_school_idx").on(t.schoolOrgId, t.status),
    index("courses_status_cat_idx").on(t.status, t.category, t.level),
    index("courses_school_path_idx").on(t.schoolPath),
    index("courses_checkpoint_idx").on(t.checkpointQuizId),
  ],
);

/** A lesson's identity and place in its course; its content lives in versions. */
export const lessons = sqliteTable(
  "lessons",
  {
    id: text("id").primaryKey(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    position: integer("position").notNull(),
    currentVersionId: text("current_version_id").notNull(),
    removedAt: integer("removed_at"),
    createdAt: integer("created_at").notNull(),
    // A random id of what the lesson page shows (this row, its current version, its course's title, status and
    // school), new on every change to them by triggers (the migration's hand-written tail): an isolate that
    // holds the page's content by this id asks D1 for it again only when it changed (worker/courses/progress.ts).
    built: text("built").notNull().default(""),
  },
  (t) => [index("lessons_course_idx").on(t.courseId, t.removedAt, t.position)],
);

/** Editing a published lesson adds a row here; progress points at the lesson, so it survives. */
export const lessonVersions = sqliteTable(
  "lesson_versions",
  {
    id: text("id").primaryKey(),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id),
    version: integer("version").notNull(),
    kind: text("kind", { enum: LESSON_KINDS }).notNull(),
    title: text("title").notNull(),
    // Markdown source and its safe HTML (rendered on the server with raw HTML disabled).
    body: text("body").notNull().default(""),
    bodyHtml: text("body_html").notNull().default(""),
    videoUrl: text("video_url"),
    materialKey: text("material_key"),
    minutes: integer("minutes").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("lesson_versions_unique").on(t.lessonId, t.version)],
);

export const materials = sqliteTable(
  "materials",
  {
    key: text("key").primaryKey(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    name: text("name").notNull(),
    uploadedBy: text("uploaded_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("materials_course_idx").on(t.courseId)],
);

/** A curriculum plan: courses assigned to an org subtree for a period (year, quarter, themed class). */
export const curriculumPlans = sqliteTable(
  "curriculum_plans",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    title: text("title").notNull(),
    period: text("period", { enum: PLAN_PERIODS }).notNull(),
    purpose: text("purpose", { enum: PLAN_PURPOSES }).notNull().default("study"),
    year: integer("year").notNull(),
    quarter: integer("quarter"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("plans_org_idx").on(t.orgId, t.year)],
);

/**
 * A learner enrolled in a class plan (a 发展对象培训班) who need not be a member: the enrolment lets them
 * open and complete that plan's courses, recorded against orgId (their branch).
 */
export const planEnrollments = sqliteTable(
  "plan_enrollments",
  {
    id: text("id").primaryKey(),
    planId: text("plan_id")
      .notNull()
      .references(() => curriculumPlans.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    orgId: text("org_id").notNull(),
    enrolledBy: text("enrolled_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("plan_enrollments_unique").on(t.userId, t.planId),
    index("plan_enrollments_plan_idx").on(t.planId),
  ],
);

export const planItems = sqliteTable(
  "plan_items",
  {
    id: text("id").primaryKey(),
    planId: text("plan_id")
      .notNull()
      .references(() => curriculumPlans.id),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    // The plan's target org and its path, copied so "what applies to this branch" is one IN on the path.
    orgId: text("org_id").notNull(),
    orgPath: text("org_path").notNull(),
    required: integer("required", { mode: "boolean" }).notNull(),
    audience: text("audience", { enum: AUDIENCES }).notNull().default("all"),
    dueAt: integer("due_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("plan_items_unique").on(t.planId, t.courseId),
    index("plan_items_path_idx").on(t.orgPath),
    index("plan_items_course_idx").on(t.courseId),
  ],
);

/**
 * The study rules as versioned data (quotas, plausibility, credit conversion, checkpoint unlock): a new
 * version is a new row, in force from its year on; the rows of earlier years stay and keep their reports.
 */
export const studyRules = sqliteTable(
  "study_rules",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    kind: text("kind", { enum: STUDY_RULE_KINDS as [StudyRuleKind, ...StudyRuleKind[]] }).notNull(),
    fromYear: integer("from_year").notNull(),
    version: integer("version").notNull(),
    values: text("values", { mode: "json" }).$type<Record<string, number>>().notNull(),
    source: text("source").notNull(),
    note: text("note").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("study_rules_version_unique").on(t.orgId, t.kind, t.version)],
);

export const lessonProgress = sqliteTable(
  "lesson_progress",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    courseId: text("course_id").notNull(),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id),
    versionId: text("version_id").notNull(),
    // Server time of the first open: the guard against implausible completions (never a score).
    openedAt: integer("opened_at").notNull(),
    percent: integer("percent").notNull().default(0),
    position: real("position").notNull().default(0),
    completedAt: integer("completed_at"),
    implausible: integer("implausible", { mode: "boolean" }).notNull().default(false),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("lesson_progress_unique").on(t.userId, t.lessonId),
    index("lesson_progress_user_course_idx").on(t.userId, t.courseId),
    index("lesson_progress_user_updated_idx").on(t.userId, t.updatedAt),
    index("lesson_progress_lesson_idx").on(t.lessonId),
  ],
);

/** One row per member and course: the unique key makes completion idempotent. */
export const courseCompletions = sqliteTable(
  "course_completions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    // The member's branch at completion time.
    orgId: text("org_id").notNull(),
    status: text("status", { enum: COMPLETION_STATUSES }).notNull(),
    hours: real("hours").notNull(),
    checkpointPassed: integer("checkpoint_passed", { mode: "boolean" }).notNull(),
    completedAt: integer("completed_at").notNull(),
    reviewedBy: text("reviewed_by"),
    reviewedAt: integer("reviewed_at"),
  },
  (t) => [
    uniqueIndex("course_completions_unique").on(t.userId, t.courseId),
    index("course_completions_course_idx").on(t.courseId),
    index("course_completions_org_idx").on(t.orgId, t.status),
    // The review queue's: a subtree's flagged completions are sought per member without reading the rest.
    index("course_completions_flagged_idx").on(t.userId).where(sql`status = 'flagged'`),
  ],
);

/**
 * 学时 earned offline: one row per present member of a study meeting (orglife), replaced whole when
 * the meeting's attendance is corrected, so a correction changes the credit exactly once.
 */
export const offlineCredits = sqliteTable(
  "offline_credits",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    // The member's branch at the meeting.
    orgId: text("org_id").notNull(),
    sourceMeetingId: text("source_meeting_id").notNull(),
    title: text("title").notNull(),
    // The meeting's calendar day in the branch's time zone: the study year it counts in.
    studiedOn: text("studied_on").notNull(),
    hours: real("hours").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("offline_credits_unique").on(t.sourceMeetingId, t.userId),
    index("offline_credits_user_idx").on(t.userId, t.studiedOn),
    // A branch's 学时 from its meetings in a year (organisational life's branch report).
    index("offline_credits_org_idx").on(t.orgId, t.studiedOn),
  ],
);

/**
 * A member's study year, kept in step by every write that changes it (a credited completion, offline
 * 学时): the 学时 online and offline in that year of their branch's zone, so "my study", home and the study
 * report read one row by key instead of summing completions and meetings. The migration backfills it.
 */
export const studyYears = sqliteTable(
  "study_years",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    year: integer("year").notNull(),
    onlineHours: real("online_hours").notNull().default(0),
    offlineHours: real("offline_hours").notNull().default(0),
    // 学时 credited online in another tenant before a transfer (组织关系转接): those completions stay
    // with the courses they were for, so a recount here adds this to the completions it has.
    carriedOnlineHours: real("carried_online_hours").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.year] })],
);

/**
 * What the catalogue search indexes, one row per course (lessonId '') and per current lesson: the text as
 * written (shown in snippets) and folded to one written form (worker/lib/fold.ts), which is what the FTS5
 * table course_search indexes. course_search is hand-written in the migration, kept by triggers on this
 * table; it reads the text as written from here (external content) for snippets. Only listed rows (of a
 * published course, kept by triggers from the course's status) are in course_search and course_search_grams:
 * a draft's text never weighs in a search (bm25's average length) nor costs index writes while edited.
 */
export const courseSearchDocs = sqliteTable(
  "course_search_docs",
  {
    id: integer("id").primaryKey(),
    courseId: text("course_id").notNull(),
    lessonId: text("lesson_id").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    foldedTitle: text("folded_title").notNull(),
    foldedBody: text("folded_body").notNull(),
    listed: integer("listed", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("course_search_docs_key").on(t.courseId, t.lessonId)],
);

/**
 * The catalogue search's index for queries of 1 and 2 characters (below the trigram's 3): every single
 * character and pair of characters of each course_search_docs row's folded title and body (ASCII lower-cased,
 * as LIKE compares), with the row they occur in. Derived: triggers on course_search_docs keep it (hand-written
 * at the end of its migration), so a query reads the postings of its one gram instead of every row.
 */
export const courseSearchGrams = sqliteTable(
  "course_search_grams",
  {
    gram: text("gram").notNull(),
    docId: integer("doc_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.gram, t.docId] }), index("course_search_grams_doc_idx").on(t.docId)],
);

/**
 * The catalogue's answer pages as served (JSON text), kept per (folded query, filters, page, the caller's
 * trees, year) under the tenant's catalogue epoch at the time they were computed: a page whose epoch is not
 * the current one is never served. The most recent CATALOGUE_KEPT_PAGES are kept (worker/courses/catalogue.ts).
 */
export const cataloguePages = sqliteTable(
  "catalogue_pages",
  {
    key: text("key").primaryKey(),
    epoch: integer("epoch").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    /** A random id of the build that wrote the row: what an isolate holding its body asks after (worker/lib/kept.ts). */
    built: text("built").notNull().default(""),
  },
  (t) => [index("catalogue_pages_created_idx").on(t.createdAt)],
);

/**
 * One row (id 1): the tenant's catalogue epoch, bumped by triggers (end of its migration) on every change
 * to what a catalogue page shows: courses, lessons, the search text, credit rules, org paths.
 */
export const catalogueEpoch = sqliteTable("catalogue_epoch", {
  id: integer("id").primaryKey(),
  epoch: integer("epoch").notNull(),
});

/**
 * An org's study per month of a study year (its report's chart): 学时 credited online and offline and courses
 * credited, summed over the people of its subtree (org_people: a branch's members; a committee's, each once
 * however many of its branches they are in, as its study report lists them), each month in the org's time
 * zone. Derived data: the report builds an org's 12 rows of a year from the source rows when it first shows
 * them (worker/courses/branch-months.ts), with the month's bounds, and triggers (hand-written at the end of
 * the org_people migration) keep them: a credit or an offline credit adds to its month in every org its
 * member is in, a person arriving in (leaving) an org's subtree or (de)activated adds (takes) their credits,
 * a zone change drops the org's rows to be built again. A committee's chart is its own 12 rows.
 */
export const branchStudyMonths = sqliteTable(
  "branch_study_months",
  {
    // No foreign key: an org with no members left may be removed with its (empty) rows still here.
    orgId: text("org_id").notNull(),
    year: integer("year").notNull(),
    month: integer("month").notNull(),
    // [startsAt, endsAt) of the month in the org's zone, in ms: what a credit's moment is matched against.
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    onlineHours: real("online_hours").notNull().default(0),
    offlineHours: real("offline_hours").notNull().default(0),
    completions: integer("completions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year, t.month] })],
);

/**
 * "My study" (and home's share of it) as last answered, per member (derived data: left out of tenant dumps, like every kept_
 * table). A row answers only while its generation and epoch are still those of kept_study_generations,
 * it was built for the same memberships and valid_until (the next instant the answer changes by time
 * alone) has not come; triggers on every input bump those generations (migration's hand-written tail).
 */
export const keptStudyPages = sqliteTable("kept_study_pages", {
  userId: text("user_id").primaryKey(),
  // The memberships (path and role, in session order) the answer was built for.
  builtFor: text("built_for").notNull(),
  generation: integer("generation").notNull(),
  epoch: integer("epoch").notNull(),
  validUntil: integer("valid_until").notNull(),
  // The answer's JSON text, served as it is; and the home page's study part (worker/courses/home.ts).
  body: text("body").notNull(),
  home: text("home").notNull(),
  builtAt: integer("built_at").notNull(),
  /** A random id of the build that wrote the row: what an isolate holding its body asks after (worker/lib/kept.ts). */
  built: text("built").notNull().default(""),
});

/** How often each member's study inputs changed (key: the user id), and the tenant-wide inputs (key '*'). */
export const keptStudyGenerations = sqliteTable("kept_study_generations", {
  key: text("key").primaryKey(),
  generation: integer("generation").notNull(),
});

/** Pages of the branch study table kept as served (worker/courses/report.ts), as kept_roster_pages are. */
export const keptReportPages = sqliteTable("kept_report_pages", {
  key: text("key").primaryKey(),
  stamp: text("stamp").notNull(),
  validUntil: integer("valid_until").notNull(),
  body: text("body").notNull(),
  /** A random id of the build that wrote the row: what an isolate holding its body asks after (worker/lib/kept.ts). */
  built: text("built").notNull().default(""),
});
