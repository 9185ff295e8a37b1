import type { Grade } from "../evaluations/values";

/** The kinds a committee commends; "other" is one the committee names itself. */
export const COMMENDATION_KINDS = ["excellent_member", "excellent_worker", "advanced_branch", "other"] as const;
export type CommendationKind = (typeof COMMENDATION_KINDS)[number];
/** Who is commended: a member (优秀共产党员, 优秀党务工作者) or a branch (先进基层党组织). */
export const COMMENDATION_TARGETS = ["member", "branch"] as const;
export type CommendationTarget = (typeof COMMENDATION_TARGETS)[number];
export const ROUND_STATUSES = ["nominating", "notice", "final"] as const;
/** A nominee withdrawn is one whose approval an upheld objection took back. */
export const NOMINEE_STATUSES = ["nominated", "approved", "refused", "withdrawn"] as const;
export const OBJECTION_OUTCOMES = ["upheld", "dismissed"] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/** The lower bounds of the vanguard index's bands (worker/vanguard/score.ts distribution). */
export const VANGUARD_BANDS = [60, 70, 80, 90] as const;
/** The appraisal grades a criterion may ask for, best first: "qualified" is met by 优秀 too. */
export const APPRAISAL_LEVELS = ["excellent", "qualified"] as const satisfies readonly Grade[];

/**
 * What the committee asks of a nominee, each read from the platform's own results for the round's year.
 * An absent criterion is not asked. A branch round asks no appraisal grade (that is a member's).
 */
export interface Criteria {
  /** The vanguard index (a branch: its members' mean) at least this band's lower bound. */
  vanguardMin?: number | undefined;
  /** The grade of the year's democratic appraisal at least this. */
  appraisal?: (typeof APPRAISAL_LEVELS)[number] | undefined;
  /** Confirmed service to the masses in the year, in hours (a branch: its members' together). */
  serviceHours?: number | undefined;
  /** The masses' satisfaction (满意 + 基本满意 share) in closed rating rounds of the year, at least this. */
  massesMin?: number | undefined;
}
export type CriterionKey = "vanguard" | "appraisal" | "service" | "masses";

export const targetOf = (kind: CommendationKind, asked?: CommendationTarget): CommendationTarget =>
  kind === "advanced_branch" ? "branch" : kind === "other" ? (asked ?? "member") : "member";
