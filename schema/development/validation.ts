import * as z from "zod/mini";
import { calendarDate, id, pageFields } from "../common/validation";
import { RULE_KEYS, STEPS } from "./values";

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const count = z.number().check(z.int(), z.minimum(0), z.maximum(100000));

export const applicantBody = z.object({
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  username: z.string().check(z.trim(), z.minLength(2), z.maxLength(60)),
  password: z.string().check(z.minLength(8), z.maxLength(200)),
  gender: z.optional(z.enum(["male", "female"])),
  birthOn: z.optional(calendarDate),
  education: z.optional(text(40)),
  occupation: z.optional(text(40)),
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
  // Per step: mentorIds (activist), sponsorIds (candidate), hours/days (training), startOn/endOn (notice),
  // entitled/for/against/abstain (votes), months (extension).
  mentorIds: z.optional(z.array(id).check(z.maxLength(2))),
  sponsorIds: z.optional(z.array(id).check(z.maxLength(2))),
  recommendedBy: z.optional(z.enum(["members", "masses"])),
  hours: z.optional(z.number().check(z.minimum(0), z.maximum(1000))),
  days: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  startOn: z.optional(calendarDate),
  endOn: z.optional(calendarDate),
  entitled: z.optional(count),
  for: z.optional(count),
  against: z.optional(count),
  abstain: z.optional(count),
  months: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(24))),
});

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
