// Follow-up of a 不合格 grade (畅通出口), as 党章 art. 9 orders it: the branch educates and helps first
// and asks for correction by a deadline (限期改正); a member who still does not change is persuaded to
// leave (劝其退党), and one who refuses is removed (除名). Persuasion and removal are decided by the
// branch general meeting (支部大会) and take effect only when the higher committee approves them; a
// member who has lapsed (自行脱党: six months without organisational life, dues or assigned work,
// without good reason) is removed the same way without the earlier steps.

/** Every step a follow-up can record, in the order they are usually taken. */
export const FOLLOWUP_STEPS = [
  "plan",
  "talk",
  "improved",
  "deadline",
  "corrected",
  "persuade",
  "withdrew",
  "declined",
  "remove",
  "approval",
] as const;
export type FollowupStep = (typeof FOLLOWUP_STEPS)[number];

/** Decided by the branch general meeting, in force only once a committee above approves. */
export const PROPOSALS: readonly FollowupStep[] = ["persuade", "remove"];

/** How a follow-up ended. */
export const FOLLOWUP_OUTCOMES = ["improved", "corrected", "withdrew", "removed"] as const;
export type FollowupOutcome = (typeof FOLLOWUP_OUTCOMES)[number];

export const REMOVAL_GROUNDS = ["declined", "lapsed"] as const;

/** 自行脱党: this many months without organisational life, dues or assigned work (党章 art. 9). */
export const LAPSED_MONTHS = 6;
/**
 * A committee's follow-up time rules (versioned, see eval_followup_rules): the help plan is due
 * `planDays` after the follow-up opens, a step with no deadline of its own (an approval, the member's
 * answer) `nextDays` after the last, and the branch's secretaries are warned `warnDays` before a deadline.
 */
export interface FollowupRuleValues {
  planDays: number;
  nextDays: number;
  warnDays: number;
}
export const FOLLOWUP_RULE_DEFAULTS: FollowupRuleValues = { planDays: 30, nextDays: 30, warnDays: 7 };
export const FOLLOWUP_RULE_SOURCE =
  "平台默认值（非党内法规规定）：党章第九条只规定教育帮助、限期改正、劝退、除名的先后顺序，未规定天数";
/** The longest warning a rule may ask for: the cron's index range reaches this far ahead. */
export const MAX_WARN_DAYS = 60;

/** Why a step cannot be taken now; the web says each in the user's language. */
const FOLLOWUP_BLOCKERS = [
  "followup_closed",
  "already_done",
  "missing_previous",
  "education_first",
  "in_correction",
  "deadline_not_reached",
  "awaiting_approval",
  "approval_missing",
  "nothing_to_approve",
  "vote_not_passed",
  "lapsed_short",
  "due_before_taken",
  "before_previous",
  "in_future",
  "committee_only",
  "own_proposal",
  "own_case",
] as const;
type FollowupBlockerCode = (typeof FOLLOWUP_BLOCKERS)[number];
export interface FollowupBlocker {
  code: FollowupBlockerCode;
  step?: FollowupStep;
  date?: string;
  n?: number;
  needed?: number;
}
