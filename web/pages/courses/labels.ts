export {
  COURSE_CATEGORIES as CATEGORIES,
  COURSE_LEVELS as LEVELS,
  LESSON_KINDS as KINDS,
} from "../../../schema/courses/values";
