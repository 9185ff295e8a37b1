import * as z from "zod/mini";
import { EDUCATION_LEVELS, OCCUPATIONS } from "../auth/values";
import { calendarDate, id, pageFields } from "../common/validation";
import { RULE_KEYS, STEPS, STRUCTURE_KEYS } from "./values";

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const count = z.number().check(z.int(), z.minimum(0), z.maximum(100000));

export const applicantBody = z.object({
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  username: z.string().check(z.trim(), z.minLength(2), z.maxLength(60)),
  password: z.string().check(z.minLength(8), z.maxLength(200)),
  gender: z.optional(z.enum(["male", "female"])),
  birthOn: z.optional(calendarDate),
  education: z.optional(z.enum(EDUCATION_LEVELS)),
  occupation: z.optional(z.enum(OCCUPATIONS)),
  appliedOn: calendarDate,
  evidence: z._default(text(500), ""),
});

export const stepBody = z.object({
  step: z.enum(STEPS),
  takenOn: calendarDate,
  actor: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  decision: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  evidence: z._default(text(1000), ""),
  lateReason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  // Per step: mentorIds (activist), sponsorIds (candidate), planId (training: the 发展对象培训班 whose
  // completions are counted), startOn/endOn (notice), entitled/for/against/abstain (votes), months
  // (extension), toOrgId (transfer).
  mentorIds: z.optional(z.array(id).check(z.maxLength(2))),
  sponsorIds: z.optional(z.array(id).check(z.maxLength(2))),
  recommendedBy: z.optional(z.enum(["members", "masses"])),
  planId: z.optional(id),
  startOn: z.optional(calendarDate),
  endOn: z.optional(calendarDate),
  entitled: z.optional(count),
  for: z.optional(count),
  against: z.optional(count),
  abstain: z.optional(count),
  months: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(24))),
  toOrgId: z.optional(id),
});

export const enrollBody = z.object({ planId: id });

export const correctionBody = z.object({
  takenOn: calendarDate,
  actor: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  decision: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  evidence: z._default(text(1000), ""),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});

export const registerQuery = z.object(pageFields);

const positive = z.number().check(z.int(), z.minimum(0), z.maximum(120));
export const rulesBody = z.object({
  values: z.object(
    Object.fromEntries(RULE_KEYS.map((k) => [k, positive])) as Record<(typeof RULE_KEYS)[number], typeof positive>,
  ),
  sources: z.object(
    Object.fromEntries(
      RULE_KEYS.map((k) => [k, z.string().check(z.trim(), z.minLength(1), z.maxLength(200))]),
    ) as Record<(typeof RULE_KEYS)[number], z.ZodMiniString>,
  ),
  note: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});

const target = z.number().check(z.int(), z.minimum(0), z.maximum(100000));
export const planBody = z.object({
  target,
  structure: z.object(
    Object.fromEntries(STRUCTURE_KEYS.map((k) => [k, z.optional(target)])) as Record<
      (typeof STRUCTURE_KEYS)[number],
      z.ZodMiniOptional<typeof target>
    >,
  ),
  note: z._default(text(500), ""),
});

export const yearParam = z.object({
  id,
  year: z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
});
