export const GRADING_METHODS = ["highest", "last", "first", "average"] as const;
export type GradingMethod = (typeof GRADING_METHODS)[number];
const REVIEW_TIMES = ["during", "immediately", "open", "closed"] as const;
export type ReviewTime = (typeof REVIEW_TIMES)[number];
const REVIEW_ITEMS = ["score", "correctness", "answer", "feedback"] as const;
export type ReviewItem = (typeof REVIEW_ITEMS)[number];
export type ReviewOptions = Record<ReviewTime, Record<ReviewItem, boolean>>;

export interface SlotSpec {
  /** A fixed question, or `count` drawn at random from a category. */
  questionId?: string;
  categoryId?: string;
  count?: number;
  includeSubcategories?: boolean;
  difficulty?: number;
  tags?: string[];
  points: number;
}
