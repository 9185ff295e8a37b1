import { firstLoadMessages } from "../i18n";

/** What the home shows a secretary, a committee or a grader (HomeManager's chunk). */
export const homeManagerMessages = firstLoadMessages("homeManager", {
  followupsDue: "{n} 名党员的帮扶处置待办理或已逾期",
  followupApprovals: "{n} 项帮扶处置决定待上级党委审批",
  followupsOverdue: "{n} 项帮扶处置已逾期",
  branch: "{name}：待处理",
  toReview: "{n} 份党性分析待审阅：{cycle}",
  notSubmitted: "{n} 名党员尚未提交党性分析：{cycle}",
  services: "{n} 条服务记录待确认",
  flagged: "{n} 条学习记录待核实",
  committee: "{name}：需要关注",
  behind: "{name}：必修课完成 {rate}，逾期未完成 {overdue} 人次",
  behindNoRate: "{name}：逾期未完成必修课 {overdue} 人次",
  closing: "{branch} {cycle}：{phase} {date} 截止",
  phase_analysis: "党性分析",
  phase_appraisal: "民主评议",
  phase_decision: "评定等次",
  allWell: "各支部暂无需要关注的事项",
  grading: "待批阅",
  nothingToGrade: "暂无待批阅的主观题",
  essays: "测验《{title}》有 {n} 道主观题待批阅",
});
