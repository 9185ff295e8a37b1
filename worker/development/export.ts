import type { LOCALES } from "../../schema/auth/validation";
import { CalendarDay } from "../lib/csv";
import type { Table } from "../lib/xlsx";
import { devLabel } from "./labels";
import type { register } from "./service";

const HEAD: Record<(typeof LOCALES)[number], string[]> = {
  "zh-CN": ["姓名", "支部", "阶段", "下一步", "期限"],
  "zh-TW": ["姓名", "支部", "階段", "下一步", "期限"],
  en: ["Name", "Branch", "Stage", "Next step", "Due on"],
};

/** The register in the reader's language, stage and next step by their names. */
export function registerTable(rows: Awaited<ReturnType<typeof register>>, locale: keyof typeof HEAD): Table {
  return {
    header: HEAD[locale],
    rows: rows.map((r) => [
      r.displayName,
      r.orgName,
      devLabel(locale, `stage_${r.stage}`),
      r.nextStep ? devLabel(locale, `step_${r.nextStep}`) : null,
      r.nextDueOn ? new CalendarDay(r.nextDueOn) : null,
    ]),
  };
}
