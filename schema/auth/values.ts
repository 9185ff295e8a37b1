// A person's attributes the party statistics count (党内统计: 学历, 职业); codes, shown translated.
export const EDUCATION_LEVELS = [
  "postgraduate",
  "bachelor",
  "college",
  "secondary_vocational",
  "high_school",
  "junior_or_below",
] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];
/** 大专及以上: the share a development plan usually watches. */
export const HIGHER_EDUCATION: readonly Education[] = ["postgraduate", "bachelor", "college"];

export const OCCUPATIONS = [
  "frontline_worker",
  "farmer",
  "professional",
  "manager",
  "official",
  "student",
  "retired",
  "other",
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
