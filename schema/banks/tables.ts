import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { QuestionBody, QuestionType, TextFormat } from "./types";

/** A question bank, owned by a party school or a committee; its managers hold school/admin over the owner. */
export const questionBanks = sqliteTable(
  "question_banks",
  {
    id: text("id").primaryKey(),
    ownerOrgId: text("owner_org_id").notNull(),
    // Copied from the owner so a listing is one range query over the caller's subtrees.
    ownerPath: text("owner_path").notNull(),
    name: text("name").notNull(),
    // Daily practice draws from banks whose audience subtree holds the member (until courses assign banks).
    practiceOrgPath: text("practice_org_path"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("question_banks_owner_idx").on(t.ownerPath),
    index("question_banks_practice_idx").on(t.practiceOrgPath),
  ],
);

/** Nested categories: materialized path "/id/id/" inside one bank. */
export const questionCategories = sqliteTable(
  "question_categories",
  {
    id: text("id").primaryKey(),
    bankId: text("bank_id").notNull(),
    parentId: text("parent_id"),
    path: text("path").notNull(),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("question_categories_bank_path_idx").on(t.bankId, t.path),
    uniqueIndex("question_categories_name_unique").on(t.bankId, t.parentId, t.name),
  ],
);

export const questions = sqliteTable(
  "questions",
  {
    id: text("id").primaryKey(),
    bankId: text("bank_id").notNull(),
    categoryId: text("category_id").notNull(),
    categoryPath: text("category_path").notNull(),
    name: text("name").notNull(),
    type: text("type").$type<QuestionType>().notNull(),
    difficulty: integer("difficulty").notNull().default(3),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    version: integer("version").notNull(),
    versionId: text("version_id").notNull(),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("questions_bank_cat_idx").on(t.bankId, t.categoryPath),
    index("questions_category_idx").on(t.categoryId),
  ],
);

/** Immutable: an edit writes a new version; attempts point at the version they showed. */
export const questionVersions = sqliteTable(
  "question_versions",
  {
    id: text("id").primaryKey(),
    questionId: text("question_id").notNull(),
    version: integer("version").notNull(),
    type: text("type").$type<QuestionType>().notNull(),
    stem: text("stem").notNull(),
    format: text("format").$type<TextFormat>().notNull(),
    body: text("body", { mode: "json" }).$type<QuestionBody>().notNull(),
    generalFeedback: text("general_feedback").notNull().default(""),
    defaultPoints: real("default_points").notNull().default(1),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("question_versions_unique").on(t.questionId, t.version)],
);
