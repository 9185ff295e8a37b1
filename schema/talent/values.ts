/** Which posts a reserve is cultivated for: the three counts of a "234"-style target. */
export const RESERVE_TRACKS = ["top", "other", "activist"] as const;
/** 拉网式 screening: who put the name forward. */
export const NOMINATION_SOURCES = ["members", "masses", "committee"] as const;
/** nominated → admitted | refused; admitted → used | exited (by a review). The last three are final. */
export const RESERVE_STATUSES = ["nominated", "admitted", "refused", "used", "exited"] as const;
export const STEP_KINDS = [
  "nominated",
  "admitted",
  "refused",
  "planned",
  "reviewed",
  "used",
  "exited",
  "corrected",
] as const;
export const REVIEW_OUTCOMES = ["stay", "use", "exit"] as const;
export const PLAN_ITEM_KINDS = ["course", "practice", "task"] as const;
/** What the records say about a nominee, read from the features that keep them. */
export const EVIDENCE_KINDS = ["study", "appraisal", "vanguard", "service", "pledges"] as const;
export const TERM_KINDS = ["practice", "advisor"] as const;
/** 下农村、到社区、进企业, front-line and hard posts. */
export const PRACTICE_PLACES = ["village", "community", "enterprise", "frontline", "hard"] as const;
/** applied → accepted | declined, decided once by the committee. */
export const APPLICATION_STATUSES = ["applied", "accepted", "declined"] as const;
export const TERM_GRADES = ["excellent", "competent", "basic", "incompetent"] as const;
/** Where a secretary candidate comes from. */
export const SELECTION_CHANNELS = [
  "reserve_pool",
  "local_entrepreneur",
  "returnee",
  "veteran",
  "dispatched",
  "graduate",
  "other",
] as const;

export type ReserveTrack = (typeof RESERVE_TRACKS)[number];
export type NominationSource = (typeof NOMINATION_SOURCES)[number];
export type ReserveStatus = (typeof RESERVE_STATUSES)[number];
export type StepKind = (typeof STEP_KINDS)[number];
export type TermKind = (typeof TERM_KINDS)[number];
export type TermGrade = (typeof TERM_GRADES)[number];
export type SelectionChannel = (typeof SELECTION_CHANNELS)[number];
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

interface RuleItem {
  key: string;
  label: string;
  // The records shown beside this criterion when assessing (criteria only).
  evidence?: EvidenceKind[];
}
type Targets = Record<ReserveTrack, number>;

/** A committee's standard for the pool and for secretaries; each change is a new version. */
export interface TalentRuleBody {
  standard: string;
  source: string;
  criteria: RuleItem[];
  negatives: RuleItem[];
  targets: Targets;
  reviewMonths: number;
}

/**
 * The default where no committee on the path has written its own: 桃源县's published "234" and 双好双强.
 * Version 0; a committee's first version is 1.
 */
export const DEFAULT_RULE: TalentRuleBody = {
  standard: "双好双强",
  source: "桃源县“234”后备力量人才库（公开报道）",
  criteria: [
    { key: "political", label: "政治素质好", evidence: ["appraisal", "study"] },
    { key: "conduct", label: "道德品行好", evidence: ["pledges", "appraisal"] },
    { key: "develop", label: "带头致富能力强", evidence: ["vanguard"] },
    { key: "serve", label: "带领群众共同致富能力强", evidence: ["service", "pledges"] },
  ],
  negatives: [
    { key: "discipline", label: "受过党纪政务处分且在影响期内" },
    { key: "crime", label: "有违法犯罪记录" },
    { key: "clan", label: "涉黑涉恶、宗族势力干扰" },
    { key: "credit", label: "严重失信被执行人" },
  ],
  targets: { top: 2, other: 3, activist: 4 },
  reviewMonths: 6,
};
