import { ApiFailure } from "../../api";
import { formatDateTime } from "../../components/format";
import { defineMessages, useT } from "../../i18n";
import { useErrText } from "./messages";

/** The decision sheet: the sealed ballot, who may decide, the quota and its override. */
export const decisionMessages = defineMessages({
  "zh-CN": {
    submittedOf: "{n}/{m} 人已提交互评，{k} 人已自评",
    sealed: "民主评议投票 {at} 截止。截止前不公布测评结果，也不能作出决定；谁投了什么票始终保密。",
    released: "投票已截止，测评结果已固定",
    deciders: "可作决定：{who}。任何人不得决定本人的等次。",
    noDeciders: "暂无可作决定的人，请上级党委安排",
    ownGrade: "本人的等次由他人决定：{who}",
    othersDecide: "由 {who} 决定",
    decidedBy: "由 {name} 决定",
    role_secretary: "书记",
    role_admin: "管理员",
    votes: "互评",
    overrideTitle: "超名额申请",
    overNeedsApproval: "优秀 {n} 人，超过名额 {max} 人：须由支部提出申请并经上级党委批准",
    overrideCount: "申请优秀人数",
    overrideReason: "申请理由",
    overrideSubmit: "提交超名额申请",
    overrideSent: "已提交，等待上级党委批准",
    overrideLine: "{requester} 申请优秀 {n} 人（{at}）",
    answeredLine: "{who}：{status}（{at}）",
    answerNote: "批复意见（可选）",
    approve: "批准",
    refuse: "驳回",
    answeredOk: "已处理",
    ownRequest: "这是您本人提交的申请，须由上级党委的其他管理员批准",
    e_own_case: "任何人不得决定本人的评定等次，请由 {who} 决定",
    e_own_request: "不得处理本人提交的申请，须由上级党委的其他管理员批准",
    e_higher_committee_only: "超名额申请须由上级党委的管理员批准或驳回",
    e_quota_exceeded: "优秀名额为 {quota} 人，本次决定后为 {excellent} 人：{state}",
    q_none: "超出名额须由支部提出申请并经上级党委批准",
    q_pending: "超名额申请正待上级党委批准",
    q_refused: "超名额申请已被上级党委驳回",
    e_ballots_sealed: "民主评议投票 {at} 截止，截止前不公布测评结果，也不能作出决定",
    e_override_pending: "已有一份超名额申请正待批准",
    e_override_answered: "该申请已处理",
    e_within_quota: "申请人数须超过名额",
    e_too_many: "申请人数不能超过党员总数",
    approveConfirm: "批准本支部优秀 {n} 人的超名额申请？",
    refuseConfirm: "驳回该超名额申请：请写明理由，支部会看到。",
  },
  "zh-TW": {
    submittedOf: "{n}/{m} 人已提交互評，{k} 人已自評",
    sealed: "民主評議投票 {at} 截止。截止前不公布測評結果，也不能作出決定；誰投了什麼票始終保密。",
    released: "投票已截止，測評結果已固定",
    deciders: "可作決定：{who}。任何人不得決定本人的等次。",
    noDeciders: "暫無可作決定的人，請上級黨委安排",
    ownGrade: "本人的等次由他人決定：{who}",
    othersDecide: "由 {who} 決定",
    decidedBy: "由 {name} 決定",
    role_secretary: "書記",
    role_admin: "管理員",
    votes: "互評",
    overrideTitle: "超名額申請",
    overNeedsApproval: "優秀 {n} 人，超過名額 {max} 人：須由支部提出申請並經上級黨委批准",
    overrideCount: "申請優秀人數",
    overrideReason: "申請理由",
    overrideSubmit: "提交超名額申請",
    overrideSent: "已提交，等待上級黨委批准",
    overrideLine: "{requester} 申請優秀 {n} 人（{at}）",
    answeredLine: "{who}：{status}（{at}）",
    answerNote: "批覆意見（可選）",
    approve: "批准",
    refuse: "駁回",
    answeredOk: "已處理",
    ownRequest: "這是您本人提交的申請，須由上級黨委的其他管理員批准",
    e_own_case: "任何人不得決定本人的評定等次，請由 {who} 決定",
    e_own_request: "不得處理本人提交的申請，須由上級黨委的其他管理員批准",
    e_higher_committee_only: "超名額申請須由上級黨委的管理員批准或駁回",
    e_quota_exceeded: "優秀名額為 {quota} 人，本次決定後為 {excellent} 人：{state}",
    q_none: "超出名額須由支部提出申請並經上級黨委批准",
    q_pending: "超名額申請正待上級黨委批准",
    q_refused: "超名額申請已被上級黨委駁回",
    e_ballots_sealed: "民主評議投票 {at} 截止，截止前不公布測評結果，也不能作出決定",
    e_override_pending: "已有一份超名額申請正待批准",
    e_override_answered: "該申請已處理",
    e_within_quota: "申請人數須超過名額",
    e_too_many: "申請人數不能超過黨員總數",
    approveConfirm: "批准本支部優秀 {n} 人的超名額申請？",
    refuseConfirm: "駁回該超名額申請：請寫明理由，支部會看到。",
  },
  en: {
    submittedOf: "{n} of {m} have submitted their peer appraisal; {k} have self-appraised",
    sealed:
      "The appraisal ballot closes at {at}. Until then there is no tally and no decision; who voted what stays secret always.",
    released: "The ballot has closed and the tally is fixed",
    deciders: "May decide: {who}. Nobody decides their own grade.",
    noDeciders: "Nobody may decide yet: ask the higher committee",
    ownGrade: "Your own grade is decided by others: {who}",
    othersDecide: "Decided by {who}",
    decidedBy: "Decided by {name}",
    role_secretary: "secretary",
    role_admin: "admin",
    votes: "Peers",
    overrideTitle: "Quota request",
    overNeedsApproval: "{n} excellent is over the quota of {max}: the branch must ask the higher committee",
    overrideCount: "Excellent requested",
    overrideReason: "Reason",
    overrideSubmit: "Request more than the quota",
    overrideSent: "Sent, waiting for the higher committee",
    overrideLine: "{requester} asked for {n} excellent ({at})",
    answeredLine: "{who}: {status} ({at})",
    answerNote: "Answer (optional)",
    approve: "Approve",
    refuse: "Refuse",
    answeredOk: "Answered",
    ownRequest: "You made this request: another admin of the higher committee must answer it",
    e_own_case: "Nobody decides their own grade: {who} may decide it",
    e_own_request: "Nobody answers their own request: another admin of the higher committee must",
    e_higher_committee_only: "An admin of the higher committee approves or refuses quota requests",
    e_quota_exceeded: "Excellent is limited to {quota}; these decisions make {excellent}: {state}",
    q_none: "going over needs the branch's request approved by the higher committee",
    q_pending: "the request is pending approval by the higher committee",
    q_refused: "the higher committee refused the request",
    e_ballots_sealed: "The appraisal ballot closes at {at}: until then there is no tally and no decision",
    e_override_pending: "A quota request is already pending",
    e_override_answered: "This request has already been answered",
    e_within_quota: "Ask for more than the quota",
    e_too_many: "At most the number of members",
    approveConfirm: "Approve the branch's request for {n} rated Excellent?",
    refuseConfirm: "Refuse this quota request: say why; the branch will read it.",
  },
});

export type DecisionKey = keyof (typeof decisionMessages)["zh-CN"];

/** Errors of the decision sheet with their numbers; anything else as the rest of evaluations says it. */
export function useDecisionErrText() {
  const t = useT(decisionMessages);
  const rest = useErrText();
  return (err: unknown) => {
    if (!(err instanceof ApiFailure)) return rest(err);
    const d = (err.details ?? {}) as Record<string, unknown>;
    switch (err.code) {
      case "own_case":
        return t("e_own_case", {
          who: ((d.deciders ?? []) as { displayName: string }[]).map((x) => x.displayName).join("、"),
        });
      case "quota_exceeded": {
        const state = d.override === "pending" ? "q_pending" : d.override === "refused" ? "q_refused" : "q_none";
        return t("e_quota_exceeded", { quota: Number(d.quota), excellent: Number(d.excellent), state: t(state) });
      }
      case "ballots_sealed":
        return t("e_ballots_sealed", { at: formatDateTime(Number(d.closesAt)) });
      case "own_request":
      case "higher_committee_only":
      case "override_pending":
      case "override_answered":
        return t(`e_${err.code}`);
      case "invalid": {
        const code = err.field("excellent")?.code;
        return code === "within_quota" || code === "too_many" ? t(`e_${code}`) : rest(err);
      }
      default:
        return rest(err);
    }
  };
}
