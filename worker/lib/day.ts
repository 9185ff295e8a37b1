import { zonedMidnight } from "../../schema/evaluations/periods";

/** Calendar days in the platform's default zone (Asia/Shanghai, UTC+8, no DST) as epoch ms. */
const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;

/** "2026-03-01" -> 2026-03-01T00:00+08:00 in ms; NaN when the string is not a real date. */
export function dayStart(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return Number.NaN;
  return ms - OFFSET;
}

/** The day after `date` starts: an exclusive period end. */
export const dayEnd = (date: string) => dayStart(date) + DAY;

export const DEFAULT_ZONE = "Asia/Shanghai";

/** [start, end) of a calendar year in an org's IANA zone (the default zone when none is given). */
export const yearRange = (year: number, zone = DEFAULT_ZONE) =>
  [zonedMidnight(year, 1, 1, zone), zonedMidnight(year + 1, 1, 1, zone)] as const;

/** The calendar year an instant falls in, in an org's IANA zone (a kept formatter: making one costs more than a read). */
export const yearOf = (now: number, zone = DEFAULT_ZONE) => Number(dayIn(now, zone).slice(0, 4));

/** Today (or the day of `now`) in the default zone, as "YYYY-MM-DD"; such strings compare as text. */
export const dayOf = (now: number) => new Date(now + OFFSET).toISOString().slice(0, 10);

/** The same day n months later, clamped to the month's last day (01-31 + 1 month = 02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

// Per zone its formatter and the last minute it was asked about: a day begins on a whole minute in every zone in
// use, so within a minute the day is the one already formatted (formatting was a few percent of a hot read).
const zoneDays = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();

/** The day of `now` in an org's IANA time zone (orgs.time_zone), as "YYYY-MM-DD". */
export function dayIn(now: number, timeZone: string): string {
  let zone = zoneDays.get(timeZone);
  if (!zone) {
    const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    zone = { format, minute: Number.NaN, day: "" };
    zoneDays.set(timeZone, zone);
  }
  const minute = Math.floor(now / 60_000);
  if (minute !== zone.minute) {
    zone.day = zone.format.format(now);
    zone.minute = minute;
  }
  return zone.day;
}

const zoneParts = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock time of `ms` in an IANA zone, as a Date whose UTC fields read that time: what a
 * spreadsheet cell shows (sheets have no zones), e.g. 2026-03-01T01:30Z in Asia/Shanghai → 09:30.
 */
export function wallClock(ms: number, timeZone: string): Date {
  let f = zoneParts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zoneParts.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return new Date(Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second, ms % 1000));
}
