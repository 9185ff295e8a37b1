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

/** [start, end) of a calendar year in the default zone. */
export const yearRange = (year: number) => [dayStart(`${year}-01-01`), dayStart(`${year + 1}-01-01`)] as const;
