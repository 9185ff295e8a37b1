export const RATING_TARGETS = ["member", "branch"] as const;
export const ANSWERS = ["satisfied", "basic", "unsatisfied"] as const;
export const COMMENT_STATUSES = ["none", "pending", "approved", "rejected"] as const;
export type RatingTarget = (typeof RATING_TARGETS)[number];
export type Answer = (typeof ANSWERS)[number];

export interface RatingItem {
  key: string;
  label: { "zh-CN": string; "zh-TW": string; en: string };
}

/** Used when no committee above the branch has its own template. */
export const DEFAULT_ITEMS: Record<RatingTarget, RatingItem[]> = {
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
};

/**
 * The anonymity threshold: a ratee's results and comments are never shown with fewer ratings. A round
 * may ask for more, never less; a lower value found in stored data still counts as this.
 */
export const MIN_K = 5;
export const effectiveK = (stored: number) => Math.max(stored, MIN_K);

/** A round is closed once it is closed by hand or its closing day has passed: its ratings can no longer change. */
export const roundClosed = (r: { closedAt: number | null; closesAt: number }, now: number) =>
  r.closedAt !== null || r.closesAt <= now;
