import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import * as z from "zod/mini";
import { calendarDate } from "../common/validation";

/**
 * A branch's 轮职参事 schedule, one row per version: the job follows the latest; terms keep the
 * version that opened them, so a change never rewrites a past term.
 */
export const talentAdvisorSchedules = sqliteTable(
  "talent_advisor_schedules",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    version: integer("version").notNull(),
    // The first term of this version starts on this day; each next one termMonths later.
    startsOn: text("starts_on").notNull(),
    termMonths: integer("term_months").notNull(),
    seats: integer("seats").notNull(),
    // The advisor is told this many days before a term starts (when it opens), the secretary before it ends.
    noticeDays: integer("notice_days").notNull(),
    title: text("title").notNull(),
    duties: text("duties").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("talent_advisor_schedules_org_version_idx").on(t.orgId, t.version)],
);

/** What an advisor records of taking part: a committee meeting attended or a task of the portfolio. */
export const ENTRY_KINDS = ["work", "meeting", "task"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

const text_ = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const advisorScheduleBody = z.object({
  startsOn: calendarDate,
  termMonths: z.number().check(z.int(), z.minimum(1), z.maximum(24)),
  seats: z.number().check(z.int(), z.minimum(1), z.maximum(9)),
  noticeDays: z.number().check(z.int(), z.minimum(1), z.maximum(14)),
  title: text_(200),
  duties: text_(2000),
});
export type AdvisorSchedule = z.infer<typeof advisorScheduleBody>;
