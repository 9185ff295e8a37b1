export const COURSE_CATEGORIES = ["theory", "skills", "governance", "technology", "massline", "other"] as const;
export const COURSE_LEVELS = ["member", "secretary", "cadre"] as const;
export const COURSE_STATUSES = ["draft", "published", "archived"] as const;
export const LESSON_KINDS = ["text", "video", "document"] as const;
export const PLAN_PERIODS = ["year", "quarter", "class"] as const;
/** A plan for the members' study, or the 发展对象培训班 whose completions count as a candidate's training. */
export const PLAN_PURPOSES = ["study", "candidate_training"] as const;
/** Who an assignment is for: every member of the subtree, or only its branch secretaries. */
export const AUDIENCES = ["all", "secretary"] as const;
/** The kinds of member a quota is set for: members, branch secretaries and committee members, cadres (干部). */
const QUOTA_ROLES = ["member", "secretary", "cadre"] as const;
export const COMPLETION_STATUSES = ["credited", "flagged", "rejected"] as const;

export type CourseCategory = (typeof COURSE_CATEGORIES)[number];
export type CourseLevel = (typeof COURSE_LEVELS)[number];
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export type LessonKind = (typeof LESSON_KINDS)[number];
export type Audience = (typeof AUDIENCES)[number];
export type PlanPurpose = (typeof PLAN_PURPOSES)[number];
export type QuotaRole = (typeof QUOTA_ROLES)[number];

/**
 * The study rules, each kept as versions with their source: quotas and plausibility are a committee's,
 * the credit conversion and the checkpoint's unlock share a party school's (courses inherit their school's).
 */
export const STUDY_RULE_FIELDS = {
  quotas: QUOTA_ROLES,
  plausibility: ["videoPercent", "textPercent", "documentPercent"],
  credit: ["longMinutes", "longHours", "midMinutes", "midHours", "shortHours", "checkpointBonus"],
  checkpoint: ["unlockPercent"],
} as const;
export type StudyRuleKind = keyof typeof STUDY_RULE_FIELDS;
export const STUDY_RULE_KINDS = Object.keys(STUDY_RULE_FIELDS) as StudyRuleKind[];
export type StudyRuleValues<K extends StudyRuleKind> = Record<(typeof STUDY_RULE_FIELDS)[K][number], number>;
/** Who sets a kind of rule: committees or party schools. */
export const STUDY_RULE_SETTER: Record<StudyRuleKind, "committee" | "school"> = {
  quotas: "committee",
  plausibility: "committee",
  credit: "school",
  checkpoint: "school",
};
/** The largest value each field takes (学时, minutes or percent). */
export const STUDY_RULE_MAX: Record<string, number> = {
  member: 500,
  secretary: 500,
  cadre: 500,
  videoPercent: 100,
  textPercent: 100,
  documentPercent: 100,
  longMinutes: 600,
  longHours: 20,
  midMinutes: 600,
  midHours: 20,
  shortHours: 20,
  checkpointBonus: 20,
  unlockPercent: 100,
};

/** The defaults in force where no committee or school has set a version (rules-and-numbers.md). */
export const DEFAULT_STUDY_RULES: { [K in StudyRuleKind]: StudyRuleValues<K> } = {
  quotas: { member: 32, secretary: 56, cadre: 50 },
  // Shortest plausible time from first open to completion, as a share of the lesson's length: a guard, never a score.
  plausibility: { videoPercent: 50, textPercent: 20, documentPercent: 20 },
  credit: { longMinutes: 30, longHours: 1, midMinutes: 15, midHours: 0.5, shortHours: 0.25, checkpointBonus: 0.5 },
  checkpoint: { unlockPercent: 80 },
};
export const DEFAULT_STUDY_RULE_SOURCES: Record<StudyRuleKind, string> = {
  quotas:
    "《2019—2023年全国党员教育培训工作规划》：党员每年不少于32学时，基层党组织书记和班子成员不少于56学时；干部每年网络学习不少于50学时",
  plausibility: "平台防刷课规则：只作完成是否可信的判断，不作评分依据",
  credit: "云南干部在线学习学院学时折算：30分钟以上1学时，15—30分钟0.5学时，15分钟以下0.25学时，通过课程测试加0.5学时",
  checkpoint: "省级干部网络学院做法：课程学习进度达到要求后开放课程测试",
};

/** Upload limits: the Worker refuses larger bodies with 413 and other types with 415. */
export const MATERIAL_TYPES: Record<string, { maxBytes: number; use: "video" | "document" | "image" }> = {
  "video/mp4": { maxBytes: 95 * 1024 * 1024, use: "video" },
  "video/webm": { maxBytes: 95 * 1024 * 1024, use: "video" },
  "application/pdf": { maxBytes: 30 * 1024 * 1024, use: "document" },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    maxBytes: 30 * 1024 * 1024,
    use: "document",
  },
  "application/vnd.ms-powerpoint": { maxBytes: 30 * 1024 * 1024, use: "document" },
  "image/png": { maxBytes: 5 * 1024 * 1024, use: "image" },
  "image/jpeg": { maxBytes: 5 * 1024 * 1024, use: "image" },
  "image/webp": { maxBytes: 5 * 1024 * 1024, use: "image" },
};
