import type { ArchiveKind } from "../../schema/archives/kinds";
import { ARCHIVE_KIND_LABELS } from "../../schema/archives/labels";
import type { SessionUser } from "../auth";
import { wallClock } from "../lib/day";

type Locale = SessionUser["locale"];

const HEAD: Record<Locale, readonly string[]> = {
  "zh-CN": ["时间", "事项", "组织", "详情"],
  "zh-TW": ["時間", "事項", "組織", "詳情"],
  en: ["When", "What", "Organization", "Details"],
};

// Names of the fields events record, and of the coded values among them; other fields show as recorded.
const FIELD: Record<Locale, Record<string, string>> = {
  "zh-CN": {
    title: "名称",
    hours: "学时",
    category: "类别",
    place: "地点",
    servedOn: "日期",
    step: "步骤",
    takenOn: "日期",
    orgName: "组织",
    role: "职务",
    from: "转出",
    to: "转入",
    score: "得分",
    periodStart: "起",
    periodEnd: "止",
    kind: "类型",
    points: "分值",
    reason: "理由",
    cycle: "评议",
    label: "期次",
    grade: "等次",
    version: "版本",
    rectifications: "整改事项",
    percent: "得分率",
    passed: "通过",
    round: "评选",
    committee: "党委",
    branch: "支部",
    year: "年度",
    host: "单位",
    startsOn: "开始",
    endsOn: "结束",
    assessment: "考核意见",
    decision: "决定",
    performance: "实绩",
    rewards: "奖励",
    penalties: "惩处",
  },
  "zh-TW": {
    title: "名稱",
    hours: "學時",
    category: "類別",
    place: "地點",
    servedOn: "日期",
    step: "步驟",
    takenOn: "日期",
    orgName: "組織",
    role: "職務",
    from: "轉出",
    to: "轉入",
    score: "得分",
    periodStart: "起",
    periodEnd: "止",
    kind: "類型",
    points: "分值",
    reason: "理由",
    cycle: "評議",
    label: "期次",
    grade: "等次",
    version: "版本",
    rectifications: "整改事項",
    percent: "得分率",
    passed: "通過",
    round: "評選",
    committee: "黨委",
    branch: "支部",
    year: "年度",
    host: "單位",
    startsOn: "開始",
    endsOn: "結束",
    assessment: "考核意見",
    decision: "決定",
    performance: "實績",
    rewards: "獎勵",
    penalties: "懲處",
  },
  en: {
    title: "Title",
    hours: "Hours",
    category: "Category",
    place: "Place",
    servedOn: "Date",
    step: "Step",
    takenOn: "Date",
    orgName: "Organization",
    role: "Role",
    from: "From",
    to: "To",
    score: "Score",
    periodStart: "From",
    periodEnd: "To",
    kind: "Kind",
    points: "Points",
    reason: "Reason",
    cycle: "Appraisal",
    label: "Period",
    grade: "Grade",
    version: "Version",
    rectifications: "Rectifications",
    percent: "Percent",
    passed: "Passed",
    round: "Round",
    committee: "Committee",
    branch: "Branch",
    year: "Year",
    host: "Host",
    startsOn: "Starts",
    endsOn: "Ends",
    assessment: "Assessment",
    decision: "Decision",
    performance: "Performance",
    rewards: "Rewards",
    penalties: "Penalties",
  },
};

const VALUE: Record<Locale, Record<string, string>> = {
  "zh-CN": {
    member: "党员",
    secretary: "支部书记",
    school: "党校",
    admin: "党委管理员",
    excellent: "优秀",
    qualified: "合格",
    basic: "基本合格",
    unqualified: "不合格",
    bonus: "加分",
    deduction: "扣分",
    veto: "否决",
    true: "是",
    false: "否",
  },
  "zh-TW": {
    member: "黨員",
    secretary: "支部書記",
    school: "黨校",
    admin: "黨委管理員",
    excellent: "優秀",
    qualified: "合格",
    basic: "基本合格",
    unqualified: "不合格",
    bonus: "加分",
    deduction: "扣分",
    veto: "否決",
    true: "是",
    false: "否",
  },
  en: {
    member: "Member",
    secretary: "Branch secretary",
    school: "Party school",
    admin: "Committee admin",
    excellent: "Excellent",
    qualified: "Qualified",
    basic: "Basically qualified",
    unqualified: "Unqualified",
    bonus: "Bonus",
    deduction: "Deduction",
    veto: "Veto",
    true: "yes",
    false: "no",
  },
};
// Coded fields whose values are looked up above; moments recorded as epoch ms.
const CODED = new Set(["role", "grade", "kind", "passed"]);
const MOMENTS = new Set(["periodStart", "periodEnd"]);

export const archiveHead = (locale: Locale) => HEAD[locale];
/** The export's file name: 成长档案-张三 (the member's name, as the page titles it). */
export const archiveFileName = (locale: Locale, memberName: string) =>
  `${{ "zh-CN": "成长档案", "zh-TW": "成長檔案", en: "growth-archive" }[locale]}-${memberName}`;
export const kindLabel = (locale: Locale, kind: ArchiveKind) => ARCHIVE_KIND_LABELS[locale][kind] ?? kind;

/** A summary as one readable line ("学时：2；名称：…"), ids and nested records left out. */
export function detailText(locale: Locale, summary: Record<string, unknown>, timeZone: string) {
  const fields = FIELD[locale];
  const values = VALUE[locale];
  const sep = locale === "en" ? "; " : "；";
  const colon = locale === "en" ? ": " : "：";
  return Object.entries(summary)
    .filter(([k, v]) => v !== null && v !== undefined && v !== "" && typeof v !== "object" && !/Id$/.test(k))
    .map(([k, v]) => {
      let text = String(v);
      if (MOMENTS.has(k) && typeof v === "number") text = wallClock(v, timeZone).toISOString().slice(0, 10);
      else if (CODED.has(k)) text = values[text] ?? text;
      return `${fields[k] ?? k}${colon}${text}`;
    })
    .join(sep);
}
