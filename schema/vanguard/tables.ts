import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ADJUSTMENT_KINDS, ADJUSTMENT_STATUSES, type ModelDefinition, SCORE_STATUSES } from "./values";

// 先锋指数 scoring models: one committee's versions; a new definition is a new version, never an edit.
export const vanguardModels = sqliteTable(
  "vanguard_models",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    definition: text("definition", { mode: "json" }).$type<ModelDefinition>().notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("vanguard_models_org_version_idx").on(t.orgId, t.version)],
);

// Manual bonus, deduction and veto items: recorded by the secretary with evidence, approved by the committee.
export const vanguardAdjustments = sqliteTable(
  "vanguard_adjustments",
  {
    id: text("id").primaryKey(),
    memberId: text("member_id").notNull(),
    orgId: text("org_id").notNull(),
    kind: text("kind", { enum: ADJUSTMENT_KINDS }).notNull(),
    points: real("points").notNull(),
    reason: text("reason").notNull(),
    evidence: text("evidence").notNull(),
    occurredOn: text("occurred_on").notNull(),
    occurredAt: integer("occurred_at").notNull(),
    status: text("status", { enum: ADJUSTMENT_STATUSES }).notNull().default("pending"),
    recordedBy: text("recorded_by").notNull(),
    reviewedBy: text("reviewed_by"),
    reviewedAt: integer("reviewed_at"),
    reviewNote: text("review_note"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("vanguard_adj_member_at_idx").on(t.memberId, t.occurredAt),
    index("vanguard_adj_org_status_idx").on(t.orgId, t.status),
  ],
);

// One score per member, branch and period; inputs + model version make it recomputable and explainable.
export const vanguardScores = sqliteTable(
  "vanguard_scores",
  {
    id: text("id").primaryKey(),
    memberId: text("member_id").notNull(),
    orgId: text("org_id").notNull(),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    modelId: text("model_id").notNull(),
    modelVersion: integer("model_version").notNull(),
    score: real("score"),
    status: text("status", { enum: SCORE_STATUSES }).notNull(),
    inputs: text("inputs", { mode: "json" }).notNull(),
    explanation: text("explanation", { mode: "json" }).notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [
    uniqueIndex("vanguard_scores_member_period_idx").on(t.memberId, t.orgId, t.periodStart, t.periodEnd),
    index("vanguard_scores_org_period_idx").on(t.orgId, t.periodStart, t.periodEnd),
  ],
);

// The member index of one branch and period in counts per band (no ranking, no mean: the branch's own
// index is the bastion feature's). Its row also marks the period as scored for the evaluation cycles.
export const vanguardBranchScores = sqliteTable(
  "vanguard_branch_scores",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    modelId: text("model_id").notNull(),
    modelVersion: integer("model_version").notNull(),
    members: integer("members").notNull(),
    scored: integer("scored").notNull(),
    distribution: text("distribution", { mode: "json" }).$type<Record<string, number>>().notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [uniqueIndex("vanguard_branch_period_idx").on(t.orgId, t.periodStart, t.periodEnd)],
);
