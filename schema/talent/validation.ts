import * as z from "zod/mini";
import { calendarDate, id, pageFields } from "../common/validation";
import { ENTRY_KINDS } from "./advisors";
import {
  EVIDENCE_KINDS,
  NOMINATION_SOURCES,
  PLAN_ITEM_KINDS,
  PRACTICE_PLACES,
  RESERVE_STATUSES,
  RESERVE_TRACKS,
  REVIEW_OUTCOMES,
  SELECTION_CHANNELS,
  TERM_GRADES,
  TERM_KINDS,
} from "./values";

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const key = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/));
const item = z.object({ key, label: text(200) });
const criterion = z.object({
  key,
  label: text(200),
  evidence: z.optional(z.array(z.enum(EVIDENCE_KINDS)).check(z.maxLength(EVIDENCE_KINDS.length))),
});
const count = z.number().check(z.int(), z.minimum(0), z.maximum(99));

export const ruleBody = z.object({
  standard: text(100),
  source: text(500),
  criteria: z.array(criterion).check(z.minLength(1), z.maxLength(20)),
  negatives: z.array(item).check(z.maxLength(30)),
  targets: z.object({ top: count, other: count, activist: count }),
  reviewMonths: z.number().check(z.int(), z.minimum(1), z.maximum(36)),
});

export const nominationBody = z.object({
  memberId: id,
  track: z.enum(RESERVE_TRACKS),
  source: z.enum(NOMINATION_SOURCES),
  reason: text(1000),
  on: calendarDate,
});

/** A person of standing without an account: who they are, and how to reach them if known. */
const person = {
  name: text(100),
  standing: text(200),
  contact: z.optional(z.string().check(z.trim(), z.maxLength(100))),
};

export const nomineeBody = z.object({
  ...person,
  track: z.enum(RESERVE_TRACKS),
  source: z.enum(NOMINATION_SOURCES),
  reason: text(1000),
  on: calendarDate,
});

/** A sheet of one-time links for the masses to nominate through, valid to the end of `closesOn`. */
export const linkBody = z.object({
  count: z.number().check(z.int(), z.minimum(1), z.maximum(200)),
  closesOn: calendarDate,
});

export const linkTokenParam = z.object({ token: z.string().check(z.minLength(1), z.maxLength(64)) });

export const linkNominationBody = z.object({ ...person, track: z.enum(RESERVE_TRACKS), reason: text(1000) });

export const reserveListQuery = z.object({
  ...pageFields,
  status: z.optional(z.enum(RESERVE_STATUSES)),
  track: z.optional(z.enum(RESERVE_TRACKS)),
});

export const assessmentBody = z.object({
  decision: z.enum(["admit", "refuse"]),
  on: calendarDate,
  criteria: z.array(z.object({ key, met: z.boolean(), evidence: z.string().check(z.trim(), z.maxLength(1000)) })),
  negatives: z.array(z.object({ key, hit: z.boolean() })),
  reason: text(1000),
});

export const planBody = z.object({
  on: calendarDate,
  mentorIds: z.array(id).check(z.minLength(1), z.maxLength(2)),
  items: z
    .array(
      z.object({
        kind: z.enum(PLAN_ITEM_KINDS),
        title: text(200),
        // The course (kind "course") or the member's practice term (kind "practice") it is measured by.
        courseId: z.optional(id),
        termId: z.optional(id),
      }),
    )
    .check(z.minLength(1), z.maxLength(20)),
});

export const taskDoneBody = z.object({ on: calendarDate });

export const reviewBody = z.object({
  on: calendarDate,
  outcome: z.enum(REVIEW_OUTCOMES),
  note: text(1000),
  // The post appointed to, when the outcome is "use".
  post: z.optional(text(200)),
});

export const correctionBody = z.object({ stepId: id, on: calendarDate, note: text(1000) });

export const termBody = z.object({
  kind: z.enum(TERM_KINDS),
  memberId: id,
  title: text(200),
  place: z.optional(z.enum(PRACTICE_PLACES)),
  host: text(200),
  duties: text(2000),
  startsOn: calendarDate,
  endsOn: calendarDate,
});

export const postBody = z.object({
  title: text(200),
  place: z.enum(PRACTICE_PLACES),
  host: text(200),
  duties: text(2000),
  startsOn: calendarDate,
  endsOn: calendarDate,
});

export const applicationBody = z.object({ motivation: text(1000) });

export const applicationDecisionBody = z.object({
  decision: z.enum(["accept", "decline"]),
  on: calendarDate,
  reason: text(1000),
});

export const entryBody = z.object({ on: calendarDate, kind: z.optional(z.enum(ENTRY_KINDS)), work: text(2000) });

export const termListQuery = z.object({ ...pageFields, kind: z.optional(z.enum(TERM_KINDS)) });

export const closeTermBody = z.object({ on: calendarDate, grade: z.enum(TERM_GRADES), assessment: text(2000) });

export const selectionBody = z.object({ on: calendarDate });

export const candidateBody = z.object({
  memberId: id,
  channel: z.enum(SELECTION_CHANNELS),
  evidence: z.array(z.object({ key, text: text(1000) })).check(z.minLength(1), z.maxLength(20)),
});

export const decisionBody = z.object({
  candidateId: id,
  on: calendarDate,
  reason: text(1000),
  duties: text(2000),
  termStartsOn: calendarDate,
  termEndsOn: calendarDate,
});

/** 绩、奖、惩: what the year achieved, the rewards and the penalties ("无" when none). */
export const secretaryReviewBody = z.object({
  year: z.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
  on: calendarDate,
  performance: text(2000),
  rewards: text(1000),
  penalties: text(1000),
});
