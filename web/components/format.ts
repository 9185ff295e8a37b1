import { locale } from "../i18n";

/**
 * Every date and number the user reads, in the user's language (Intl for zh-CN, zh-TW, en).
 * Pages format through these, never with String(n) or toFixed, so a score is never shown as 28.333333.
 */

const EMPTY = "—";
const missing = (v: number | null | undefined): v is null | undefined => v == null || Number.isNaN(v);
const decimals = (n: number, max: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: max }).format(n);

export const formatDate = (ms: number | null | undefined) =>
  missing(ms) ? EMPTY : new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(ms);

export const formatDateTime = (ms: number | null | undefined) =>
  missing(ms) ? EMPTY : new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(ms);

/** Dates as the platform counts them (Asia/Shanghai), whatever the browser's own zone. */
export const formatDay = (ms: number | null | undefined) =>
  missing(ms)
    ? EMPTY
    : new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(ms);

/** A plain quantity (a count, a weight, a cap) with at most `digits` decimals. */
export const formatNumber = (n: number, digits = 1) => decimals(n, digits);

/** A score or index value: at most one decimal (28.333333 → 28.3). */
export const formatScore = (n: number | null | undefined) => (missing(n) ? EMPTY : decimals(n, 1));

/** Credit hours as stored, in 0.5 or 0.25 steps: two decimals show them exactly (1.25, 0.5, 3). */
export const formatHours = (n: number | null | undefined) => decimals(n ?? 0, 2);

/** A ratio (0.5) as a whole percentage (50%). */
export const formatPercent = (ratio: number | null | undefined) =>
  missing(ratio)
    ? EMPTY
    : new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(ratio);

/** A month of the year (1–12) by its name: 3月, Mar. */
export const formatMonth = (month: number) =>
  new Intl.DateTimeFormat(locale(), { month: "short", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));

/** Today in Asia/Shanghai as "YYYY-MM-DD": the default and the latest value of a date field. */
export const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
