import * as z from "zod/mini";
import { id } from "../common/validation";
import { GRADING_METHODS } from "./types";

const flags = z.object({ score: z.boolean(), correctness: z.boolean(), answer: z.boolean(), feedback: z.boolean() });
const reviewSchema = z.object({ during: flags, immediately: flags, open: flags, closed: flags });

const slotSchema = z.object({
  questionId: z.optional(id),
  categoryId: z.optional(id),
  count: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
  includeSubcategories: z.optional(z.boolean()),
  difficulty: z.optional(z.number().check(z.int(), z.gte(1), z.lte(5))),
  tags: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(10))),
  points: z.number().check(z.gt(0), z.lte(1000)),
});

const time = z.nullable(z.number().check(z.int(), z.gte(0)));
/** A quiz's fields with no defaults: an update changes only what it sends. */
const quizFields = {
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  description: z.string().check(z.maxLength(5000)),
  courseId: z.nullable(id),
  slots: z.array(slotSchema).check(z.minLength(1), z.maxLength(200)),
  openAt: time,
  closeAt: time,
  timeLimitSec: z.nullable(z.number().check(z.int(), z.gte(30), z.lte(86_400))),
  attemptsAllowed: z.number().check(z.int(), z.gte(0), z.lte(100)),
  gradingMethod: z.enum(GRADING_METHODS),
  passPercent: z.number().check(z.gte(0), z.lte(100)),
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  review: reviewSchema,
  published: z.boolean(),
};
/** A new quiz: what it leaves out takes these defaults. */
export const createQuizBody = z.object({
  ownerOrgId: id,
  audienceOrgId: id,
  ...quizFields,
  description: z._default(quizFields.description, ""),
  courseId: z.optional(quizFields.courseId),
  openAt: z._default(time, null),
  closeAt: z._default(time, null),
  timeLimitSec: z._default(quizFields.timeLimitSec, null),
  attemptsAllowed: z._default(quizFields.attemptsAllowed, 1),
  gradingMethod: z._default(quizFields.gradingMethod, "highest"),
  passPercent: z._default(quizFields.passPercent, 60),
  shuffleQuestions: z._default(quizFields.shuffleQuestions, false),
  shuffleOptions: z._default(quizFields.shuffleOptions, true),
  review: z.optional(reviewSchema),
  published: z._default(quizFields.published, false),
});
// Not z.partial of the create body: a default inside it would fill in every field left out (a title-only
// change unpublished the quiz and cleared its window).
export const updateQuizBody = z.partial(z.object({ audienceOrgId: id, ...quizFields }));
export const overrideBody = z.object({
  userId: id,
  extraTimeSec: z._default(z.number().check(z.int(), z.gte(0), z.lte(86_400)), 0),
  extraAttempts: z._default(z.number().check(z.int(), z.gte(0), z.lte(100)), 0),
});

const responseSchema = z.union([
  z.object({ choice: z.string().check(z.maxLength(40)) }),
  z.object({ choices: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(20)) }),
  z.object({ value: z.boolean() }),
  z.object({ text: z.string().check(z.maxLength(20000)) }),
  z.object({ number: z.number() }),
  // Matching: shown left id -> shown right id (right texts in attempts started before shown ids).
  z.object({ pairs: z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(1000))) }),
]);
export const saveBody = z.object({ response: z.nullable(responseSchema), seq: z.number().check(z.int(), z.gte(1)) });
export const slotParam = z.object({ id, slot: z.coerce.number().check(z.int(), z.gte(0), z.lte(1000)) });
export const gradeEssayBody = z.object({
  fraction: z.number().check(z.gte(0), z.lte(1)),
  comment: z._default(z.string().check(z.maxLength(5000)), ""),
});
export const practiceAnswerBody = z.object({
  index: z.number().check(z.int(), z.gte(0), z.lte(20)),
  response: responseSchema,
});
