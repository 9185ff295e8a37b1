import { dayOf } from "../lib/day";
import { invalid } from "../lib/errors";

/** A decision is dated on a day that has come. */
export function notFuture(on: string, now: number, path = "on") {
  if (on > dayOf(now)) throw invalid("this date has not come yet", [{ path, code: "invalid_date" }]);
}
