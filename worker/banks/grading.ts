import type { QuestionBody, Response } from "../../schema/banks/types";

/** Full-width/half-width (NFKC), case and all whitespace folded: "ＡＢ Ｃ" matches "abc". */
export function normalizeAnswer(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const round = (n: number) => Math.round(n * 1e7) / 1e7;

export interface Graded {
  /** 0..1 of the slot's points; null when a person must grade (essay). */
  fraction: number | null;
  /** Feedback for the chosen answer(s), shown only when the review options allow. */
  feedback: string[];
}

/**
 * Grades one response against one question version. Pure: no clock, no db.
 * A missing or malformed response scores 0.
 */
export function grade(body: QuestionBody, response: Response | null | undefined): Graded {
  const r = (response ?? {}) as Record<string, unknown>;
  switch (body.type) {
    case "single": {
      const opt = body.options.find((o) => o.id === r.choice);
      return { fraction: opt ? clamp01(opt.fraction) : 0, feedback: opt?.feedback ? [opt.feedback] : [] };
    }
    case "multiple": {
      const chosen = Array.isArray(r.choices) ? new Set(r.choices as string[]) : new Set<string>();
      const picked = body.options.filter((o) => chosen.has(o.id));
      // Negative weights subtract; the total never goes below 0 nor above 1.
      const total = picked.reduce((s, o) => s + o.fraction, 0);
      return { fraction: round(clamp01(total)), feedback: picked.flatMap((o) => (o.feedback ? [o.feedback] : [])) };
    }
    case "truefalse": {
      if (typeof r.value !== "boolean") return { fraction: 0, feedback: [] };
      const right = r.value === body.answer;
      const fb = right ? body.feedbackRight : body.feedbackWrong;
      return { fraction: right ? 1 : 0, feedback: fb ? [fb] : [] };
    }
    case "fill": {
      if (typeof r.text !== "string") return { fraction: 0, feedback: [] };
      const given = normalizeAnswer(r.text);
      let best: (typeof body.answers)[number] | undefined;
      for (const a of body.answers) {
        if (normalizeAnswer(a.text) === given && (!best || a.fraction > best.fraction)) best = a;
      }
      return { fraction: best ? clamp01(best.fraction) : 0, feedback: best?.feedback ? [best.feedback] : [] };
    }
    case "numerical": {
      const n = typeof r.number === "number" ? r.number : Number.NaN;
      if (!Number.isFinite(n)) return { fraction: 0, feedback: [] };
      let best: (typeof body.answers)[number] | undefined;
      for (const a of body.answers) {
        if (numericMatches(a, n) && (!best || a.fraction > best.fraction)) best = a;
      }
      return { fraction: best ? clamp01(best.fraction) : 0, feedback: best?.feedback ? [best.feedback] : [] };
    }
    case "matching": {
      const pairs = (r.pairs && typeof r.pairs === "object" ? r.pairs : {}) as Record<string, string>;
      const scored = body.pairs.map((p, i) => ({ p, i })).filter(({ p }) => p.left.trim() !== "");
      if (scored.length === 0) return { fraction: 0, feedback: [] };
      const right = scored.filter(({ p, i }) => pairs[String(i)] === p.right).length;
      return { fraction: round(right / scored.length), feedback: [] };
    }
    case "essay":
      return { fraction: null, feedback: [] };
  }
}

function numericMatches(a: { value?: number; tolerance?: number; min?: number; max?: number }, n: number) {
  if (a.min !== undefined && a.max !== undefined) return n >= a.min - 1e-9 && n <= a.max + 1e-9;
  if (a.value === undefined) return false;
  return Math.abs(n - a.value) <= (a.tolerance ?? 0) + 1e-9;
}

/** The right answer, for a review that may show it. */
export function rightAnswer(body: QuestionBody): unknown {
  switch (body.type) {
    case "single":
    case "multiple":
      return { choices: body.options.filter((o) => o.fraction > 0).map((o) => o.id) };
    case "truefalse":
      return { value: body.answer };
    case "fill":
      return { texts: body.answers.filter((a) => a.fraction === 1).map((a) => a.text) };
    case "numerical":
      return { ranges: body.answers.filter((a) => a.fraction === 1).map(({ feedback: _f, ...a }) => a) };
    case "matching":
      return {
        pairs: Object.fromEntries(body.pairs.map((p, i) => [String(i), p.right]).filter((_, i) => body.pairs[i]?.left)),
      };
    case "essay":
      return null;
  }
}

/** The final quiz grade from closed attempts' percents (in attempt order). */
export function finalGrade(method: "highest" | "last" | "first" | "average", percents: number[]): number | null {
  if (percents.length === 0) return null;
  switch (method) {
    case "highest":
      return Math.max(...percents);
    case "last":
      return percents[percents.length - 1] ?? null;
    case "first":
      return percents[0] ?? null;
    case "average":
      return round(percents.reduce((s, p) => s + p, 0) / percents.length);
  }
}

/** What a choice response picked, as one sortable key for statistics ("o1,o3", "true"); null otherwise. */
export function pickKey(body: QuestionBody, response: Response | null | undefined): string | null {
  const r = (response ?? {}) as Record<string, unknown>;
  if (body.type === "single" && typeof r.choice === "string") return r.choice;
  if (body.type === "multiple" && Array.isArray(r.choices)) return [...new Set(r.choices as string[])].sort().join(",");
  if (body.type === "truefalse" && typeof r.value === "boolean") return String(r.value);
  return null;
}
