import type { QuestionBody, Response, TextFormat } from "../../schema/banks/types";
import type { ReviewItem, ReviewOptions, ReviewTime } from "../../schema/quizzes/types";
import { grade, renderText, rightAnswer } from "../banks";
import { IMMEDIATE_MS } from "./defaults";

export interface SlotRow {
  slot: number;
  points: number;
  order: string[] | null;
  response: Response | null;
  seq: number;
  savedAt: number | null;
  fraction: number | null;
  needsGrading: boolean;
  comment: string | null;
  stem: string;
  format: TextFormat;
  body: QuestionBody;
  generalFeedback: string;
}

export type Shown = Record<ReviewItem, boolean>;
export const SHOW_ALL: Shown = { score: true, correctness: true, answer: true, feedback: true };

/** Which review column applies now. */
export function reviewTime(state: string, submittedAt: number | null, closeAt: number | null, now: number): ReviewTime {
  if (state === "open") return "during";
  if (submittedAt !== null && now - submittedAt < IMMEDIATE_MS) return "immediately";
  return closeAt === null || now < closeAt ? "open" : "closed";
}
export const shownAt = (review: ReviewOptions, t: ReviewTime): Shown => review[t];

/**
 * What the browser may see of one question: the text and the choices in this attempt's order, never a
 * weight, an accepted answer or a feedback unless `shown` allows it.
 */
export function questionView(s: SlotRow, shown: Shown) {
  const b = s.body;
  const html = (t: string) => renderText(t, s.format);
  const view: Record<string, unknown> = {
    slot: s.slot,
    type: b.type,
    points: s.points,
    stemHtml: html(s.stem),
    tailHtml: b.tail ? html(b.tail) : null,
    response: s.response,
    seq: s.seq,
    savedAt: s.savedAt,
  };
  if (b.type === "single" || b.type === "multiple") {
    const byId = new Map(b.options.map((o) => [o.id, o]));
    const order = s.order ?? b.options.map((o) => o.id);
    view.options = order.flatMap((id) => {
      const o = byId.get(id);
      return o ? [{ id, html: html(o.text) }] : [];
    });
  }
  if (b.type === "matching") {
    view.lefts = b.pairs.flatMap((p, i) => (p.left.trim() ? [{ index: String(i), html: html(p.left) }] : []));
    view.rights = s.order ?? [];
  }
  if (shown.score || shown.correctness || shown.feedback) {
    const graded =
      s.fraction !== null || s.needsGrading
        ? { fraction: s.fraction, feedback: grade(b, s.response).feedback }
        : grade(b, s.response);
    if (shown.score) view.mark = graded.fraction === null ? null : Math.round(graded.fraction * s.points * 100) / 100;
    if (shown.correctness)
      view.correctness =
        graded.fraction === null
          ? "pending"
          : graded.fraction >= 1
            ? "right"
            : graded.fraction > 0
              ? "partial"
              : "wrong";
    if (shown.feedback) {
      view.feedbackHtml = graded.feedback.map(html);
      view.generalFeedbackHtml = s.generalFeedback ? html(s.generalFeedback) : null;
      view.comment = s.comment;
    }
  }
  if (shown.answer) view.rightAnswer = rightAnswer(b);
  return view;
}
