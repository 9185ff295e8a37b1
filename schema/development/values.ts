// 发展党员 (《中国共产党发展党员工作细则》, 2014): the five stages and the steps a branch records in them.
export const STAGES = ["applicant", "activist", "candidate", "probationary", "full"] as const;
export type Stage = (typeof STAGES)[number];

/** Every step, in the order the 细则 takes them; each belongs to the stage it is taken in. */
export const STEPS = [
  "application",
  "talk",
  "activist",
  "assessment",
  "candidate",
  "political_review",
  "training",
  "prereview",
  "notice",
  "branch_vote",
  "approval",
  "oath",
  "extension",
  "cancel",
  "full_application",
  "full_vote",
  "full_approval",
  // The person moved to another branch: the record moves with them (data names both branches).
  "transfer",
] as const;
export type Step = (typeof STEPS)[number];

/** Steps the higher committee takes; all others are the branch's. */
export const COMMITTEE_STEPS: readonly Step[] = ["prereview", "approval", "full_approval"];

export const CASE_STATUSES = ["open", "full", "cancelled"] as const;

/** Why a step cannot be taken now: the web shows each in the user's language. */
const BLOCKERS = [
  "case_closed",
  "missing_previous",
  "already_done",
  "too_early",
  "before_previous",
  "in_future",
  "late_reason_required",
  "assessments_short",
  "sponsors_required",
  "sponsor_not_full",
  "mentors_required",
  "mentor_not_full",
  "training_short",
  "notice_not_over",
  "vote_not_passed",
  "extension_used",
  "committee_only",
  "own_case",
  "past_limit",
  "not_enrolled",
] as const;
export type BlockerCode = (typeof BLOCKERS)[number];
export interface Blocker {
  code: BlockerCode;
  step?: Step;
  date?: string;
  n?: number;
  needed?: number;
  days?: number;
  neededDays?: number;
}

/** The time rules a committee may change, each with the article of the 细则 it comes from. */
export const RULE_KEYS = [
  "talkWithinMonths",
  "assessEveryMonths",
  "activistMinMonths",
  "trainingMinHours",
  "trainingMinDays",
  "voteWithinMonths",
  "approveWithinMonths",
  "approveMaxMonths",
  "probationMonths",
  "extendMinMonths",
  "extendMaxMonths",
  "fullApproveWithinMonths",
] as const;
export type RuleKey = (typeof RULE_KEYS)[number];
export type RuleValues = Record<RuleKey, number>;
export type RuleSources = Record<RuleKey, string>;

export const DEFAULT_RULES: RuleValues = {
  talkWithinMonths: 1,
  assessEveryMonths: 6,
  activistMinMonths: 12,
  trainingMinHours: 24,
  trainingMinDays: 3,
  voteWithinMonths: 1,
  approveWithinMonths: 3,
  approveMaxMonths: 6,
  probationMonths: 12,
  extendMinMonths: 6,
  extendMaxMonths: 12,
  fullApproveWithinMonths: 3,
};

const ART = "《中国共产党发展党员工作细则》";
export const DEFAULT_SOURCES: RuleSources = {
  talkWithinMonths: `${ART}第七条`,
  assessEveryMonths: `${ART}第十二条`,
  activistMinMonths: `${ART}第十三条`,
  trainingMinHours: `${ART}第十七条`,
  trainingMinDays: `${ART}第十七条`,
  voteWithinMonths: `${ART}第二十一条`,
  approveWithinMonths: `${ART}第二十五条`,
  approveMaxMonths: `${ART}第二十五条`,
  probationMonths: `${ART}第二十八条`,
  extendMinMonths: `${ART}第三十条`,
  extendMaxMonths: `${ART}第三十条`,
  fullApproveWithinMonths: `${ART}第三十一条`,
};

/** What an annual plan's structure targets count: the least number of new 预备党员 in each group. */
export const STRUCTURE_KEYS = ["young", "women", "frontline", "farmers", "higherEducation"] as const;
export type StructureKey = (typeof STRUCTURE_KEYS)[number];
export type PlanStructure = Partial<Record<StructureKey, number>>;
/** "Young" in the structure report: under this age on the day the step was taken. */
export const YOUNG_UNDER = 35;
