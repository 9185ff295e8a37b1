import type { Period, Rhythm } from "../../schema/orglife/values";
import { addDays } from "../lib/day";

/** Held meetings of one kind per month of a year: index 0 is January. */
export type MonthCounts = number[];

const MONTHS_IN: Record<Period, number> = { month: 1, quarter: 3, year: 12 };
const pad = (n: number) => String(n).padStart(2, "0");

interface PeriodStatus {
  /** "2026-03", "2026-Q1" or "2026". */
  label: string;
  startsOn: string;
  endsOn: string;
  held: number;
  ended: boolean;
  current: boolean;
  met: boolean;
}

/** "2026-03-31" and "2026-03" both parse to { year: 2026, month: 3 }. */
const yearMonth = (day: string) => ({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) });

function label(period: Period, year: number, first: number) {
  if (period === "month") return `${year}-${pad(first)}`;
  if (period === "quarter") return `${year}-Q${(first + 2) / 3}`;
  return String(year);
}

/**
 * A kind's periods in `year` against its rhythm, as seen on `today` (the day in the branch's own time
 * zone): a period has ended once today is past its last month; only ended periods make a branch behind,
 * the current one is what is due.
 */
export function kindStatus(rhythm: Rhythm, months: MonthCounts, year: number, today: string) {
  const now = yearMonth(today);
  const periods: PeriodStatus[] = periodsOf(rhythm.period, year).map((p) => {
    let held = 0;
    for (let m = p.first; m <= p.last; m++) held += months[m - 1] ?? 0;
    return {
      label: p.label,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      held,
      ended: year < now.year || (year === now.year && p.last < now.month),
      current: year === now.year && p.first <= now.month && now.month <= p.last,
      met: held >= rhythm.min,
    };
  });
  const active = rhythm.min > 0;
  return {
    periods,
    held: months.reduce((a, b) => a + b, 0),
    behind: active ? periods.filter((p) => p.ended && !p.met).length : 0,
    due: active ? (periods.find((p) => p.current && !p.met) ?? null) : null,
  };
}

const periodTables = new Map<
  string,
  { first: number; last: number; label: string; startsOn: string; endsOn: string }[]
>();

/** A year's periods of one length, computed once (the subtree view asks for them per branch and kind). */
function periodsOf(period: Period, year: number) {
  const key = `${period}:${year}`;
  let table = periodTables.get(key);
  if (!table) {
    table = [];
    const step = MONTHS_IN[period];
    for (let first = 1; first <= 12; first += step) {
      const last = first + step - 1;
      const next = last === 12 ? `${year + 1}-01-01` : `${year}-${pad(last + 1)}-01`;
      const startsOn = `${year}-${pad(first)}-01`;
      table.push({ first, last, label: label(period, year, first), startsOn, endsOn: addDays(next, -1) });
    }
    periodTables.set(key, table);
  }
  return table;
}

/** The months of held meetings as SQL folds them, two digits each ("0103" = January and March). */
function parseMonths(text: string): MonthCounts {
  const months = new Array<number>(12).fill(0);
  for (let i = 0; i + 1 < text.length; i += 2) {
    const m = Number(text.slice(i, i + 2));
    if (m >= 1 && m <= 12) months[m - 1] = (months[m - 1] ?? 0) + 1;
  }
  return months;
}

/** A branch's held meetings per kind as SQL folds them ("lecture:0205;theme_day:01"). */
export function parseHeld(text: string | null): Map<string, MonthCounts> {
  const out = new Map<string, MonthCounts>();
  for (const part of (text ?? "").split(";")) {
    const [kind, months] = part.split(":");
    if (kind) out.set(kind, parseMonths(months ?? ""));
  }
  return out;
}
