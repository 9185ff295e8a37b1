import * as z from "zod/mini";
import { id, pageFields, sheetFormat } from "../common/validation";
import {
  AUDIENCES,
  COURSE_CATEGORIES,
  COURSE_LEVELS,
  LESSON_KINDS,
  PLAN_PERIODS,
  PLAN_PURPOSES,
  STUDY_RULE_FIELDS,
  STUDY_RULE_MAX,
  type StudyRuleKind,
} from "./values";

const httpUrl = z.string().check(z.maxLength(500), z.regex(/^https?:\/\/[^\s]+$/));
const minutes = z.number().check(z.int(), z.minimum(1), z.maximum(600));

const courseFields = {
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  summary: z.optional(z.string().check(z.maxLength(2000))),
  coverUrl: z.optional(z.nullable(httpUrl)),
  coverKey: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  category: z.enum(COURSE_CATEGORIES),
  level: z.enum(COURSE_LEVELS),
  tags: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))).check(z.maxLength(10))),
  creditHours: z.optional(z.nullable(z.number().check(z.minimum(0), z.maximum(20)))),
  checkpointQuizId: z.optional(z.nullable(id)),
};

export const createCourseBody = z.object({ schoolOrgId: id, ...courseFields });
export const updateCourseBody = z.partial(z.object(courseFields));

const lessonFields = {
  kind: z.enum(LESSON_KINDS),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  body: z.optional(z.string().check(z.maxLength(200_000))),
  videoUrl: z.optional(z.nullable(httpUrl)),
  materialKey: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  minutes,
};
export const lessonBody = z.object(lessonFields);
export const updateLessonBody = z.partial(z.object(lessonFields));
export const reorderBody = z.object({ lessonIds: z.array(id).check(z.minLength(1), z.maxLength(200)) });
export const lessonParam = z.object({ id, lessonId: id });

export const courseListQuery = z.object({
  status: z.optional(z.enum(["draft", "published", "archived"])),
  ...pageFields,
});

export const catalogueQuery = z.object({
  q: z.optional(z.string().check(z.trim(), z.maxLength(50))),
  category: z.optional(z.enum(COURSE_CATEGORIES)),
  level: z.optional(z.enum(COURSE_LEVELS)),
  ...pageFields,
  // A phone's screen of cards with their snippets; "more" reads the next page.
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 20),
});

export const uploadQuery = z.object({ name: z.optional(z.string().check(z.maxLength(200))) });
export const materialParam = z.object({ id, file: z.string().check(z.minLength(1), z.maxLength(60)) });

export const progressBody = z.object({
  // Share of the lesson reached: the reader sends 100 at the end of the text, the player the share played.
  percent: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
  position: z.optional(z.number().check(z.minimum(0), z.maximum(100_000))),
});

const planItem = z.object({
  courseId: id,
  required: z.boolean(),
  audience: z.optional(z.enum(AUDIENCES)),
  dueAt: z.optional(z.nullable(z.number().check(z.int(), z.minimum(0)))),
});
export const planItemBody = planItem;
export const createPlanBody = z.object({
  orgId: id,
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  period: z.enum(PLAN_PERIODS),
  purpose: z._default(z.enum(PLAN_PURPOSES), "study"),
  year: z.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
  quarter: z.optional(z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(4)))),
  items: z.optional(z.array(planItem).check(z.maxLength(100))),
});

const ruleValues = <K extends StudyRuleKind>(kind: K) =>
  z.object(
    Object.fromEntries(
      STUDY_RULE_FIELDS[kind].map((f) => [f, z.number().check(z.minimum(0), z.maximum(STUDY_RULE_MAX[f]!))]),
    ) as Record<(typeof STUDY_RULE_FIELDS)[K][number], z.ZodMiniNumber>,
  );
const ruleVersion = <K extends StudyRuleKind>(kind: K) =>
  z.object({
    kind: z.literal(kind),
    fromYear: z.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
    values: ruleValues(kind),
    source: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
    note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  });
/** A new version of one study rule; the credit table's bands must be ordered (long above mid). */
export const studyRuleBody = z.discriminatedUnion("kind", [
  ruleVersion("quotas"),
  ruleVersion("plausibility"),
  ruleVersion("credit").check(
    z.refine((b) => b.values.longMinutes > b.values.midMinutes, {
      path: ["values", "midMinutes"],
      message: "the middle band must be shorter than the long one",
    }),
  ),
  ruleVersion("checkpoint"),
]);
export type StudyRuleInput = z.infer<typeof studyRuleBody>;

export const reportYearQuery = z.object({
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
});
export const reportExportQuery = z.extend(reportYearQuery, { format: sheetFormat });
export const reportPageQuery = z.extend(reportYearQuery, pageFields);

export const reviewBody = z.object({ decision: z.enum(["accept", "reject"]) });
