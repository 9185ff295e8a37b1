/**
 * Every kind of growth-archive event. The writers' type, the filter's validator and the page's labels
 * all come from this list, so a kind can be filtered and exported exactly when something records it.
 */
export const ARCHIVE_KINDS = [
  "joined",
  "transferred",
  "role_granted",
  "role_revoked",
  "service",
  "course_completed",
  "quiz.passed",
  "quiz.graded",
  "quiz.regraded",
  "self_analysis_accepted",
  "appraisal_grade",
  "vanguard",
  "vanguard_adjustment",
  "development",
] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];
