import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ENTRY_KINDS } from "./advisors";
import {
  APPLICATION_STATUSES,
  NOMINATION_SOURCES,
  PLAN_ITEM_KINDS,
  PRACTICE_PLACES,
  RESERVE_STATUSES,
  RESERVE_TRACKS,
  SELECTION_CHANNELS,
  STEP_KINDS,
  type TalentRuleBody,
  TERM_GRADES,
  TERM_KINDS,
} from "./values";

// A committee's pool rules, one row per version: entries keep the version they were judged by.
export const talentRules = sqliteTable(
  "talent_rules",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    version: integer("version").notNull(),
    body: text("body", { mode: "json" }).$type<TalentRuleBody>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("talent_rules_org_version_idx").on(t.orgId, t.version)],
);

// 后备力量人才库: one entry per person per stay in the pool; its history is talentSteps.
export const talentReserves = sqliteTable(
  "talent_reserves",
  {
    id: text("id").primaryKey(),
    // A user id, or for a non-member of standing (no account) the id of their talent_nominees row.
    memberId: text("member_id").notNull(),
    // The branch the person belongs to: whose committee decides.
    orgId: text("org_id").notNull(),
    track: text("track", { enum: RESERVE_TRACKS }).notNull(),
    source: text("source", { enum: NOMINATION_SOURCES }).notNull(),
    status: text("status", { enum: RESERVE_STATUSES }).notNull(),
    // The rules version of the entry decision (null: the built-in default, version 0).
    ruleId: text("rule_id"),
    mentorIds: text("mentor_ids", { mode: "json" }).$type<string[]>().notNull().default([]),
    // The latest dated step ("YYYY-MM-DD"): a later step may not be dated before it.
    lastOn: text("last_on").notNull(),
    // The day the next periodic review is due (null when not in the pool).
    reviewDueOn: text("review_due_on"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("talent_reserves_org_status_idx").on(t.orgId, t.status, t.track),
    uniqueIndex("talent_reserves_live_idx").on(t.memberId).where(sql`status IN ('nominated', 'admitted')`),
  ],
);

/** A person of standing without an account, nominated to the pool: a record, never a user. */
export const talentNominees = sqliteTable(
  "talent_nominees",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    name: text("name").notNull(),
    // What makes them a person of standing: 村民小组长, returned entrepreneur, …
    standing: text("standing").notNull(),
    contact: text("contact"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("talent_nominees_org_idx").on(t.orgId)],
);

/**
 * A one-time link for the masses to nominate someone to a branch's pool (拉网式). Only the token's hash
 * is stored; nothing ties a nomination to the link that carried it. The CHECK makes spending it twice
 * fail the whole write batch, so two racing submissions make one nomination.
 */
export const talentLinks = sqliteTable(
  "talent_links",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    uses: integer("uses").notNull().default(0),
    expiresAt: integer("expires_at").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("talent_links_hash_idx").on(t.tokenHash),
    index("talent_links_org_idx").on(t.orgId, t.createdAt),
    check("talent_links_once", sql`${t.uses} <= 1`),
  ],
);

/** The current cultivation plan's items; progress is read from the record each one names. */
export const talentPlanItems = sqliteTable(
  "talent_plan_items",
  {
    id: text("id").primaryKey(),
    reserveId: text("reserve_id").notNull(),
    n: integer("n").notNull(),
    kind: text("kind", { enum: PLAN_ITEM_KINDS }).notNull(),
    title: text("title").notNull(),
    // A course of the party school (kind "course") or the member's practice term (kind "practice").
    courseId: text("course_id"),
    termId: text("term_id"),
    // A task is done when its mentor says so, on a day.
    doneOn: text("done_on"),
    doneBy: text("done_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("talent_plan_items_reserve_idx").on(t.reserveId, t.n)],
);

// Append-only: every nomination, decision, plan, review and correction, dated and reasoned.
export const talentSteps = sqliteTable(
  "talent_steps",
  {
    id: text("id").primaryKey(),
    reserveId: text("reserve_id").notNull(),
    kind: text("kind", { enum: STEP_KINDS }).notNull(),
    on: text("on_day").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    actorId: text("actor_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("talent_steps_reserve_idx").on(t.reserveId, t.createdAt)],
);

// 实践锻炼 (practice posts) and 轮职参事 (rotating advisor terms): assigned with dates, closed with an assessment.
export const talentTerms = sqliteTable(
  "talent_terms",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: TERM_KINDS }).notNull(),
    memberId: text("member_id").notNull(),
    // The member's branch: whose secretary or committee assigns and assesses.
    orgId: text("org_id").notNull(),
    // The published practice post the member applied to (null: assigned directly, or an advisor term).
    postId: text("post_id"),
    title: text("title").notNull(),
    place: text("place", { enum: PRACTICE_PLACES }),
    host: text("host").notNull(),
    duties: text("duties").notNull(),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    assignedBy: text("assigned_by").notNull(),
    grade: text("grade", { enum: TERM_GRADES }),
    assessment: text("assessment"),
    closedOn: text("closed_on"),
    closedBy: text("closed_by"),
    // An advisor term the branch's schedule opened: its version and seat (null when made by hand).
    scheduleId: text("schedule_id"),
    seat: integer("seat"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("talent_terms_org_idx").on(t.orgId, t.kind, t.startsOn),
    index("talent_terms_member_idx").on(t.memberId, t.kind),
    // A scheduled seat opens once, however many ticks reach it.
    uniqueIndex("talent_terms_seat_idx").on(t.orgId, t.startsOn, t.seat).where(sql`seat IS NOT NULL`),
  ],
);

// A practice post the committee publishes for the members of its subtree to apply to.
export const talentPosts = sqliteTable(
  "talent_posts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    title: text("title").notNull(),
    place: text("place", { enum: PRACTICE_PLACES }).notNull(),
    host: text("host").notNull(),
    duties: text("duties").notNull(),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    publishedBy: text("published_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("talent_posts_org_idx").on(t.orgId, t.startsOn)],
);

/** A member's application to a post: one per member and post; accepting it opens the practice term. */
export const talentApplications = sqliteTable(
  "talent_applications",
  {
    id: text("id").primaryKey(),
    postId: text("post_id").notNull(),
    memberId: text("member_id").notNull(),
    // The applicant's branch at the time of applying.
    orgId: text("org_id").notNull(),
    motivation: text("motivation").notNull(),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull(),
    reason: text("reason"),
    decidedOn: text("decided_on"),
    decidedBy: text("decided_by"),
    termId: text("term_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("talent_applications_post_member_idx").on(t.postId, t.memberId),
    index("talent_applications_member_idx").on(t.memberId),
  ],
);

/** What the member did during a term, one dated entry each (append-only). */
export const talentTermEntries = sqliteTable(
  "talent_term_entries",
  {
    id: text("id").primaryKey(),
    termId: text("term_id").notNull(),
    on: text("on_day").notNull(),
    kind: text("kind", { enum: ENTRY_KINDS }).notNull().default("work"),
    work: text("work").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("talent_term_entries_term_idx").on(t.termId, t.on)],
);

// 选好带头人: filling a branch's secretary post by 一好双强, decided by the higher committee.
export const talentSelections = sqliteTable(
  "talent_selections",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    ruleId: text("rule_id"),
    openedOn: text("opened_on").notNull(),
    openedBy: text("opened_by").notNull(),
    chosenId: text("chosen_id"),
    reason: text("reason"),
    duties: text("duties"),
    termStartsOn: text("term_starts_on"),
    termEndsOn: text("term_ends_on"),
    decidedOn: text("decided_on"),
    decidedBy: text("decided_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("talent_selections_org_idx").on(t.orgId, t.createdAt)],
);

export const talentCandidates = sqliteTable(
  "talent_candidates",
  {
    id: text("id").primaryKey(),
    selectionId: text("selection_id").notNull(),
    memberId: text("member_id").notNull(),
    channel: text("channel", { enum: SELECTION_CHANNELS }).notNull(),
    // Per criterion of the selection's rules: the evidence offered.
    evidence: text("evidence", { mode: "json" }).$type<Record<string, string>>().notNull(),
    addedBy: text("added_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("talent_candidates_member_idx").on(t.selectionId, t.memberId)],
);

/** The appointed secretary's yearly review (绩、奖、惩), one per selection and year. */
export const talentSecretaryReviews = sqliteTable(
  "talent_secretary_reviews",
  {
    id: text("id").primaryKey(),
    selectionId: text("selection_id").notNull(),
    year: integer("year").notNull(),
    on: text("on_day").notNull(),
    performance: text("performance").notNull(),
    rewards: text("rewards").notNull(),
    penalties: text("penalties").notNull(),
    recordedBy: text("recorded_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("talent_secretary_reviews_year_idx").on(t.selectionId, t.year)],
);
