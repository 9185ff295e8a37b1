import type { Blocker } from "../../../schema/development/values";
import { ApiFailure } from "../../api";
import { useT } from "../../i18n";
import { failureText } from "../../i18n/errors";
import { type DevKey, messages } from "./messages";

/** The feature's translator with the readings of steps, stages and refusals. */
export function useDevText() {
  const t = useT(messages);
  const step = (s: string | null | undefined) => (s ? t(`step_${s}` as DevKey) : t("noneMark"));
  const stage = (s: string) => t(`stage_${s}` as DevKey);
  const blocker = (b: Blocker) =>
    t(`b_${b.code}` as DevKey, {
      step: step(b.step),
      date: b.date ?? "",
      n: b.n ?? 0,
      needed: b.needed ?? 0,
      days: b.days ?? 0,
      neededDays: b.neededDays ?? 0,
    });
  /** A refused step lists every reason; other failures read as everywhere else. */
  const failure = (err: unknown) => {
    const blockers =
      err instanceof ApiFailure && err.code === "step_refused"
        ? (err.details as { blockers?: Blocker[] })?.blockers
        : null;
    return blockers?.length ? blockers.map(blocker).join("；") : failureText(err);
  };
  return { t, step, stage, blocker, failure };
}

/** A Gregorian date in Arabic numerals as the 记实表 prints it: 2025年4月15日 (en: 2025-04-15). */
export const sheetDate = (d: string | null | undefined, locale: string) => {
  if (!d) return null;
  if (locale === "en") return d;
  const [y, m, day] = d.split("-").map(Number);
  return `${y}年${m}月${day}日`;
};
