import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Response } from "../banks/types";
import type { GradingMethod, ReviewOptions, SlotSpec } from "./types";

export const quizzes = sqliteTable(
  "quizzes",
  {
    id: text("id").primaryKey(),
    ownerOrgId: text("owner_org_id").notNull(),
    ownerPath: text("owner_path").notNull(),
    // The subtree whose members may take it (an exam), or the course's audience for a checkpoint.
    audienceOrgId: text("audience_org_id").notNull(),
    audiencePath: text("audience_path").notNull(),
    courseId: text("course_id"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    slots: text("slots", { mode: "json" }).$type<SlotSpec[]>().notNull(),
    openAt: integer("open_at"),
    closeAt: integer("close_at"),
    timeLimitSec: integer("time_limit_sec"),
    attemptsAllowed: integer("attempts_allowed").notNull().default(1),
    gradingMethod: text("grading_method").$type<GradingMethod>().notNull().default("highest"),
    passPercent: real("pass_percent").notNull().default(60),
    shuffleQuestions: integer("shuffle_questions", { mode: "boolean" }).notNull().default(false),
    shuffleOptions: integer("shuffle_options", { mode: "boolean" }).notNull().default(true),
    review: text("review", { mode: "json" }).$type<ReviewOptions>().notNull(),
    published: integer("published", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("quizzes_owner_idx").on(t.ownerPath),
    index("quizzes_audience_idx").on(t.audiencePath),
    index("quizzes_course_idx").on(t.courseId),
  ],
);

/** Per-member extra time or attempts. */
export const quizOverrides = sqliteTable(
  "quiz_overrides",
  {
    id: text("id").primaryKey(),
    quizId: text("quiz_id").notNull(),
    userId: text("user_id").notNull(),
    extraTimeSec: integer("extra_time_sec").notNull().default(0),
    extraAttempts: integer("extra_attempts").notNull().default(0),
  },
  (t) => [uniqueIndex("quiz_overrides_unique").on(t.quizId, t.userId)],
);

export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: text("id").primaryKey(),
    quizId: text("quiz_id").notNull(),
    userId: text("user_id").notNull(),
    orgId: text("org_id").notNull(),
    number: integer("number").notNull(),
    // Random, never sent: keys the ids this attempt shows for options (worker/quizzes/keys.ts).
    // Empty for attempts started before it existed: those show authored ids.
    idKey: text("id_key").notNull().default(""),
    // open -> grading (claimed by exactly one submit) -> closed
    state: text("state").$type<"open" | "grading" | "closed">().notNull(),
    startedAt: integer("started_at").notNull(),
    deadline: integer("deadline"),
    submittedAt: integer("submitted_at"),
    closedBy: text("closed_by").$type<"member" | "deadline" | "cron">(),
    score: real("score"),
    maxScore: real("max_score").notNull(),
    percent: real("percent"),
    // Essays waiting for a person: the score is provisional until this reaches 0.
    pendingCount: integer("pending_count").notNull().default(0),
    passed: integer("passed", { mode: "boolean" }),
    flag: text("flag"),
  },
  (t) => [
    uniqueIndex("quiz_attempts_unique").on(t.quizId, t.userId, t.number),
    index("quiz_attempts_user_idx").on(t.userId, t.quizId),
    index("quiz_attempts_quiz_state_idx").on(t.quizId, t.state),
  ],
);

/** One question of one attempt, fixed at start. The autosave key is (attempt, slot). */
export const attemptSlots = sqliteTable(
  "attempt_slots",
  {
    id: text("id").primaryKey(),
    attemptId: text("attempt_id").notNull(),
    quizId: text("quiz_id").notNull(),
    slot: integer("slot").notNull(),
    questionId: text("question_id").notNull(),
    versionId: text("version_id").notNull(),
    points: real("points").notNull(),
    // Option ids (choices) or right-hand texts (matching) in the order this attempt shows them.
    order: text("option_order", { mode: "json" }).$type<string[]>(),
    response: text("response", { mode: "json" }).$type<Response>(),
    // The client's own counter: an older save never overwrites a newer one; a replay rewrites the same.
    seq: integer("seq").notNull().default(0),
    savedAt: integer("saved_at"),
    fraction: real("fraction"),
    // The chosen option ids ("o1,o3") or "true"/"false", set when graded: statistics count it from the index.
    pick: text("pick"),
    // Essays: null fraction and needsGrading until a person grades.
    needsGrading: integer("needs_grading", { mode: "boolean" }).notNull().default(false),
    comment: text("comment"),
    gradedBy: text("graded_by"),
    gradedAt: integer("graded_at"),
  },
  (t) => [
    uniqueIndex("attempt_slots_unique").on(t.attemptId, t.slot),
    // Covers the statistics aggregates (no table lookups); autosave never writes these columns.
    index("attempt_slots_quiz_question_idx").on(t.quizId, t.questionId, t.attemptId, t.fraction, t.points, t.pick),
    index("attempt_slots_grading_idx").on(t.quizId, t.needsGrading),
    index("attempt_slots_question_idx").on(t.questionId),
  ],
);

/** 每日一练: one set per member per day; private to the member, counts for nothing. */
export const practiceDays = sqliteTable(
  "practice_days",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    day: text("day").notNull(),
    versionIds: text("version_ids", { mode: "json" }).$type<string[]>().notNull(),
    answers: text("answers", { mode: "json" }).$type<Record<string, { response: Response; fraction: number }>>(),
    correct: integer("correct").notNull().default(0),
    // As quiz_attempts.id_key, for the day's set.
    idKey: text("id_key").notNull().default(""),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("practice_days_unique").on(t.userId, t.day)],
);
