export const PARTS = ["base", "bonus", "deduction", "veto"] as const;
export type Part = (typeof PARTS)[number];
export const ADJUSTMENT_KINDS = ["bonus", "deduction", "veto"] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
export const ADJUSTMENT_STATUSES = ["pending", "approved", "rejected"] as const;
export const SCORE_STATUSES = ["scored", "vetoed", "insufficient_data"] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

export type Label = { "zh-CN": string; "zh-TW": string; en: string };

/**
 * How an indicator's value becomes points, capped at the item's max:
 * ratio: max × min(1, value / target); linear: value × perUnit; direct: the value itself (manual points).
 */
type Rule = { kind: "ratio"; target: number } | { kind: "linear"; perUnit: number } | { kind: "direct" };

export interface ModelItem {
  key: string;
  indicator: string;
  part: Part;
  max: number;
  rule: Rule;
  label: Label;
}

export interface ModelDefinition {
  base: number;
  bonusCap: number;
  deductionCap: number;
  items: ModelItem[];
}

const L = (zhCN: string, zhTW: string, en: string): Label => ({ "zh-CN": zhCN, "zh-TW": zhTW, en });

/** The published Qinghai (2018) design: base 60, bonus up to 20, deductions up to 20, veto to 0. */
export const DEFAULT_MODEL: ModelDefinition = {
  base: 60,
  bonusCap: 20,
  deductionCap: 20,
  items: [
    {
      key: "study",
      indicator: "study",
      part: "base",
      max: 15,
      rule: { kind: "ratio", target: 1 },
      label: L("学习培训", "學習培訓", "Study"),
    },
    {
      key: "mastery",
      indicator: "mastery",
      part: "base",
      max: 10,
      rule: { kind: "ratio", target: 1 },
      label: L("学习测试", "學習測試", "Quizzes and exams"),
    },
    {
      key: "self_analysis",
      indicator: "self_analysis",
      part: "base",
      max: 10,
      rule: { kind: "ratio", target: 1 },
      label: L("党性分析", "黨性分析", "Self-analysis"),
    },
    {
      key: "appraisal",
      indicator: "appraisal",
      part: "base",
      max: 15,
      rule: { kind: "ratio", target: 1 },
      label: L("民主评议", "民主評議", "Democratic appraisal"),
    },
    {
      key: "masses",
      indicator: "masses",
      part: "base",
      max: 10,
      rule: { kind: "ratio", target: 1 },
      label: L("群众评价", "群眾評價", "Rating by the masses"),
    },
    {
      key: "service",
      indicator: "service",
      part: "bonus",
      max: 10,
      rule: { kind: "linear", perUnit: 0.5 },
      label: L("服务群众", "服務群眾", "Service to the masses"),
    },
    {
      key: "pledges",
      indicator: "pledges",
      part: "bonus",
      max: 5,
      rule: { kind: "ratio", target: 1 },
      label: L("承诺践诺", "承諾踐諾", "Pledges kept"),
    },
    {
      key: "practice",
      indicator: "practice",
      part: "bonus",
      max: 5,
      rule: { kind: "ratio", target: 1 },
      label: L("实践锻炼", "實踐鍛煉", "Practice posts"),
    },
    {
      key: "manual_bonus",
      indicator: "manual_bonus",
      part: "bonus",
      max: 20,
      rule: { kind: "direct" },
      label: L("加分事项", "加分事項", "Bonus items"),
    },
    {
      key: "manual_deduction",
      indicator: "manual_deduction",
      part: "deduction",
      max: 20,
      rule: { kind: "direct" },
      label: L("扣分事项", "扣分事項", "Deductions"),
    },
    {
      key: "veto",
      indicator: "manual_veto",
      part: "veto",
      max: 0,
      rule: { kind: "direct" },
      label: L("一票否决", "一票否決", "Veto"),
    },
  ],
};
