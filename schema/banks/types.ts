const QUESTION_TYPES = ["single", "multiple", "truefalse", "fill", "matching", "numerical", "essay"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const TEXT_FORMATS = ["markdown", "html", "plain", "moodle"] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/** Fractions are -1..1 of the question's points (GIFT %n% / 100). */
export interface ChoiceOption {
  id: string;
  text: string;
  fraction: number;
  feedback?: string;
}
export interface FillAnswer {
  text: string;
  fraction: number;
  feedback?: string;
}
export interface NumericAnswer {
  /** value±tolerance, or min..max when `min`/`max` are set. */
  value?: number;
  tolerance?: number;
  min?: number;
  max?: number;
  fraction: number;
  feedback?: string;
}
interface MatchPair {
  left: string;
  right: string;
}

export type QuestionBody =
  | { type: "single" | "multiple"; options: ChoiceOption[]; tail?: string }
  | { type: "truefalse"; answer: boolean; feedbackWrong?: string; feedbackRight?: string; tail?: string }
  | { type: "fill"; answers: FillAnswer[]; tail?: string }
  | { type: "matching"; pairs: MatchPair[]; tail?: string }
  | { type: "numerical"; answers: NumericAnswer[]; tail?: string }
  | { type: "essay"; tail?: string };

/** What a member sends for one question. */
export type Response =
  | { choice: string }
  | { choices: string[] }
  | { value: boolean }
  | { text: string }
  | { number: number }
  | { pairs: Record<string, string> };

/** A question as written or imported, before it is stored. */
export interface QuestionDraft {
  name: string;
  categoryPath?: string[];
  type: QuestionType;
  stem: string;
  format: TextFormat;
  body: QuestionBody;
  generalFeedback: string;
  defaultPoints: number;
  difficulty: number;
  tags: string[];
}
