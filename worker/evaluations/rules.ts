import type { SessionUser } from "../auth";
import { ApiError } from "../lib/errors";

// Refusals that name an appraisal rule, worded in the caller's language (the web maps the same codes).

type Locale = SessionUser["locale"];
type Params = Record<string, string | number>;

const TEXT: Record<Locale, Record<RuleCode, string>> = {
  "zh-CN": {
    own_case: "任何人不得决定本人的评定等次：{name}的等次须由他人决定（可决定者：{who}）",
    own_request: "不得批准或驳回本人提交的超名额申请，须由上级党委的其他管理员处理",
    higher_committee_only: "超名额申请须由上级党委的管理员批准或驳回",
    quota_exceeded: "优秀名额为 {quota} 人（共 {total} 人），本次决定后为 {excellent} 人：{state}",
    q_none: "超出名额须由支部提出申请并经上级党委批准",
    q_pending: "超名额申请正待上级党委批准",
    q_refused: "超名额申请已被上级党委驳回",
    ballots_sealed: "民主评议投票 {at} 截止，截止前不公布测评结果，也不能作出决定",
    tally_fixed: "民主评议投票已截止，测评结果已固定，不能再延长",
    override_pending: "已有一份超名额申请正待批准",
    override_answered: "该申请已处理",
  },
  "zh-TW": {
    own_case: "任何人不得決定本人的評定等次：{name}的等次須由他人決定（可決定者：{who}）",
    own_request: "不得批准或駁回本人提交的超名額申請，須由上級黨委的其他管理員處理",
    higher_committee_only: "超名額申請須由上級黨委的管理員批准或駁回",
    quota_exceeded: "優秀名額為 {quota} 人（共 {total} 人），本次決定後為 {excellent} 人：{state}",
    q_none: "超出名額須由支部提出申請並經上級黨委批准",
    q_pending: "超名額申請正待上級黨委批准",
    q_refused: "超名額申請已被上級黨委駁回",
    ballots_sealed: "民主評議投票 {at} 截止，截止前不公布測評結果，也不能作出決定",
    tally_fixed: "民主評議投票已截止，測評結果已固定，不能再延長",
    override_pending: "已有一份超名額申請正待批准",
    override_answered: "該申請已處理",
  },
  en: {
    own_case: "Nobody decides their own grade: {name}'s grade is decided by someone else (who may: {who})",
    own_request: "Nobody answers their own quota request: another admin of the higher committee must",
    higher_committee_only: "A quota request is approved or refused by an admin of the higher committee",
    quota_exceeded: "Excellent is limited to {quota} of {total} members and these decisions make {excellent}: {state}",
    q_none: "going over needs the branch's request approved by the higher committee",
    q_pending: "the branch's request is pending approval by the higher committee",
    q_refused: "the higher committee refused the branch's request",
    ballots_sealed: "The appraisal ballot closes at {at}: until then there is no tally and no decision",
    tally_fixed: "The appraisal ballot has closed and its tally is fixed: it cannot be extended",
    override_pending: "A quota request is already pending",
    override_answered: "This request has already been answered",
  },
};

type RuleCode =
  | "own_case"
  | "own_request"
  | "higher_committee_only"
  | "quota_exceeded"
  | "q_none"
  | "q_pending"
  | "q_refused"
  | "ballots_sealed"
  | "tally_fixed"
  | "override_pending"
  | "override_answered";

export function ruleText(locale: Locale, code: RuleCode, params: Params = {}) {
  const text = (TEXT[locale] ?? TEXT["zh-CN"])[code];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ""));
}

/** An ApiError whose message is the rule in the caller's language; details carry the same numbers. */
export function ruleError(
  user: SessionUser,
  status: 403 | 409,
  code: Exclude<RuleCode, `q_${string}`>,
  params: Params = {},
  details: unknown = params,
) {
  return new ApiError(status, code, ruleText(user.locale, code, params), details);
}

/** Timestamps in messages: the org's zone is not at hand here, so UTC, and said so. */
export const utcStamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
