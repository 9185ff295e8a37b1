// The courses feature's public face: what other features may use.
export { viewableCourse } from "./access";
export { branchesBehind, flaggedCompletions } from "./home";
export { memberStudyToDo } from "./kept";
export {
  type CourseProgressRow,
  courseProgressSql,
  courseShare,
  type YearHoursRow,
  yearHoursSql,
} from "./member-record";
export { replaceOfflineCredits } from "./offline";
export { effectiveQuota, quotaKind } from "./study";
export { classRecord, enrollStatement, trainingClasses } from "./training";
