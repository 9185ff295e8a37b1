import type { OrgType } from "../orgs/values";
import type { Label, ModelItem } from "../vanguard/values";

/** 堡垒指数: 60 points every branch shares, 40 for its sector's work, and lagging situations (软弱涣散). */
export const COMMON_POINTS = 60;
export const SECTOR_POINTS = 40;

export const SECTORS = [
  "village",
  "community",
  "non_public",
  "social",
  "institution",
  "school",
  "enterprise",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

/** The sector whose 40 points an org type is scored on. */
export const SECTOR_OF: Record<OrgType, Sector> = {
  village: "village",
  community: "community",
  non_public: "non_public",
  social: "social",
  unit: "institution",
  institution: "institution",
  school: "school",
  enterprise: "enterprise",
  regional: "other",
  industry: "other",
  network: "other",
};

export const BASTION_STATUSES = ["scored", "lagging", "insufficient_data"] as const;
export type BastionStatus = (typeof BASTION_STATUSES)[number];

/** Groups of the committee's overview, the ones to act on first. `unscored`: no stored score for the period. */
export const BANDS = ["lagging", "0-59", "60-69", "70-79", "80-89", "90-100", "missing", "unscored"] as const;
export type Band = (typeof BANDS)[number];

export function bandOf(status: BastionStatus, score: number | null): Band {
  if (status === "lagging") return "lagging";
  if (score === null) return "missing";
  return score < 60 ? "0-59" : score < 70 ? "60-69" : score < 80 ? "70-79" : score < 90 ? "80-89" : "90-100";
}

/** Items whose indicator is "hand" are assessed by the committee with evidence; others come from the records. */
export const HAND = "hand";

export interface BastionDefinition {
  /** Base items summing to 60. */
  common: ModelItem[];
  /** Per sector, base items summing to 40. */
  sectors: Record<Sector, ModelItem[]>;
  /** Veto items: any one present marks the branch lagging outright. */
  lagging: ModelItem[];
  /** How long a branch may be without a secretary before it is lagging. */
  noSecretaryMonths: number;
  /**
   * 组织生活不正常: lagging when one of these meeting kinds was not held at all in a period of at least
   * `months` months. Absent in models saved before it existed: the default applies.
   */
  lifeNotHeld?: { kinds: string[]; months: number };
}

const L = (zhCN: string, zhTW: string, en: string): Label => ({ "zh-CN": zhCN, "zh-TW": zhTW, en });
const ratio = (key: string, indicator: string, max: number, label: Label, target = 1): ModelItem => ({
  key,
  indicator,
  part: "base",
  max,
  rule: { kind: "ratio", target },
  label,
});
const hand = (key: string, max: number, label: Label): ModelItem => ({
  key,
  indicator: HAND,
  part: "base",
  max,
  rule: { kind: "direct" },
  label,
});
/** Confirmed service hours per member in the period (target: hours per member). */
const service = (max: number, target: number) =>
  ratio("sector_service", "service", max, L("服务群众", "服務群眾", "Service to the masses"), target);
const sector = (serviceMax: number, key: string, label: Label) => [
  service(serviceMax, 4),
  hand(key, SECTOR_POINTS - serviceMax, label),
];

/** A year without a 支部党员大会 or a 组织生活会 (both due at least yearly) is organisational life not held. */
export const DEFAULT_LIFE_NOT_HELD = { kinds: ["general_meeting", "life_meeting"], months: 12 };

/**
 * The default: the published 60 + 40 design. Its version 1 added organisational life (三会一课) held
 * against the rhythm, its 12 points taken from the other common items, and the lagging situation
 * "organisational life not held"; scores stored under version 0 keep their version and explanation.
 */
export const DEFAULT_BASTION: BastionDefinition = {
  common: [
    ratio(
      "orglife",
      "orglife",
      12,
      L("组织生活按规定开展", "組織生活按規定開展", "Organisational life held on rhythm"),
    ),
    ratio("study", "study", 10, L("学习教育达标", "學習教育達標", "Members meeting their study quota")),
    ratio("evaluations", "evaluations", 10, L("民主评议按时开展", "民主評議按時開展", "Appraisals held on time")),
    ratio("masses", "masses", 10, L("群众满意度", "群眾滿意度", "Satisfaction of the masses")),
    ratio("development", "development", 6, L("发展党员按期", "發展黨員按期", "Member development on time")),
    ratio("followups", "followups", 4, L("不合格党员处置", "不合格黨員處置", "Follow-ups handled")),
    hand("duty", 8, L("党建责任落实", "黨建責任落實", "Party-building duties carried out")),
  ],
  sectors: {
    village: sector(
      15,
      "village_work",
      L("乡村振兴与集体经济", "鄉村振興與集體經濟", "Rural revival and collective economy"),
    ),
    community: sector(20, "community_work", L("网格化服务治理", "網格化服務治理", "Grid service and governance")),
    non_public: sector(
      10,
      "non_public_work",
      L("促进企业健康发展", "促進企業健康發展", "Healthy growth of the enterprise"),
    ),
    social: sector(
      15,
      "social_work",
      L("引领社会组织方向", "引領社會組織方向", "Guiding the organisation's direction"),
    ),
    institution: sector(10, "institution_work", L("服务中心工作", "服務中心工作", "Serving the unit's central work")),
    school: sector(10, "school_work", L("立德树人", "立德樹人", "Moral education of students")),
    enterprise: sector(10, "enterprise_work", L("融入公司治理", "融入公司治理", "Part of corporate governance")),
    other: sector(20, "other_work", L("发挥战斗堡垒作用", "發揮戰鬥堡壘作用", "Acting as a bastion")),
  },
  lagging: [
    {
      key: "no_secretary",
      indicator: "no_secretary",
      part: "veto",
      max: 0,
      rule: { kind: "direct" },
      label: L("书记长期空缺", "書記長期空缺", "No secretary for months"),
    },
    {
      key: "life_not_held",
      indicator: "life_not_held",
      part: "veto",
      max: 0,
      rule: { kind: "direct" },
      label: L("组织生活不正常", "組織生活不正常", "Organisational life not held"),
    },
    {
      key: "discipline",
      indicator: HAND,
      part: "veto",
      max: 0,
      rule: { kind: "direct" },
      label: L("严重违纪违法问题", "嚴重違紀違法問題", "Serious discipline cases"),
    },
  ],
  noSecretaryMonths: 3,
  lifeNotHeld: DEFAULT_LIFE_NOT_HELD,
};
