import * as z from "zod/mini";
import { id, pageFields } from "../common/validation";
import { dateString } from "../services/validation";
import { ANSWERS, MIN_K, RATING_TARGETS, TEMPLATE_TARGETS } from "./values";

const label = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const ratingItem = z.object({
  key: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,30}$/)),
  label: z.object({ "zh-CN": label, "zh-TW": label, en: label }),
});

export const templateBody = z.object({
  target: z.enum(TEMPLATE_TARGETS),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  items: z.array(ratingItem).check(z.minLength(1), z.maxLength(20)),
});
export const targetQuery = z.object({ target: z._default(z.enum(TEMPLATE_TARGETS), "member") });
const year = z.number().check(z.int(), z.minimum(2000), z.maximum(2100));

export const roundBody = z.object({
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  target: z.enum(RATING_TARGETS),
  // Member rounds: which members (default: every active member of the branch).
  rateeIds: z.optional(z.array(id).check(z.maxLength(200))),
  tokensPerRatee: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
  closesOn: dateString,
  // At least MIN_K: fewer ratings would let one rating be told apart.
  k: z.optional(z.number().check(z.int(), z.minimum(MIN_K), z.maximum(50))),
  // Pledge rounds: whose year's approved pledges are checked.
  year: z.optional(year),
});

export const roundListQuery = z.object(pageFields);
export const tokenParam = z.object({ token: z.string().check(z.minLength(1), z.maxLength(100)) });
export const submitBody = z.object({
  answers: z.record(z.string().check(z.maxLength(31)), z.enum(ANSWERS)),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(500))),
});
export const commentQuery = z.object({ status: z._default(z.enum(["pending", "approved", "rejected"]), "pending") });
export const commentDecision = z.object({ approve: z.boolean() });

const pledgeText = z.string().check(z.trim(), z.minLength(2), z.maxLength(200));
export const pledgeBody = z.object({ memberId: id, year, text: pledgeText });
export const myPledgeBody = z.object({ orgId: id, year, text: pledgeText });
export const pledgeYearQuery = z.object({ year: z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100)) });
export const pledgeDecision = z.object({ approve: z.boolean() });
export const progressBody = z.object({ note: z.string().check(z.trim(), z.minLength(2), z.maxLength(500)) });

/** What a reader of a result notice types in: the round's code and the fingerprint, dashes and case optional. */
const normalized = (max: number) =>
  z.pipe(
    z.string().check(z.maxLength(max + 10)),
    z.transform((s) => s.replace(/[\s-]/g, "").toLowerCase()),
  );
export const sealCheckQuery = z.object({
  code: z.pipe(normalized(8), z.string().check(z.regex(/^[a-z2-7]{8}$/))),
  fingerprint: z.pipe(normalized(16), z.string().check(z.regex(/^[a-z2-7]{16}$/))),
});
