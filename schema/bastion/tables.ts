import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { BastionDefinition } from "./values";
import { BANDS, BASTION_STATUSES, SECTORS } from "./values";

// 堡垒指数 models: one committee's versions; a new definition is a new version, never an edit.
export const bastionModels = sqliteTable(
  "bastion_models",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    definition: text("definition", { mode: "json" }).$type<BastionDefinition>().notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("bastion_models_org_version_idx").on(t.orgId, t.version)],
);

// What the committee assesses by hand about a branch, with its evidence: points, or a lagging situation.
export const bastionItems = sqliteTable(
  "bastion_items",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    itemKey: text("item_key").notNull(),
    points: real("points").notNull(),
    reason: text("reason").notNull(),
    evidence: text("evidence").notNull(),
    occurredOn: text("occurred_on").notNull(),
    occurredAt: integer("occurred_at").notNull(),
    recordedBy: text("recorded_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("bastion_items_org_at_idx").on(t.orgId, t.occurredAt)],
);

// One score per branch and period; inputs + model version make it recomputable and explainable.
export const bastionScores = sqliteTable(
  "bastion_scores",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    // The branch's path and name, kept current by its moves and renames (worker/bastion/moves.ts): the
    // overview pages through an index, never the whole subtree.
    orgPath: text("org_path").notNull(),
    orgName: text("org_name").notNull(),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    modelId: text("model_id").notNull(),
    modelVersion: integer("model_version").notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    score: real("score"),
    status: text("status", { enum: BASTION_STATUSES }).notNull(),
    band: text("band", { enum: BANDS }).notNull(),
    inputs: text("inputs", { mode: "json" }).notNull(),
    explanation: text("explanation", { mode: "json" }).notNull(),
    // The explanation without its records: what the overview shows of each branch.
    summary: text("summary", { mode: "json" }).notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [
    uniqueIndex("bastion_scores_org_period_idx").on(t.orgId, t.periodStart, t.periodEnd),
    // The overview: counts per band over the subtree, and a band's page by name, both from the index alone.
    index("bastion_scores_subtree_idx").on(t.periodStart, t.periodEnd, t.orgPath, t.band),
    index("bastion_scores_band_idx").on(t.periodStart, t.periodEnd, t.band, t.orgName, t.orgId, t.orgPath),
  ],
);
