import type { QuestionBody, Response, TextFormat } from "../../schema/banks/types";
import type { ReviewItem, ReviewOptions, ReviewTime } from "../../schema/quizzes/types";
import { grade, renderText, rightAnswer } from "../banks";
import { IMMEDIATE_MS } from "./defaults";
import { answerOut, responseOut, SlotIds } from "./keys";

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

/** Without a stored order (daily practice), the shown ids order the items: random, fixed for the day. */
const byShownId = (xs: { id: string }[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * What the browser may see of one question: the text and the choices in this attempt's order, under
 * this attempt's ids (see SlotIds, keyed by `idKey`), never a weight, an accepted answer or a feedback
 * unless `shown` allows it.
 */
export function questionView(s: SlotRow, shown: Shown, idKey: string) {
  const b = s.body;
  const ids = new SlotIds(idKey, s.slot, b);
  const html = (t: string) => renderText(t, s.format);
  const view: Record<string, unknown> = {
    slot: s.slot,
    type: b.type,
    points: s.points,
    stemHtml: html(s.stem),
    tailHtml: b.tail ? html(b.tail) : null,
    response: responseOut(b, s.response, ids),
    seq: s.seq,
    savedAt: s.savedAt,
  };
  if (b.type === "single" || b.type === "multiple") {
    const byId = new Map(b.options.map((o) => [o.id, o]));
    const shownOptions = (s.order ?? b.options.map((o) => o.id)).flatMap((id) => {
      const o = byId.get(id);
      return o ? [{ id: ids.out("c", id), html: html(o.text) }] : [];
    });
    view.options = s.order || !idKey ? shownOptions : byShownId(shownOptions);
  }
  if (b.type === "matching") {
    view.lefts = b.pairs.flatMap((p, i) =>
      p.left.trim() ? [{ id: ids.out("l", String(i)), html: html(p.left) }] : [],
    );
    const rights = (s.order ?? [...new Set(b.pairs.map((p) => p.right))]).map((r) => ({
      id: ids.out("r", r),
      text: r,
    }));
    view.rights = s.order || !idKey ? rights : byShownId(rights);
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
  if (shown.answer) view.rightAnswer = answerOut(rightAnswer(b), ids);
  return view;
}
