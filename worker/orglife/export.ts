import type { Table } from "../lib/xlsx";
import type { BehindRow } from "./reports";

const HEAD = {
  "zh-CN": ["支部", "未达要求的期数", "类别（未达期数/已开展次数）"],
  "zh-TW": ["支部", "未達要求的期數", "類別（未達期數/已開展次數）"],
  en: ["Branch", "Periods short", "Kinds (periods short / held)"],
} as const;

const KIND_NAMES = {
  "zh-CN": {
    general_meeting: "支部党员大会",
    committee_meeting: "支部委员会",
    group_meeting: "党小组会",
    lecture: "党课",
    theme_day: "主题党日",
    life_meeting: "组织生活会",
  },
  "zh-TW": {
    general_meeting: "支部黨員大會",
    committee_meeting: "支部委員會",
    group_meeting: "黨小組會",
    lecture: "黨課",
    theme_day: "主題黨日",
    life_meeting: "組織生活會",
  },
  en: {
    general_meeting: "General meeting",
    committee_meeting: "Committee meeting",
    group_meeting: "Party group meeting",
    lecture: "Party lecture",
    theme_day: "Theme day",
    life_meeting: "Organisational life meeting",
  },
} as const;

/** The committee's "behind the rhythm" list in the reader's language. */
export function behindTable(rows: readonly BehindRow[], locale: keyof typeof HEAD): Table {
  const names: Record<string, string> = KIND_NAMES[locale];
  return {
    header: HEAD[locale],
    rows: rows.map((r) => [
      r.name,
      r.periods,
      r.behind.map((k) => `${k.name ?? names[k.kind] ?? k.kind} ${k.periods}/${k.held}`).join("; "),
    ]),
  };
}
