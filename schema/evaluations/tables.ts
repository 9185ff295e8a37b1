import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/tables";
import { orgs } from "../orgs/tables";
import { FOLLOWUP_OUTCOMES, FOLLOWUP_STEPS } from "./followups";
import type { CycleWindows } from "./periods";
import {
  ANALYSIS_STATUSES,
  type AppraisalSettings,
  FREQUENCIES,
  GRADES,
  OVERRIDE_STATUSES,
  type PhaseWindows,
  type TemplateSection,
} from "./values";

/** A committee's schedule for its whole subtree. */
export const evalSchedules = sqliteTable(
  "eval_schedules",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    orgPath: text("org_path").notNull(),
    name: text("name").notNull(),
    frequency: text("frequency", { enum: FREQUENCIES }).notNull(),
    phases: text("phases", { mode: "json" }).$type<PhaseWindows>().notNull(),
    template: text("template", { mode: "json" }).$type<TemplateSection[]>().notNull(),
    settings: text("settings", { mode: "json" }).$type<AppraisalSettings>().notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("eval_schedules_org_idx").on(t.orgId), index("eval_schedules_active_idx").on(t.active)],
);

/** One branch's cycle for one period of a schedule: the unique key makes the cron idempotent. */
export const evalCycles = sqliteTable(
  "eval_cycles",
  {
    id: text("id").primaryKey(),
    scheduleId: text("schedule_id")
      .notNull()
      .references(() => evalSchedules.id),
    branchId: text("branch_id")
      .notNull()
      .references(() => orgs.id),
    branchPath: text("branch_path").notNull(),
    name: text("name").notNull(),
    label: text("label").notNull(),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    closesAt: integer("closes_at").notNull(),
    windows: text("windows", { mode: "json" }).$type<CycleWindows["windows"]>().notNull(),
    template: text("template", { mode: "json" }).$type<TemplateSection[]>().notNull(),
    settings: text("settings", { mode: "json" }).$type<AppraisalSettings>().notNull(),
    /** The phase the cron last announced (notifications); rules read the windows, not this. */
    phase: text("phase"),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    openedBy: text("opened_by"),
    createdAt: integer("created_at").notNull(),
    closedAt: integer("closed_at"),
  },
  (t) => [
    uniqueIndex("eval_cycles_period_unique").on(t.scheduleId, t.branchId, t.periodStart),
    index("eval_cycles_branch_status_idx").on(t.branchId, t.status),
    index("eval_cycles_path_idx").on(t.branchPath, t.periodStart),
  ],
);

/** A member's self-analysis in a cycle; submitted versions live in eval_analysis_versions. */
export const evalAnalyses = sqliteTable(
  "eval_analyses",
  {
    id: text("id").primaryKey(),
    cycleId: text("cycle_id")
      .notNull()
      .references(() => evalCycles.id),
    memberId: text("member_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ANALYSIS_STATUSES }).notNull().default("draft"),
    draft: text("draft", { mode: "json" }).$type<Record<string, string>>().notNull(),
    reports: text("reports", { mode: "json" }).$type<Record<string, string>>().notNull(),
    version: integer("version").notNull().default(0),
    comment: text("comment"),
    reviewedBy: text("reviewed_by"),
    reviewedAt: integer("reviewed_at"),
    submittedAt: integer("submitted_at"),
    /** Set by a committee that reopens this member's form after the window. */
    reopenedUntil: integer("reopened_until"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("eval_analyses_cycle_member_unique").on(t.cycleId, t.memberId),
    index("eval_analyses_member_idx").on(t.memberId),
  ],
);

export const evalAnalysisVersions = sqliteTable(
  "eval_analysis_versions",
  {
    analysisId: text("analysis_id")
      .notNull()
      .references(() => evalAnalyses.id),
    version: integer("version").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, string>>().notNull(),
    reports: text("reports", { mode: "json" }).$type<Record<string, string>>().notNull(),
    outcome: text("outcome", { enum: ["returned", "accepted"] }),
    comment: text("comment"),
    submittedAt: integer("submitted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.analysisId, t.version] })],
);

/** 整改措施 of an accepted analysis; the member reports on each in a later cycle. */
export const evalRectifications = sqliteTable(
  "eval_rectifications",
  {
    id: text("id").primaryKey(),
    memberId: text("member_id")
      .notNull()
      .references(() => users.id),
    sourceAnalysisId: text("source_analysis_id")
      .notNull()
      .references(() => evalAnalyses.id),
    text: text("text").notNull(),
    report: text("report"),
    reportedInCycleId: text("reported_in_cycle_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("eval_rect_member_idx").on(t.memberId, t.reportedInCycleId),
    index("eval_rect_source_idx").on(t.sourceAnalysisId),
  ],
);

/** Self (rater = ratee) and peer appraisals; one vote per rater and ratee per cycle. */
export const evalVotes = sqliteTable(
  "eval_votes",
  {
    cycleId: text("cycle_id")
      .notNull()
      .references(() => evalCycles.id),
    raterId: text("rater_id")
      .notNull()
      .references(() => users.id),
    rateeId: text("ratee_id")
      .notNull()
      .references(() => users.id),
    grade: text("grade", { enum: GRADES }).notNull(),
    comment: text("comment"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.raterId, t.rateeId] }),
    index("eval_votes_ratee_idx").on(t.cycleId, t.rateeId),
  ],
);

export const evalDecisions = sqliteTable(
  "eval_decisions",
  {
    cycleId: text("cycle_id")
      .notNull()
      .references(() => evalCycles.id),
    memberId: text("member_id")
      .notNull()
      .references(() => users.id),
    grade: text("grade", { enum: GRADES }).notNull(),
    reason: text("reason"),
    quotaOverride: text("quota_override"),
    decidedBy: text("decided_by").notNull(),
    decidedAt: integer("decided_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.memberId] }), index("eval_decisions_member_idx").on(t.memberId)],
);

/**
 * 优秀 beyond the quota: the branch asks (with a reason) and a higher committee admin answers; the
 * answer is never the requester's. At most one request of a cycle is pending at a time.
 */
export const evalQuotaOverrides = sqliteTable(
  "eval_quota_overrides",
  {
    id: text("id").primaryKey(),
    cycleId: text("cycle_id")
      .notNull()
      .references(() => evalCycles.id),
    /** The number of 优秀 asked for (more than the quota). */
    excellent: integer("excellent").notNull(),
    reason: text("reason").notNull(),
    status: text("status", { enum: OVERRIDE_STATUSES }).notNull().default("pending"),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at").notNull(),
    answeredBy: text("answered_by").references(() => users.id),
    answeredAt: integer("answered_at"),
    answer: text("answer"),
  },
  (t) => [index("eval_quota_overrides_cycle_idx").on(t.cycleId, t.requestedAt)],
);

/**
 * 不合格 opens a follow-up (education first), written once when the cycle closes. nextStep, nextDue and
 * outcome are kept current by every step, so the branch list and the overdue warnings are one indexed
 * query each.
 */
export const evalFollowups = sqliteTable(
  "eval_followups",
  {
    id: text("id").primaryKey(),
    cycleId: text("cycle_id")
      .notNull()
      .references(() => evalCycles.id),
    memberId: text("member_id")
      .notNull()
      .references(() => users.id),
    branchId: text("branch_id").notNull(),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    nextStep: text("next_step", { enum: FOLLOWUP_STEPS }),
    // The next step's deadline (00:00 of the day after, UTC ms) and its date.
    nextDue: integer("next_due"),
    nextDueOn: text("next_due_on"),
    outcome: text("outcome", { enum: FOLLOWUP_OUTCOMES }),
    // The time rules in force when it opened (eval_followup_rules; null: the platform's defaults), kept
    // on the row so a later version never moves its deadlines.
    ruleId: text("rule_id"),
    planDays: integer("plan_days").notNull().default(30),
    nextDays: integer("next_days").notNull().default(30),
    warnDays: integer("warn_days").notNull().default(7),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at"),
  },
  (t) => [
    uniqueIndex("eval_followups_unique").on(t.cycleId, t.memberId),
    index("eval_followups_branch_idx").on(t.branchId, t.status),
    index("eval_followups_due_idx").on(t.status, t.nextDue),
    index("eval_followups_member_idx").on(t.memberId, t.status),
  ],
);

/** A committee's version of the follow-up time rules; the newest on the nearest committee is in force. */
export const evalFollowupRules = sqliteTable(
  "eval_followup_rules",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    version: integer("version").notNull(),
    planDays: integer("plan_days").notNull(),
    nextDays: integer("next_days").notNull(),
    warnDays: integer("warn_days").notNull(),
    source: text("source").notNull(),
    note: text("note").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("eval_followup_rules_org_version_unique").on(t.orgId, t.version)],
);

/**
 * A recorded follow-up step: the day, who acted, the decision and its evidence. Never updated or deleted:
 * a correction is a new row naming the row it corrects. An approval names the proposal it answers (ofId);
 * one approval per proposal, so two committee members answering at once settle to one answer.
 */
export const evalFollowupSteps = sqliteTable(
  "eval_followup_steps",
  {
    id: text("id").primaryKey(),
    followupId: text("followup_id")
      .notNull()
      .references(() => evalFollowups.id),
    step: text("step", { enum: FOLLOWUP_STEPS }).notNull(),
    takenOn: text("taken_on").notNull(),
    actor: text("actor").notNull(),
    decision: text("decision").notNull(),
    evidence: text("evidence").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    // The deadline a help plan or 限期改正 sets.
    dueOn: text("due_on"),
    ofId: text("of_id"),
    correctsId: text("corrects_id"),
    recordedBy: text("recorded_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("eval_followup_steps_followup_idx").on(t.followupId, t.createdAt),
    uniqueIndex("eval_followup_steps_once_unique")
      .on(t.followupId, t.step)
      .where(
        sql`corrects_id IS NULL AND step IN ('plan', 'improved', 'deadline', 'corrected', 'withdrew', 'declined')`,
      ),
    uniqueIndex("eval_followup_steps_answer_unique").on(t.ofId).where(sql`corrects_id IS NULL AND step = 'approval'`),
  ],
);

/**
 * A plain member's home answer kept as served (worker/evaluations/home-kept.ts through worker/lib/kept.ts),
 * key: the user and the memberships it was built for. Derived: a row answers only while its stamp is still
 * the member's generations and the tenant's epochs in kept_study_generations (the triggers of its migration).
 */
export const keptHomePages = sqliteTable("kept_home_pages", {
  key: text("key").primaryKey(),
  stamp: text("stamp").notNull(),
  validUntil: integer("valid_until").notNull(),
  body: text("body").notNull(),
  /** A random id of the build that wrote the row: what an isolate holding its body asks after (worker/lib/kept.ts). */
  built: text("built").notNull().default(""),
});
