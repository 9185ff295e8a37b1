import type { Frequency, Phase, PhaseWindows } from "./values";

// Pure period arithmetic in an IANA time zone, with nothing but Intl (shared by the Worker and the web).

const MONTHS: Record<Frequency, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock date and time of an instant in `tz`. */
function wallClock(ms: number, tz: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(ms)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** Offset of `tz` from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(ms: number, tz: string) {
  const w = wallClock(ms, tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant of local midnight starting day `day` of `month` (1-based; overflow rolls over like Date.UTC). */
export function zonedMidnight(year: number, month: number, day: number, tz: string): number {
  const asUtc = Date.UTC(year, month - 1, day);
  let t = asUtc - offsetAt(asUtc, tz);
  const again = offsetAt(t, tz);
  if (asUtc - again !== t) t = asUtc - again;
  return t;
}

export interface Period {
  start: number;
  end: number;
  /** Local calendar year and first month (1-12) of the period. */
  year: number;
  month: number;
  /** A stable label such as 2026, 2026-Q3, 2026-H2, 2026-07. */
  label: string;
}

function periodAt(year: number, month: number, frequency: Frequency, tz: string): Period {
  const len = MONTHS[frequency];
  const first = Math.floor((month - 1) / len) * len + 1;
  const start = zonedMidnight(year, first, 1, tz);
  const end = zonedMidnight(year, first + len, 1, tz);
  const label =
    frequency === "yearly"
      ? `${year}`
      : frequency === "half_yearly"
        ? `${year}-H${first === 1 ? 1 : 2}`
        : frequency === "quarterly"
          ? `${year}-Q${(first + 2) / 3}`
          : `${year}-${String(first).padStart(2, "0")}`;
  return { start, end, year, month: first, label };
}

/** The period of `frequency` that contains the instant, in the org's time zone. */
export function periodOf(ms: number, frequency: Frequency, tz: string): Period {
  const w = wallClock(ms, tz);
  return periodAt(w.year, w.month, frequency, tz);
}

/** The period containing `ms` and the n-1 after it. */
export function nextPeriods(ms: number, frequency: Frequency, tz: string, n: number): Period[] {
  const out = [periodOf(ms, frequency, tz)];
  while (out.length < n) {
    const last = out[out.length - 1]!;
    const m = last.month + MONTHS[frequency];
    out.push(periodAt(last.year + Math.floor((m - 1) / 12), ((m - 1) % 12) + 1, frequency, tz));
  }
  return out;
}

export interface CycleWindows {
  opensAt: number;
  closesAt: number;
  windows: Partial<Record<Phase, { opensAt: number; closesAt: number }>>;
}

/** Phase windows of one period: each offset counts local calendar days from the period start. */
export function cycleWindows(period: Period, phases: PhaseWindows, tz: string): CycleWindows {
  const windows: CycleWindows["windows"] = {};
  let closesAt = period.start;
  for (const [phase, w] of Object.entries(phases) as [Phase, { from: number; to: number }][]) {
    const opensAt = Math.min(zonedMidnight(period.year, period.month, 1 + w.from, tz), period.end);
    const close = Math.min(zonedMidnight(period.year, period.month, 1 + w.to, tz), period.end);
    windows[phase] = { opensAt, closesAt: close };
    if (close > closesAt) closesAt = close;
  }
  return { opensAt: period.start, closesAt, windows };
}

/** The phase whose window holds `now` (the latest one when windows overlap), or null between windows. */
export function currentPhase(windows: CycleWindows["windows"], now: number): Phase | null {
  let found: Phase | null = null;
  for (const phase of ["analysis", "appraisal", "decision"] as const) {
    const w = windows[phase];
    if (w && now >= w.opensAt && now < w.closesAt) found = phase;
  }
  return found;
}

/**
 * The next n cycles a schedule would open, from `now` on: a period whose windows have all closed is
 * skipped, as the cron skips it (the schedule editor's preview).
 */
export function upcomingCycles(now: number, frequency: Frequency, phases: PhaseWindows, tz: string, n: number) {
  return nextPeriods(now, frequency, tz, n + 1)
    .map((period) => ({ period, ...cycleWindows(period, phases, tz) }))
    .filter((c) => c.closesAt > now)
    .slice(0, n);
}
