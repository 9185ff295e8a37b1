import * as z from "zod/mini";
import { calendarDate, id, pageFields } from "../common/validation";
import { FOLLOWUP_STEPS, MAX_WARN_DAYS, REMOVAL_GROUNDS } from "./followups";
import { FREQUENCIES, GRADES, MAX_OFFSET, PHASES } from "./values";

const day = z.number().check(z.int(), z.minimum(0), z.maximum(365));
const window = z
  .object({ from: day, to: day })
  .check(z.refine((w) => w.to > w.from, { message: "a window must end after it opens", path: ["to"] }));

const section = z.object({
  key: z.string().check(z.regex(/^[a-z0-9_]{1,32}$/)),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  guidance: z.string().check(z.maxLength(500)),
  minLength: z.number().check(z.int(), z.minimum(0), z.maximum(20000)),
  maxLength: z.number().check(z.int(), z.minimum(1), z.maximum(20000)),
  rectification: z.optional(z.boolean()),
});

const settings = z.object({
  excellentQuota: z.number().check(z.minimum(0), z.maximum(1)),
  peerScope: z.enum(["branch", "group"]),
});

const phases = z.object({
  analysis: z.optional(window),
  appraisal: z.optional(window),
  decision: z.optional(window),
});

const scheduleFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  frequency: z.enum(FREQUENCIES),
  phases,
  template: z.array(section).check(z.minLength(1), z.maxLength(20)),
  settings,
  active: z.optional(z.boolean()),
};

type ScheduleShape = { frequency: (typeof FREQUENCIES)[number]; phases: z.infer<typeof phases> };

/**
 * Windows must fit the shortest period of the frequency; appraisal needs a decision phase that stays
 * open after the appraisal closes (decisions wait for the sealed tally).
 */
function checkSchedule(s: ScheduleShape) {
  const max = MAX_OFFSET[s.frequency];
  const ws = Object.values(s.phases).filter(Boolean);
  const { appraisal, decision } = s.phases;
  return ws.length > 0 && ws.every((w) => w!.to <= max) && (!appraisal || (!!decision && decision.to > appraisal.to));
}
const scheduleMessage = {
  message: "windows must fit the period; appraisal needs a decision phase closing after it",
  path: ["phases"],
};

export const scheduleBody = z.object(scheduleFields).check(z.refine(checkSchedule, scheduleMessage));

export const openCycleBody = z.object({ branchId: id });
export const extendBody = z.object({ phase: z.enum(PHASES), closesAt: z.number().check(z.int()) });
export const reopenBody = z.object({ memberId: id, until: z.number().check(z.int()) });

export const draftBody = z.object({
  content: z.record(z.string(), z.string().check(z.maxLength(20000))),
  reports: z._default(z.record(z.string(), z.string().check(z.maxLength(5000))), {}),
});
export const returnBody = z.object({ comment: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)) });
export const acceptBody = z.object({ comment: z.optional(z.string().check(z.maxLength(2000))) });

const grade = z.enum(GRADES);
export const selfAppraisalBody = z.object({
  grade,
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
});
export const peerAppraisalBody = z.object({
  votes: z
    .array(z.object({ rateeId: id, grade, comment: z.optional(z.string().check(z.maxLength(500))) }))
    .check(z.minLength(1), z.maxLength(500)),
});
export const decisionsBody = z.object({
  decisions: z
    .array(z.object({ memberId: id, grade, reason: z.optional(z.string().check(z.trim(), z.maxLength(2000))) }))
    .check(z.minLength(1), z.maxLength(500)),
});
export const overrideRequestBody = z.object({
  excellent: z.number().check(z.int(), z.minimum(1), z.maximum(10000)),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
});
export const overrideAnswerBody = z.object({
  approve: z.boolean(),
  answer: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});
export const cyclesQuery = z.object({
  status: z.optional(z.enum(["open", "closed"])),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 0),
});

export const notificationsQuery = z.object({
  ...pageFields,
  /** Words of the cycle's name or period, matched anywhere. */
  q: z.optional(z.string().check(z.trim(), z.maxLength(50))),
  /** Kinds whose wording (in the reader's language) matched the words, so "退回" finds returned analyses. */
  kinds: z.optional(z.string().check(z.regex(/^[a-z_]+(,[a-z_]+)*$/), z.maxLength(300))),
});

const stepText = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
const votes = z.number().check(z.int(), z.minimum(0), z.maximum(100000));

/** A follow-up step; per step: dueOn (plan, deadline), the branch meeting's votes and grounds (persuade, remove). */
export const followupStepBody = z.object({
  step: z.enum(FOLLOWUP_STEPS),
  takenOn: calendarDate,
  actor: stepText(1, 100),
  decision: stepText(1, 500),
  evidence: stepText(1, 2000),
  dueOn: z.optional(calendarDate),
  entitled: z.optional(votes),
  for: z.optional(votes),
  against: z.optional(votes),
  abstain: z.optional(votes),
  grounds: z.optional(z.enum(REMOVAL_GROUNDS)),
  lapsedMonths: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(120))),
  approved: z.optional(z.boolean()),
});

export const followupCorrectionBody = z.object({
  takenOn: calendarDate,
  actor: stepText(1, 100),
  decision: stepText(1, 500),
  evidence: stepText(1, 2000),
  dueOn: z.optional(calendarDate),
  reason: stepText(1, 500),
});

export const followupStepParam = z.object({ id, stepId: id });

export const followupListQuery = z.object({
  ...pageFields,
  status: z._default(z.enum(["open", "closed", "overdue"]), "open"),
});

const days = (max: number) => z.number().check(z.int(), z.minimum(1), z.maximum(max));
/** A committee's new version of the follow-up time rules, with where its numbers come from. */
export const followupRulesBody = z.object({
  planDays: days(365),
  nextDays: days(365),
  warnDays: days(MAX_WARN_DAYS),
  source: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  note: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});
