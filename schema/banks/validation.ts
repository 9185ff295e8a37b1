import * as z from "zod/mini";
import { id } from "../common/validation";
import { TEXT_FORMATS } from "./types";

const text = (max: number) => z.string().check(z.maxLength(max));
const fraction = z.number().check(z.gte(-1), z.lte(1));
const feedback = z.optional(text(5000));
const tail = z.optional(text(5000));

const option = z.object({ id: z.optional(text(40)), text: text(5000), fraction, feedback });
const numeric = z.object({
  value: z.optional(z.number()),
  tolerance: z.optional(z.number().check(z.gte(0))),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  fraction,
  feedback,
});

const questionBodySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("single"), options: z.array(option).check(z.minLength(2), z.maxLength(20)), tail }),
  z.object({ type: z.literal("multiple"), options: z.array(option).check(z.minLength(2), z.maxLength(20)), tail }),
  z.object({
    type: z.literal("truefalse"),
    answer: z.boolean(),
    feedbackWrong: feedback,
    feedbackRight: feedback,
    tail,
  }),
  z.object({
    type: z.literal("fill"),
    answers: z.array(z.object({ text: text(500), fraction, feedback })).check(z.minLength(1), z.maxLength(20)),
    tail,
  }),
  z.object({
    type: z.literal("matching"),
    pairs: z.array(z.object({ left: text(1000), right: text(1000) })).check(z.minLength(2), z.maxLength(20)),
    tail,
  }),
  z.object({ type: z.literal("numerical"), answers: z.array(numeric).check(z.minLength(1), z.maxLength(20)), tail }),
  z.object({ type: z.literal("essay"), tail }),
]);

export const questionInput = z.object({
  categoryId: id,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  stem: text(20000),
  format: z._default(z.enum(TEXT_FORMATS), "markdown"),
  body: questionBodySchema,
  generalFeedback: z._default(text(20000), ""),
  defaultPoints: z._default(z.number().check(z.gt(0), z.lte(1000)), 1),
  difficulty: z._default(z.number().check(z.int(), z.gte(1), z.lte(5)), 3),
  tags: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))).check(z.maxLength(20)), []),
});
export const questionUpdate = z.extend(questionInput, { expectedVersion: z.optional(z.number().check(z.int())) });

export const createBankBody = z.object({
  ownerOrgId: id,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  practiceOrgId: z.optional(z.nullable(id)),
});
export const createCategoryBody = z.object({
  parentId: z.optional(z.nullable(id)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});
export const questionListQuery = z.object({
  categoryId: z.optional(z.string().check(z.maxLength(40))),
  sub: z.optional(z.enum(["0", "1"])),
  q: z.optional(z.string().check(z.maxLength(100))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 0),
});
export const importQuery = z.object({
  format: z.enum(["gift", "csv", "xlsx"]),
  categoryId: z.optional(z.string().check(z.maxLength(40))),
});
export const regradeBody = z.object({ mode: z.enum(["newKey", "fullMarks"]) });
