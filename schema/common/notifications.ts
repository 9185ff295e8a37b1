import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/tables";

/**
 * In-app notifications of every feature, written through worker/lib/notify.ts; `key` makes a notice land
 * once per user (a daily reminder's key names the day).
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    link: text("link"),
    dueAt: integer("due_at"),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_user_key_unique").on(t.userId, t.key),
    index("notifications_user_at_idx").on(t.userId, t.createdAt),
  ],
);

/** Kinds of notification (what the page renders for each); a search may name the kinds whose text matched. */
export const NOTIFICATION_KINDS = [
  "opened",
  "phase",
  "reminder",
  "missing",
  "nudge",
  "returned",
  "result",
  "closed",
  "override_requested",
  "override_answered",
  "followup_due",
  "followup_overdue",
  "followup_approval",
  "dev_talk_due",
  "dev_assessment_due",
  "dev_probation_ending",
  "dev_step_due",
  "dev_approval_overdue",
  "dev_overdue",
  "orglife_due",
  "orglife_behind",
  "course_due",
  "quiz_opened",
  "quiz_closing",
  "service_pending",
  "adjustment_pending",
  "advisor_starting",
  "advisor_ending",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
