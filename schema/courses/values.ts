export const COURSE_CATEGORIES = ["theory", "skills", "governance", "technology", "massline", "other"] as const;
export const COURSE_LEVELS = ["member", "secretary", "cadre"] as const;
export const COURSE_STATUSES = ["draft", "published", "archived"] as const;
export const LESSON_KINDS = ["text", "video", "document"] as const;
export const PLAN_PERIODS = ["year", "quarter", "class"] as const;
/** A plan for the members' study, or the 发展对象培训班 whose completions count as a candidate's training. */
export const PLAN_PURPOSES = ["study", "candidate_training"] as const;
/** Who an assignment is for: every member of the subtree, or only its branch secretaries. */
export const AUDIENCES = ["all", "secretary"] as const;
export const QUOTA_ROLES = ["member", "secretary"] as const;
export const COMPLETION_STATUSES = ["credited", "flagged", "rejected"] as const;

export type CourseCategory = (typeof COURSE_CATEGORIES)[number];
export type CourseLevel = (typeof COURSE_LEVELS)[number];
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export type LessonKind = (typeof LESSON_KINDS)[number];
export type Audience = (typeof AUDIENCES)[number];
export type PlanPurpose = (typeof PLAN_PURPOSES)[number];
export type QuotaRole = (typeof QUOTA_ROLES)[number];

/** Annual study-hour quotas (rules-and-numbers.md): the default when no committee has set its own. */
export const DEFAULT_QUOTAS: Record<QuotaRole, number> = { member: 32, secretary: 56 };

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
