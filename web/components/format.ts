import { locale } from "../i18n";

/**
 * Every date and number the user reads, in the user's language (Intl for zh-CN, zh-TW, en).
 * Pages format through these, never with String(n) or toFixed, so a score is never shown as 28.333333.
 */

const EMPTY = "—";
const missing = (v: number | null | undefined): v is null | undefined => v == null || Number.isNaN(v);

type Formatter = { format(value: number): string };
const formatters = new Map<string, Formatter>();
/**
 * One Intl formatter per locale and kind, built on first use: building one costs far more than using it
 * (a new one per month label was most of the script time of "my study" on a phone).
 */
function formatter(kind: string, make: (locale: string) => Formatter): Formatter {
  const key = `${locale()} ${kind}`;
  const found = formatters.get(key) ?? make(locale());
  formatters.set(key, found);
  return found;
}
const decimals = (n: number, max: number) =>
  formatter(`decimals${max}`, (l) => new Intl.NumberFormat(l, { maximumFractionDigits: max })).format(n);
const dates = (kind: string, options: Intl.DateTimeFormatOptions) =>
  formatter(kind, (l) => new Intl.DateTimeFormat(l, options));

export const formatDate = (ms: number | null | undefined) =>
  missing(ms) ? EMPTY : dates("date", { dateStyle: "medium" }).format(ms);

export const formatDateTime = (ms: number | null | undefined) =>
  missing(ms) ? EMPTY : dates("dateTime", { dateStyle: "medium", timeStyle: "short" }).format(ms);

/** Dates as the platform counts them (Asia/Shanghai), whatever the browser's own zone. */
export const formatDay = (ms: number | null | undefined) =>
  missing(ms) ? EMPTY : dates("day", { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(ms);

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
    : formatter("percent", (l) => new Intl.NumberFormat(l, { style: "percent", maximumFractionDigits: 0 })).format(
        ratio,
      );

/** A month of the year (1–12) by its name: 3月, Mar. */
export const formatMonth = (month: number) =>
  dates("month", { month: "short", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));

/** Today in Asia/Shanghai as "YYYY-MM-DD": the default and the latest value of a date field. */
export const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

// The first Intl formatter of a page loads the locale's number data (about 30 ms on a phone): done while
// the page waits for its data, not in the task that renders it.
if (typeof requestIdleCallback !== "undefined") requestIdleCallback(() => formatHours(0));
