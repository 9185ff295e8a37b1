import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/tables";
import { orgs } from "../orgs/tables";
import { ATTENDANCE, MEETING_STATUSES, type RhythmSources, type RhythmValues } from "./values";

/** A meeting kind a committee adds for its subtree (beside the built-in ones). */
export const orglifeKinds = sqliteTable(
  "orglife_kinds",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    name: text("name").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("orglife_kinds_org_name_unique").on(t.orgId, t.name)],
);

/** A committee's rhythm, versioned: a version applies from `fromYear` on and never rewrites an earlier year. */
export const orglifeRules = sqliteTable(
  "orglife_rules",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    version: integer("version").notNull(),
    fromYear: integer("from_year").notNull(),
    values: text("values", { mode: "json" }).$type<RhythmValues>().notNull(),
    sources: text("sources", { mode: "json" }).$type<RhythmSources>().notNull(),
    note: text("note").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("orglife_rules_org_version_unique").on(t.orgId, t.version)],
);

export const orglifeMeetings = sqliteTable(
  "orglife_meetings",
  {
    id: text("id").primaryKey(),
    branchId: text("branch_id")
      .notNull()
      .references(() => orgs.id),
    kind: text("kind").notNull(),
    topic: text("topic").notNull(),
    // The calendar day in the branch's own time zone.
    meetingOn: text("meeting_on").notNull(),
    place: text("place").notNull().default(""),
    online: integer("online", { mode: "boolean" }).notNull().default(false),
    // Study material from the catalogue (courses).
    courseId: text("course_id"),
    // Declared 学时 for a study meeting; null: not a study meeting.
    studyHours: real("study_hours"),
    status: text("status", { enum: MEETING_STATUSES }).notNull().default("planned"),
    content: text("content").notNull().default(""),
    decisions: text("decisions").notNull().default(""),
    speakers: text("speakers").notNull().default(""),
    // 组织生活会: the appraisal cycle (evaluations) whose self-analysis and criticism it concluded.
    cycleId: text("cycle_id"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    recordedBy: text("recorded_by"),
    recordedAt: integer("recorded_at"),
  },
  (t) => [
    index("orglife_meetings_branch_idx").on(t.branchId, t.meetingOn),
    // Covers each branch's held meetings per kind (the rhythm views and the cron): no table reads.
    index("orglife_meetings_held_idx").on(t.branchId, t.status, t.kind, t.meetingOn),
  ],
);

export const orglifeAttendance = sqliteTable(
  "orglife_attendance",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => orglifeMeetings.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ATTENDANCE }).notNull(),
    reason: text("reason").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index("orglife_attendance_user_idx").on(t.userId)],
);

/** 谈心谈话: who talked, when, about what; the content is for the branch's own committee only. */
export const orglifeTalks = sqliteTable(
  "orglife_talks",
  {
    id: text("id").primaryKey(),
    branchId: text("branch_id")
      .notNull()
      .references(() => orgs.id),
    talkedOn: text("talked_on").notNull(),
    participants: text("participants", { mode: "json" }).$type<string[]>().notNull(),
    topic: text("topic").notNull(),
    content: text("content").notNull().default(""),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("orglife_talks_branch_idx").on(t.branchId, t.talkedOn)],
);
