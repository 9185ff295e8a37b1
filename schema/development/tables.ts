import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CASE_STATUSES, type PlanStructure, type RuleSources, type RuleValues, STAGES, STEPS } from "./values";

/**
 * One person in the development pipeline of one branch. A status, not a role: it grants no rights.
 * stage, nextStep and nextDue are kept current by every step, so the register and the overdue list
 * are one indexed query each.
 */
export const devCases = sqliteTable(
  "dev_cases",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    orgId: text("org_id").notNull(),
    stage: text("stage", { enum: STAGES }).notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("open"),
    nextStep: text("next_step", { enum: STEPS }),
    // The next step's deadline (00:00 of the day after, UTC ms) and its date, when it has one.
    nextDue: integer("next_due"),
    nextDueOn: text("next_due_on"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // Ends in id: a subtree's register sorts its whole subtree on this index alone (see register()).
    index("dev_cases_org_status_idx").on(t.orgId, t.status, t.nextDue, t.id),
    index("dev_cases_due_idx").on(t.status, t.nextDue),
    index("dev_cases_user_idx").on(t.userId),
  ],
);

/**
 * A recorded step: what was done, on which day, by whom, the decision and its evidence. Never updated
 * or deleted: a correction is a new row whose correctsId names the row it corrects.
 */
export const devSteps = sqliteTable(
  "dev_steps",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull(),
    step: text("step", { enum: STEPS }).notNull(),
    takenOn: text("taken_on").notNull(),
    actor: text("actor").notNull(),
    decision: text("decision").notNull(),
    evidence: text("evidence").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    // The deadline that applied when it was taken, and why it was late: never recomputed.
    dueOn: text("due_on"),
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    lateReason: text("late_reason"),
    ruleId: text("rule_id"),
    correctsId: text("corrects_id"),
    recordedBy: text("recorded_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("dev_steps_case_idx").on(t.caseId, t.createdAt),
    index("dev_steps_corrects_idx").on(t.correctsId),
    // Two keepers recording the same once-only step at the same moment: the second insert fails.
    uniqueIndex("dev_steps_once_unique")
      .on(t.caseId, t.step)
      .where(sql`corrects_id IS NULL AND step NOT IN ('assessment', 'branch_vote', 'full_vote', 'cancel', 'transfer')`),
  ],
);

/** A committee's time rules, one row per version; a new version never changes a recorded step. */
export const devRules = sqliteTable(
  "dev_rules",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    version: integer("version").notNull(),
    values: text("values", { mode: "json" }).$type<RuleValues>().notNull(),
    sources: text("sources", { mode: "json" }).$type<RuleSources>().notNull(),
    note: text("note").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("dev_rules_org_version_unique").on(t.orgId, t.version)],
);

/**
 * A committee's annual development plan (控制总量、优化结构): how many to admit as 预备党员 in the year,
 * and the least number of them it wants young, women, front-line workers, farmers and 大专及以上.
 */
export const devPlans = sqliteTable(
  "dev_plans",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    year: integer("year").notNull(),
    target: integer("target").notNull(),
    structure: text("structure", { mode: "json" }).$type<PlanStructure>().notNull(),
    note: text("note").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("dev_plans_org_year_unique").on(t.orgId, t.year)],
);
