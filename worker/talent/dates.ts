import { invalid } from "../lib/errors";

const OFFSET = 8 * 3_600_000;

/** Today in the platform's default zone (Asia/Shanghai), as "YYYY-MM-DD". */
const today = (now: number) => new Date(now + OFFSET).toISOString().slice(0, 10);

/** "2026-01-31" + 1 month -> "2026-02-28": the day clamps to the month's end. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** A decision is dated on a day that has come. */
export function notFuture(on: string, now: number, path = "on") {
  if (on > today(now)) throw invalid("this date has not come yet", [{ path, code: "invalid_date" }]);
}
