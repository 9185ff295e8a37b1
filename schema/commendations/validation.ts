import * as z from "zod/mini";
import { calendarDate, id } from "../common/validation";
import {
  APPRAISAL_LEVELS,
  COMMENDATION_KINDS,
  COMMENDATION_TARGETS,
  OBJECTION_OUTCOMES,
  VANGUARD_BANDS,
} from "./values";

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** An optional written reason: empty means none given. */
const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

const criteriaBody = z.object({
  vanguardMin: z.optional(z.literal(VANGUARD_BANDS)),
  appraisal: z.optional(z.enum(APPRAISAL_LEVELS)),
  serviceHours: z.optional(z.number().check(z.minimum(0), z.maximum(10_000))),
  massesMin: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});

export const roundBody = z.object({
  name: text(100),
  kind: z.enum(COMMENDATION_KINDS),
  /** Only for kind "other": whom it commends. */
  target: z.optional(z.enum(COMMENDATION_TARGETS)),
  year: z.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
  quota: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
  criteria: criteriaBody,
});

/** A member of the caller's branch, or (a branch round) a branch of the committee's subtree. */
export const nominationBody = z.object({ subjectId: id, statement: text(2000) });

export const decisionBody = z.object({
  approve: z.boolean(),
  reason: optionalText(1000),
  quotaReason: optionalText(1000),
});

export const noticeBody = z.object({ startsOn: calendarDate, endsOn: calendarDate });
export const objectionBody = z.object({ text: text(1000) });
export const answerBody = z.object({ outcome: z.enum(OBJECTION_OUTCOMES), answer: text(1000) });
