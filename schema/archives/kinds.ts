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
  "talent.nominated",
  "talent.admitted",
  "talent.refused",
  "talent.planned",
  "talent.reviewed",
  "talent.exited",
  "talent.corrected",
  "talent.used",
  "talent.term_opened",
  "talent.term_closed",
  "talent.secretary_chosen",
  "talent.secretary_reviewed",
  "development",
  "followup",
  "commendation",
] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

/**
 * Held by the organisation (组织掌握): the reserve pool's deliberations are in the member's archive for
 * the committee, but a member reading their own archive does not see them. Being used (appointed) is public.
 */
export const ORG_HELD_KINDS: readonly ArchiveKind[] = [
  "talent.nominated",
  "talent.admitted",
  "talent.refused",
  "talent.planned",
  "talent.reviewed",
  "talent.exited",
  "talent.corrected",
];

/**
 * Held by the branch: a follow-up of 不合格 is read by the member concerned and by the keepers
 * (secretaries, committees) of the branch where it was recorded, not by a party group's secretary who
 * may otherwise read a group member's archive.
 */
export const BRANCH_HELD_KINDS: readonly ArchiveKind[] = ["followup"];
