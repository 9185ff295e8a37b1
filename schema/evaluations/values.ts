export const FREQUENCIES = ["monthly", "quarterly", "half_yearly", "yearly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const GRADES = ["excellent", "qualified", "basic", "unqualified"] as const;
export type Grade = (typeof GRADES)[number];
export const PHASES = ["analysis", "appraisal", "decision"] as const;
export type Phase = (typeof PHASES)[number];
export const ANALYSIS_STATUSES = ["draft", "submitted", "returned", "accepted"] as const;
export const OVERRIDE_STATUSES = ["pending", "approved", "refused"] as const;

/** Day offsets from the period start: a phase is open from the start of day `from` to the start of day `to`. */
interface PhaseWindow {
  from: number;
  to: number;
}
export type PhaseWindows = Partial<Record<Phase, PhaseWindow>>;

export interface TemplateSection {
  key: string;
  title: string;
  guidance: string;
  minLength: number;
  maxLength: number;
  /** Each line of this section is a rectification item carried into the next cycle. */
  rectification?: boolean | undefined;
}

export interface AppraisalSettings {
  /** 优秀 at most this share of the branch (default 1/3). */
  excellentQuota: number;
  /** Peers are the member's party group instead of the whole branch. */
  peerScope: "branch" | "group";
}

export const DEFAULT_WINDOWS: PhaseWindows = {
  analysis: { from: 0, to: 14 },
  appraisal: { from: 10, to: 20 },
  decision: { from: 20, to: 25 },
};

export const DEFAULT_SETTINGS: AppraisalSettings = { excellentQuota: 1 / 3, peerScope: "branch" };

export const DEFAULT_TEMPLATE: TemplateSection[] = [
  { key: "theory", title: "理论学习", guidance: "学习了哪些理论，有何体会", minLength: 20, maxLength: 2000 },
  { key: "stance", title: "政治立场", guidance: "对照党章党规，检视政治立场", minLength: 20, maxLength: 2000 },
  { key: "duty", title: "履职尽责", guidance: "本职工作和党员义务的履行情况", minLength: 20, maxLength: 2000 },
  { key: "service", title: "服务群众", guidance: "联系和服务群众的具体事例", minLength: 20, maxLength: 2000 },
  { key: "problems", title: "存在问题", guidance: "查找自身存在的问题和不足", minLength: 10, maxLength: 2000 },
  {
    key: "rectification",
    title: "整改措施",
    guidance: "每行一条整改措施，下一周期将逐条报告落实情况",
    minLength: 5,
    maxLength: 2000,
    rectification: true,
  },
];

/**
 * The largest day offset a phase may use: the longest period of the frequency. In a shorter period a
 * window reaching past its end closes with the period (cycleWindows clamps), so "to the end" always works.
 */
export const MAX_OFFSET: Record<Frequency, number> = { monthly: 31, quarterly: 92, half_yearly: 184, yearly: 366 };
