/** Calendar arithmetic on "YYYY-MM-DD" strings (a date string compares as text). */

/** The same day n months later, clamped to the month's last day (01-31 + 1 month = 02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Today in the platform's default zone (Asia/Shanghai, UTC+8). */
export const todayOn = (now: number) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

export const maxDate = (...dates: (string | undefined)[]) =>
  dates.filter((d): d is string => !!d).reduce<string | undefined>((a, b) => (a && a > b ? a : b), undefined);
