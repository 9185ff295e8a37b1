import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  COMMENDATION_KINDS,
  COMMENDATION_TARGETS,
  type Criteria,
  NOMINEE_STATUSES,
  OBJECTION_OUTCOMES,
  ROUND_STATUSES,
} from "./values";

// 评先选优: a committee's round for its subtree, with criteria read from the platform's results and a quota.
export const commendationRounds = sqliteTable(
  "commendation_rounds",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: COMMENDATION_KINDS }).notNull(),
    target: text("target", { enum: COMMENDATION_TARGETS }).notNull(),
    /** The year whose results are the evidence. */
    year: integer("year").notNull(),
    criteria: text("criteria", { mode: "json" }).$type<Criteria>().notNull(),
    quota: integer("quota").notNull(),
    status: text("status", { enum: ROUND_STATUSES }).notNull().default("nominating"),
    noticeStartsOn: text("notice_starts_on"),
    noticeEndsOn: text("notice_ends_on"),
    /** [noticeStartsAt, noticeEndsAt): the 公示 period in epoch ms (the end day included). */
    noticeStartsAt: integer("notice_starts_at"),
    noticeEndsAt: integer("notice_ends_at"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    finalisedBy: text("finalised_by"),
    finalisedAt: integer("finalised_at"),
  },
  (t) => [index("commendation_rounds_org_idx").on(t.orgId, t.createdAt)],
);

// A member (or, in a branch round, a branch) put forward, and the committee's decision on the record.
export const commendationNominees = sqliteTable(
  "commendation_nominees",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id").notNull(),
    /** The member's user id, or the branch's org id in a branch round. */
    subjectId: text("subject_id").notNull(),
    /** The member's branch, or the branch itself. */
    orgId: text("org_id").notNull(),
    /** 主要事迹: what the nominating branch says. */
    statement: text("statement").notNull(),
    nominatedBy: text("nominated_by").notNull(),
    nominatedAt: integer("nominated_at").notNull(),
    status: text("status", { enum: NOMINEE_STATUSES }).notNull().default("nominated"),
    /** Required when the decision departs from the criteria. */
    reason: text("reason"),
    /** Required when an approval goes beyond the quota. */
    quotaReason: text("quota_reason"),
    /** The criteria as the records stood when deciding: what the reason answers to. */
    evidence: text("evidence", { mode: "json" }).$type<Record<string, string>>(),
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
  },
  (t) => [
    uniqueIndex("commendation_nominees_subject_idx").on(t.roundId, t.subjectId),
    index("commendation_nominees_round_status_idx").on(t.roundId, t.status),
  ],
);

// 公示 objections: lodged by anyone in the subtree during the notice, answered by the committee.
export const commendationObjections = sqliteTable(
  "commendation_objections",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id").notNull(),
    nomineeId: text("nominee_id").notNull(),
    text: text("text").notNull(),
    lodgedBy: text("lodged_by").notNull(),
    lodgedAt: integer("lodged_at").notNull(),
    outcome: text("outcome", { enum: OBJECTION_OUTCOMES }),
    answer: text("answer"),
    answeredBy: text("answered_by"),
    answeredAt: integer("answered_at"),
  },
  (t) => [
    index("commendation_objections_round_idx").on(t.roundId, t.answeredAt),
    index("commendation_objections_nominee_idx").on(t.nomineeId),
  ],
);
