import * as z from "zod/mini";
import { id } from "../common/validation";
import { dateString } from "../services/validation";
import { ADJUSTMENT_KINDS, ADJUSTMENT_STATUSES, PARTS } from "./values";

export const periodQuery = z.object({ from: dateString, to: dateString });
const instant = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(8_640_000_000_000));
/** Stored scores: an exact period (epoch ms, as listed by /vanguard/periods) or calendar days from/to. */
export const storedQuery = z.object({
  from: z.optional(dateString),
  to: z.optional(dateString),
  start: z.optional(instant),
  end: z.optional(instant),
});

const label = z.string().check(z.trim(), z.minLength(1), z.maxLength(60));
const points = z.number().check(z.minimum(0), z.maximum(100));
/** One model item: shared by the vanguard and bastion models. */
export const modelItem = z.object({
  key: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,30}$/)),
  indicator: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,40}$/)),
  part: z.enum(PARTS),
  max: points,
  rule: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("ratio"), target: z.number().check(z.gt(0)) }),
    z.object({ kind: z.literal("linear"), perUnit: z.number().check(z.gt(0)) }),
    z.object({ kind: z.literal("direct") }),
  ]),
  label: z.object({ "zh-CN": label, "zh-TW": label, en: label }),
});
export const modelBody = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  definition: z.object({
    base: points,
    bonusCap: points,
    deductionCap: points,
    items: z.array(modelItem).check(z.minLength(1), z.maxLength(40)),
  }),
});

export const adjustmentBody = z.object({
  memberId: id,
  kind: z.enum(ADJUSTMENT_KINDS),
  points: z.number().check(z.minimum(0), z.maximum(20)),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  evidence: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)),
  occurredOn: dateString,
});
export const adjustmentQuery = z.object({ status: z._default(z.enum(ADJUSTMENT_STATUSES), "pending") });
export const reviewBody = z.object({ approve: z.boolean(), note: z.optional(z.string().check(z.maxLength(500))) });
