import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  type Answer,
  COMMENT_STATUSES,
  PLEDGE_STATUSES,
  RATING_TARGETS,
  type RatingItem,
  TEMPLATE_TARGETS,
} from "./values";

// A committee's items for reverse assessment (民评); the newest per org and target applies below it.
export const ratingTemplates = sqliteTable(
  "rating_templates",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    target: text("target", { enum: TEMPLATE_TARGETS }).notNull(),
    name: text("name").notNull(),
    items: text("items", { mode: "json" }).$type<RatingItem[]>().notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("rating_templates_org_idx").on(t.orgId, t.target, t.createdAt)],
);

export const ratingRounds = sqliteTable(
  "rating_rounds",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    target: text("target", { enum: RATING_TARGETS }).notNull(),
    title: text("title").notNull(),
    // A snapshot of the template's items: later template edits do not change a running round.
    items: text("items", { mode: "json" }).$type<RatingItem[]>().notNull(),
    kThreshold: integer("k_threshold").notNull(),
    closesAt: integer("closes_at").notNull(),
    closedAt: integer("closed_at"),
    // The chain's head: seq and hash of the last accepted rating (detects a deleted tail).
    headSeq: integer("head_seq").notNull().default(0),
    headHash: text("head_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("rating_rounds_org_idx").on(t.orgId, t.createdAt), index("rating_rounds_closes_idx").on(t.closesAt)],
);

// One-time tokens: only SHA-256 of the token is stored; the printed link carries the token itself.
export const ratingTokens = sqliteTable(
  "rating_tokens",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id").notNull(),
    // A member's user id, or the branch's org id for a branch round.
    rateeId: text("ratee_id").notNull(),
    n: integer("n").notNull(),
    tokenHash: text("token_hash").notNull(),
    used: integer("used", { mode: "boolean" }).notNull().default(false),
    // A random nonce set by the claiming request, so its insert can check it won the claim.
    claim: text("claim"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("rating_tokens_hash_idx").on(t.tokenHash),
    index("rating_tokens_round_idx").on(t.roundId, t.rateeId),
  ],
);

// No token id here: nothing links a rating to the token (or the person) that produced it.
export const ratings = sqliteTable(
  "ratings",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id").notNull(),
    orgId: text("org_id").notNull(),
    rateeId: text("ratee_id").notNull(),
    seq: integer("seq").notNull(),
    answers: text("answers", { mode: "json" }).$type<Record<string, Answer>>().notNull(),
    comment: text("comment"),
    commentStatus: text("comment_status", { enum: COMMENT_STATUSES }).notNull(),
    // Rounded down to the hour, so timing does not point at a token holder.
    createdAt: integer("created_at").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("ratings_round_seq_idx").on(t.roundId, t.seq),
    index("ratings_ratee_at_idx").on(t.rateeId, t.createdAt),
    index("ratings_org_idx").on(t.orgId, t.createdAt),
  ],
);

// Sliding-window rate limits of the public rating API (keys are hashes of the token or the IP).
export const rateHits = sqliteTable(
  "rate_hits",
  { id: text("id").primaryKey(), key: text("key").notNull(), at: integer("at").notNull() },
  (t) => [index("rate_hits_key_at_idx").on(t.key, t.at), index("rate_hits_at_idx").on(t.at)],
);

/**
 * A closed round's chain head, recorded with the committee above the branch. Written once, when the
 * round closes (no route updates it); `salt` stays on the server so the printed fingerprint cannot be
 * used to guess the ratings behind it.
 */
export const chainSeals = sqliteTable(
  "chain_seals",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id").notNull(),
    committeeId: text("committee_id").notNull(),
    // Short code printed on the result notice; with the fingerprint, what a reader types in to check.
    code: text("code").notNull(),
    headSeq: integer("head_seq").notNull(),
    headHash: text("head_hash").notNull(),
    salt: text("salt").notNull(),
    sealedAt: integer("sealed_at").notNull(),
  },
  (t) => [
    uniqueIndex("chain_seals_round_idx").on(t.roundId),
    uniqueIndex("chain_seals_code_idx").on(t.code),
    index("chain_seals_committee_idx").on(t.committeeId, t.sealedAt),
  ],
);

/** 民考: a member's yearly service pledge (承诺), proposed by the member or set by the branch. */
export const pledges = sqliteTable(
  "pledges",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    memberId: text("member_id").notNull(),
    year: integer("year").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: PLEDGE_STATUSES }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("pledges_org_year_idx").on(t.orgId, t.year), index("pledges_member_year_idx").on(t.memberId, t.year)],
);

/** 践诺: the member's dated notes on keeping a pledge. */
export const pledgeUpdates = sqliteTable(
  "pledge_updates",
  {
    id: text("id").primaryKey(),
    pledgeId: text("pledge_id").notNull(),
    note: text("note").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("pledge_updates_pledge_idx").on(t.pledgeId, t.createdAt)],
);
