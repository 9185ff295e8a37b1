export {
  COURSE_CATEGORIES as CATEGORIES,
  COURSE_LEVELS as LEVELS,
  LESSON_KINDS as KINDS,
} from "../../../schema/courses/values";

/** Credit hours shown with at most two decimals. */
export const hours = (n: number | null | undefined) => String(Math.round((n ?? 0) * 100) / 100);
