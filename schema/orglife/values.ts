// 三会一课 and the rest of a branch's organisational life (《中国共产党支部工作条例（试行）》).

/** The kinds every branch has; a committee may add its own (orglife_kinds, keyed by their id). */
export const BUILT_IN_KINDS = [
  "general_meeting",
  "committee_meeting",
  "group_meeting",
  "lecture",
  "theme_day",
  "life_meeting",
] as const;

export const PERIODS = ["month", "quarter", "year"] as const;
export type Period = (typeof PERIODS)[number];

/** At least `min` held meetings of a kind in every `period`. */
export interface Rhythm {
  period: Period;
  min: number;
}
/** Keyed by kind: a built-in code or a committee kind's id; a kind without an entry has no rhythm. */
export type RhythmValues = Record<string, Rhythm>;
export type RhythmSources = Record<string, string>;

export const DEFAULT_RHYTHM: RhythmValues = {
  general_meeting: { period: "quarter", min: 1 },
  committee_meeting: { period: "month", min: 1 },
  group_meeting: { period: "month", min: 1 },
  lecture: { period: "quarter", min: 1 },
  theme_day: { period: "month", min: 1 },
  life_meeting: { period: "year", min: 1 },
};

const ART = "《中国共产党支部工作条例（试行）》";
export const DEFAULT_SOURCES: RhythmSources = {
  general_meeting: `${ART}第十九条：党员大会一般每季度召开1次`,
  committee_meeting: `${ART}第十九条：支部委员会会议一般每月召开1次`,
  group_meeting: `${ART}第十九条：党小组会一般每月召开1次`,
  lecture: `${ART}第十九条：党课一般每季度至少1次`,
  theme_day: `${ART}第十九条：每月相对固定1天开展主题党日`,
  life_meeting: `${ART}第二十条：每年至少召开1次组织生活会`,
};

export const MEETING_STATUSES = ["planned", "held", "cancelled"] as const;

/** Recorded by the secretary; members never check in. */
export const ATTENDANCE = ["present", "leave", "absent"] as const;
export type Attendance = (typeof ATTENDANCE)[number];
