import type { QuestionBody, QuestionDraft } from "../../schema/banks/types";

/** Meaning checks the shape schema cannot express; returns a message or null. Also fills missing option ids. */
export function checkBody(body: QuestionBody): string | null {
  switch (body.type) {
    case "single":
    case "multiple": {
      let n = 0;
      const used = new Set(body.options.map((o) => o.id).filter(Boolean));
      for (const o of body.options) {
        if (!o.id) {
          while (used.has(`o${++n}`));
          o.id = `o${n}`;
          used.add(o.id);
        }
      }
      if (new Set(body.options.map((o) => o.id)).size !== body.options.length) return "option ids repeat";
      if (body.options.some((o) => o.text.trim() === "")) return "an option is empty";
      if (body.type === "single" && !body.options.some((o) => o.fraction === 1))
        return "a single choice needs a right option (100%)";
      if (body.type === "multiple" && !body.options.some((o) => o.fraction > 0))
        return "a multiple choice needs a positive option";
      return null;
    }
    case "fill":
      if (body.answers.some((a) => a.text.trim() === "")) return "an accepted answer is empty";
      return body.answers.some((a) => a.fraction === 1) ? null : "a fill-in needs a fully right answer";
    case "numerical":
      for (const a of body.answers) {
        const range = a.min !== undefined && a.max !== undefined;
        if (!range && a.value === undefined) return "a numerical answer needs a value or a range";
        if (range && (a.min as number) > (a.max as number)) return "a range's min is above its max";
      }
      return body.answers.some((a) => a.fraction === 1) ? null : "a numerical question needs a fully right answer";
    case "matching":
      if (body.pairs.some((p) => p.right.trim() === "")) return "a pair has no right-hand side";
      return body.pairs.filter((p) => p.left.trim()).length >= 2 ? null : "matching needs two pairs";
    default:
      return null;
  }
}

export function cleanDraft<T extends Pick<QuestionDraft, "stem" | "generalFeedback" | "name">>(d: T): T {
  return { ...d, stem: d.stem.trim(), generalFeedback: d.generalFeedback.trim(), name: d.name.trim() };
}
