import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Append-only: corrections are new events, never updates.
export const archiveEvents = sqliteTable(
  "archive_events",
  {
    id: text("id").primaryKey(),
    memberId: text("member_id").notNull(),
    orgId: text("org_id").notNull(),
    kind: text("kind").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    occurredAt: integer("occurred_at").notNull(),
    recordedBy: text("recorded_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("archive_member_at_idx").on(t.memberId, t.occurredAt),
    index("archive_org_at_idx").on(t.orgId, t.occurredAt),
    // Only the passes: a quiz graded looks up whether each member had passed it before (worker/quizzes/finalize.ts).
    index("archive_quiz_passed_idx").on(t.subjectId, t.memberId).where(sql`kind = 'quiz.passed'`),
  ],
);
