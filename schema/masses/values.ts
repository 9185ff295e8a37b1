/**
 * What a round rates: a member (民评), the branch (民评 of the branch), the branch's service in a
 * satisfaction survey (民测), or members' yearly pledges (民考: 评诺). The first three take their items
 * from a template; a pledge round's items are the pledges themselves.
 */
export const RATING_TARGETS = ["member", "branch", "survey", "pledge"] as const;
export const TEMPLATE_TARGETS = ["member", "branch", "survey"] as const;
const SCALE_ANSWERS = ["satisfied", "basic", "unsatisfied"] as const;
const PLEDGE_ANSWERS = ["kept", "not_kept"] as const;
export const ANSWERS = [...SCALE_ANSWERS, ...PLEDGE_ANSWERS] as const;
export const COMMENT_STATUSES = ["none", "pending", "approved", "rejected"] as const;
export type RatingTarget = (typeof RATING_TARGETS)[number];
export type TemplateTarget = (typeof TEMPLATE_TARGETS)[number];
export type Answer = (typeof ANSWERS)[number];

/** The answers a person may give in a round of this target. */
export const answersFor = (target: RatingTarget): readonly Answer[] =>
  target === "pledge" ? PLEDGE_ANSWERS : SCALE_ANSWERS;
/** Answers counted as good: 满意 and 基本满意, or a pledge kept. */
export const isGoodAnswer = (a: Answer) => a === "satisfied" || a === "basic" || a === "kept";

export interface RatingItem {
  key: string;
  label: { "zh-CN": string; "zh-TW": string; en: string };
  /** Pledge rounds: whose pledge this item is (a person rating that member sees only theirs). */
  rateeId?: string;
}

/** Used when no committee above the branch has its own template. */
export const DEFAULT_ITEMS: Record<TemplateTarget, RatingItem[]> = {
  member: [
    { key: "attitude", label: { "zh-CN": "服务群众态度", "zh-TW": "服務群眾態度", en: "Attitude in serving people" } },
    { key: "example", label: { "zh-CN": "先锋模范作用", "zh-TW": "先鋒模範作用", en: "Setting an example" } },
    {
      key: "solving",
      label: { "zh-CN": "帮助解决实际困难", "zh-TW": "幫助解決實際困難", en: "Helping with real problems" },
    },
    { key: "integrity", label: { "zh-CN": "廉洁自律", "zh-TW": "廉潔自律", en: "Integrity" } },
  ],
  branch: [
    { key: "service", label: { "zh-CN": "服务群众成效", "zh-TW": "服務群眾成效", en: "Results in serving people" } },
    {
      key: "response",
      label: { "zh-CN": "回应群众诉求", "zh-TW": "回應群眾訴求", en: "Responding to people's requests" },
    },
    { key: "openness", label: { "zh-CN": "党务公开", "zh-TW": "黨務公開", en: "Openness of Party affairs" } },
    {
      key: "activities",
      label: { "zh-CN": "组织生活与活动", "zh-TW": "組織生活與活動", en: "Branch life and activities" },
    },
  ],
  // 民测: how the people served rate the branch's service to them.
  survey: [
    {
      key: "convenience",
      label: { "zh-CN": "办事方便快捷", "zh-TW": "辦事方便快捷", en: "Getting things done easily" },
    },
    {
      key: "contact",
      label: { "zh-CN": "走访联系群众", "zh-TW": "走訪聯繫群眾", en: "Visiting and keeping in touch" },
    },
    {
      key: "deeds",
      label: { "zh-CN": "为民办实事成效", "zh-TW": "為民辦實事成效", en: "Practical help delivered" },
    },
    {
      key: "members",
      label: { "zh-CN": "党员作用发挥", "zh-TW": "黨員作用發揮", en: "Members playing their part" },
    },
    { key: "fairness", label: { "zh-CN": "办事公道公开", "zh-TW": "辦事公道公開", en: "Fair and open dealings" } },
  ],
};

/** 民考: at most this many pledges per member and year (a few, so each can be checked). */
export const MAX_PLEDGES = 5;
export const PLEDGE_STATUSES = ["proposed", "approved", "rejected"] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
/** A pledge round's item key for a pledge. */
export const pledgeKey = (pledgeId: string) => `p_${pledgeId}`;

/**
 * The anonymity threshold: a ratee's results and comments are never shown with fewer ratings. A round
 * may ask for more, never less; a lower value found in stored data still counts as this.
 */
export const MIN_K = 5;
export const effectiveK = (stored: number) => Math.max(stored, MIN_K);

/** A round is closed once it is closed by hand or its closing day has passed: its ratings can no longer change. */
export const roundClosed = (r: { closedAt: number | null; closesAt: number }, now: number) =>
  r.closedAt !== null || r.closesAt <= now;
/** The items a person rates for one ratee: in a pledge round, only that member's pledges. */
export const itemsFor = (items: RatingItem[], rateeId: string) =>
  items.filter((i) => i.rateeId === undefined || i.rateeId === rateeId);
/** A printed code or fingerprint in groups of four, upper case: easy to read out and type in. */
export const grouped = (text: string) => (text.toUpperCase().match(/.{1,4}/g) ?? []).join("-");
