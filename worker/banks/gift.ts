import type {
  ChoiceOption,
  FillAnswer,
  NumericAnswer,
  QuestionBody,
  QuestionDraft,
  TextFormat,
} from "../../schema/banks/types";

export interface GiftError {
  line: number;
  /** Stable code the web translates; `message` is the English detail. */
  code: string;
  message: string;
}

/** Index of `token` at or after `from`, skipping backslash escapes; -1 when absent. */
function findUnescaped(s: string, token: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s.startsWith(token, i)) return i;
  }
  return -1;
}

/** Splits on any unescaped character of `chars`, keeping the separator at the start of each piece. */
function splitKeeping(s: string, chars: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === "\\") {
      cur += ch + (s[i + 1] ?? "");
      i++;
      continue;
    }
    if (chars.includes(ch)) {
      if (cur.trim() !== "") out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur);
  return out;
}

/** The escapes Moodle knows; any other backslash is kept as written (LaTeX, paths). */
function unescapeGift(s: string): string {
  return s.replace(/\\([\\~=#{}:n])/g, (_, ch: string) => (ch === "n" ? "\n" : ch));
}

function escapeGift(s: string): string {
  return s.replace(/[\\~=#{}:]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, "\\n");
}

/** Something Moodle accepts that this product cannot keep, reported for the question instead of failing the file. */
export interface GiftNote {
  line: number;
  name: string;
  code: "description" | "cloze" | "numerical_wrong_feedback" | "fill_wildcard" | "answer_format" | "id_ignored";
}
type NoteCode = GiftNote["code"];

/** Per-question state while parsing: its format and the notes it collects. */
interface Ctx {
  format: TextFormat;
  notes: Set<NoteCode>;
}

/** Strips a leading [format] from an answer or feedback, as Moodle does; a format unlike the question's is lost. */
function inFormat(s: string, ctx: Ctx): string {
  const m = /^\s*\[(markdown|html|plain|moodle)\]/.exec(s);
  if (!m) return s;
  if (m[1] !== ctx.format) ctx.notes.add("answer_format");
  return s.slice(m[0].length);
}

const clean = (s: string, ctx: Ctx) => unescapeGift(inFormat(s, ctx).trim()).trim();

/** Splits "text#feedback" on the first unescaped #. */
function withFeedback(s: string, ctx: Ctx): { text: string; feedback?: string } {
  const at = findUnescaped(s, "#");
  if (at < 0) return { text: clean(s, ctx) };
  const feedback = clean(s.slice(at + 1), ctx);
  return { text: clean(s.slice(0, at), ctx), ...(feedback ? { feedback } : {}) };
}

/** Leading "%n%" weight, as a fraction. */
function weight(s: string): { fraction: number | null; rest: string } {
  const m = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(s);
  if (!m) return { fraction: null, rest: s };
  return { fraction: Number(m[1]) / 100, rest: s.slice(m[0].length) };
}

// What PHP's is_numeric accepts: signs, ".5", "5.", exponents.
const NUM = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;

function numberSpec(t: string): Omit<NumericAnswer, "fraction"> | null {
  const range = new RegExp(`^(${NUM})\\s*\\.\\.\\s*(${NUM})$`, "i").exec(t);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    return min <= max ? { min, max } : null;
  }
  const tol = new RegExp(`^(${NUM})(?:\\s*:\\s*(${NUM}))?$`, "i").exec(t);
  if (!tol) return null;
  return { value: Number(tol[1]), tolerance: tol[2] === undefined ? 0 : Math.abs(Number(tol[2])) };
}

class GiftProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
const fail = (code: string, m: string): never => {
  throw new GiftProblem(code, m);
};

/** Moodle's answer pieces: split on the markers, and a first piece without one still counts. */
function pieces(s: string, markers: string): { marker: string; text: string }[] {
  return splitKeeping(s, markers).map((p) =>
    markers.includes(p[0] as string) ? { marker: p[0] as string, text: p.slice(1) } : { marker: "", text: p },
  );
}

function numerical(spec: string, ctx: Ctx): QuestionBody {
  // Moodle: everything from the first ~ is feedback for any other answer ("~#wrong"); there is no field for it.
  const wrong = findUnescaped(spec, "~");
  if (wrong >= 0) {
    if (withFeedback(spec.slice(wrong + 1), ctx).feedback) ctx.notes.add("numerical_wrong_feedback");
    spec = spec.slice(0, wrong);
  }
  const answers: NumericAnswer[] = [];
  for (const piece of pieces(spec, "=")) {
    const w = weight(piece.text);
    const { text, feedback } = withFeedback(w.rest, ctx);
    const n = numberSpec(text);
    if (!n) fail("not_number", `not a number, tolerance or range: ${text}`);
    answers.push({ ...n, fraction: w.fraction ?? 1, ...(feedback ? { feedback } : {}) });
  }
  if (!answers.some((x) => x.fraction === 1))
    fail("no_right_answer", "a numerical question needs a fully right answer");
  return { type: "numerical", answers };
}

function truefalse(t: string, ctx: Ctx): QuestionBody | null {
  const hash = findUnescaped(t, "#");
  const head = (hash < 0 ? t : t.slice(0, hash)).trim();
  if (!["T", "TRUE", "F", "FALSE"].includes(head)) return null;
  const rest = hash < 0 ? "" : t.slice(hash + 1);
  const second = findUnescaped(rest, "#");
  const feedbackWrong = clean(second < 0 ? rest : rest.slice(0, second), ctx);
  const feedbackRight = second < 0 ? "" : clean(rest.slice(second + 1), ctx);
  return {
    type: "truefalse",
    answer: head.startsWith("T"),
    ...(feedbackWrong ? { feedbackWrong } : {}),
    ...(feedbackRight ? { feedbackRight } : {}),
  };
}

/** Builds the body from the text between the braces, deciding the type in Moodle's order. */
function parseAnswers(inner: string, ctx: Ctx): Pick<QuestionDraft, "type" | "body" | "generalFeedback"> {
  let generalFeedback = "";
  let a = inner;
  // Moodle takes the last ####.
  for (let at = findUnescaped(inner, "####"); at >= 0; at = findUnescaped(inner, "####", at + 1)) {
    generalFeedback = clean(inner.slice(at + 4), ctx);
    a = inner.slice(0, at);
  }
  const t = a.trim();
  const body = ((): QuestionBody => {
    if (t === "") return { type: "essay" };
    if (t.startsWith("#")) return numerical(t.slice(1), ctx);
    const hasTilde = findUnescaped(t, "~") >= 0;
    if (!hasTilde && findUnescaped(t, "=") >= 0 && findUnescaped(t, "->") >= 0) return matching(t, ctx);
    if (!hasTilde) return truefalse(t, ctx) ?? fill(t, ctx);
    return choice(t, ctx);
  })();
  return { type: body.type, body, generalFeedback };
}

function matching(t: string, ctx: Ctx): QuestionBody {
  const pairs = pieces(t, "=").map((p) => {
    const at = findUnescaped(p.text, "->");
    if (at < 0) fail("matching_mixed", "every matching answer needs ->");
    return { left: clean(p.text.slice(0, at), ctx), right: unescapeGift(p.text.slice(at + 2).trim()) };
  });
  if (pairs.filter((p) => p.left).length < 2) fail("matching_pairs", "a matching question needs at least two pairs");
  if (pairs.some((p) => !p.right)) fail("matching_right", "a matching pair has no right-hand side");
  return { type: "matching", pairs };
}

function fill(t: string, ctx: Ctx): QuestionBody {
  const answers: FillAnswer[] = [];
  for (const p of pieces(t, "=")) {
    const w = weight(p.text);
    const { text, feedback } = withFeedback(w.rest, ctx);
    if (!text) fail("empty_answer", "an answer is empty");
    // Moodle's * matches any response; here answers compare as written, so a lone * is dropped.
    if (text.includes("*")) ctx.notes.add("fill_wildcard");
    if (text === "*") continue;
    answers.push({ text, fraction: w.fraction ?? 1, ...(feedback ? { feedback } : {}) });
  }
  if (!answers.some((x) => x.fraction === 1)) fail("no_right_answer", "a short answer needs a fully right answer");
  return { type: "fill", answers };
}

function choice(t: string, ctx: Ctx): QuestionBody {
  const parsed = pieces(t, "=~").map((p) => {
    const w = weight(p.text);
    const { text, feedback } = withFeedback(w.rest, ctx);
    if (!text) fail("empty_answer", "an answer is empty");
    if (w.fraction !== null && (w.fraction < -1 || w.fraction > 1))
      fail("weight_range", `weight out of range: ${w.fraction * 100}%`);
    return { marker: p.marker, fraction: w.fraction, text, feedback };
  });
  if (parsed.length < 2) fail("too_few_answers", "a choice needs at least two answers");
  const single = parsed.some((p) => p.marker === "=");
  const options: ChoiceOption[] = parsed.map((p, i) => ({
    id: `o${i + 1}`,
    text: p.text,
    fraction: p.fraction ?? (p.marker === "=" ? 1 : 0),
    ...(p.feedback ? { feedback: p.feedback } : {}),
  }));
  if (!single && !options.some((o) => o.fraction > 0))
    fail("no_right_answer", "no answer is marked right (= or a positive %n%)");
  return { type: single ? "single" : "multiple", options };
}

/** One block: a question, or null when it is something this product skips (reported through ctx.notes). */
function parseQuestion(
  block: string,
  categoryPath: string[] | undefined,
  ctx: Ctx,
  named: (name: string) => void,
): QuestionDraft | null {
  let s = block.trim();
  let name = "";
  if (s.startsWith("::")) {
    const end = findUnescaped(s, "::", 2);
    // Moodle: without a closing ::, there is no name and the rest is the text.
    if (end < 0) s = s.slice(2).trim();
    else {
      name = unescapeGift(s.slice(2, end).trim());
      s = s.slice(end + 2).trim();
    }
  }
  const fm = /^\[(markdown|html|plain|moodle)\]/.exec(s);
  if (fm) {
    ctx.format = fm[1] as TextFormat;
    s = s.slice(fm[0].length).trim();
  }
  const open = findUnescaped(s, "{");
  const close = findUnescaped(s, "}", open + 1);
  const derived = (text: string) => name || unescapeGift(text).replace(/\s+/g, " ").trim().slice(0, 40);
  if (open < 0 && findUnescaped(s, "}") < 0) {
    named(derived(s));
    ctx.notes.add("description");
    return null;
  }
  if (open < 0 || close < 0) fail("block_unclosed", "the answer block is not closed with }");
  const stem = unescapeGift(s.slice(0, open).trim());
  const tail = unescapeGift(s.slice(close + 1).trim());
  named(derived(stem || tail));
  if (findUnescaped(s, "{", close + 1) >= 0) {
    ctx.notes.add("cloze");
    return null;
  }
  const parsed = parseAnswers(s.slice(open + 1, close), ctx);
  if (!stem && !tail) fail("no_text", "the question has no text");
  const body = tail ? { ...parsed.body, tail } : parsed.body;
  return {
    name: derived(stem || tail),
    ...(categoryPath ? { categoryPath } : {}),
    type: parsed.type,
    stem,
    format: ctx.format,
    body,
    generalFeedback: parsed.generalFeedback,
    defaultPoints: 1,
    difficulty: 3,
    tags: [],
  };
}

/** Moodle's [tag:…] and [id:…] in a question's comments; \] escapes a bracket. */
function fromComments(comments: string[]) {
  const text = comments.join("\n");
  const grab = (kind: string) =>
    [...text.matchAll(new RegExp(`\\[${kind}:((?:\\\\\\]|[^\\]\\n])*)\\]`, "g"))]
      .map((m) => (m[1] as string).replace(/\\\]/g, "]").trim())
      .filter(Boolean);
  return { tags: grab("tag"), hasId: grab("id").length > 0 };
}

/**
 * Parses a whole GIFT file. Errors (what Moodle refuses too) mean the caller imports nothing; notes say,
 * per question, what Moodle accepts that this product cannot keep.
 */
export function parseGift(text: string): {
  questions: (QuestionDraft & { line: number })[];
  errors: GiftError[];
  notes: GiftNote[];
} {
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const questions: (QuestionDraft & { line: number })[] = [];
  const errors: GiftError[] = [];
  const notes: GiftNote[] = [];
  let category: string[] | undefined;
  let buf: string[] = [];
  let comments: string[] = [];
  let start = 0;
  const flush = () => {
    const block = buf.join("\n");
    const blockComments = comments;
    buf = [];
    comments = [];
    if (block.trim() === "") return;
    const cat = /^\s*\$CATEGORY:\s*(.*?)\s*$/.exec(block);
    if (cat) {
      const parts = (cat[1] as string)
        .replace(/^\$(course|system|module|coursecategory)\$\/?(top(\/|$))?/i, "")
        .split("/")
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.length === 0) errors.push({ line: start, code: "empty_category", message: "empty $CATEGORY" });
      else category = parts;
      return;
    }
    const ctx: Ctx = { format: "moodle", notes: new Set() };
    let name = "";
    try {
      const q = parseQuestion(block, category, ctx, (n) => {
        name = n;
      });
      const meta = fromComments(blockComments);
      if (meta.hasId) ctx.notes.add("id_ignored");
      if (q) questions.push({ ...q, tags: meta.tags, line: start });
      for (const code of ctx.notes) notes.push({ line: start, name, code });
    } catch (e) {
      if (e instanceof GiftProblem) errors.push({ line: start, code: e.code, message: e.message });
      else throw e;
    }
  };
  lines.forEach((line, i) => {
    if (line.trim() === "") {
      flush();
      return;
    }
    if (/^\s*\/\//.test(line)) {
      comments.push(line);
      return;
    }
    if (buf.length === 0) start = i + 1;
    // A $CATEGORY line is its own block even without blank lines around it.
    if (/^\s*\$CATEGORY:/.test(line)) {
      flush();
      start = i + 1;
      buf.push(line);
      flush();
      return;
    }
    buf.push(line);
  });
  flush();
  return { questions, errors, notes };
}

const pct = (f: number) => `%${Math.round(f * 100000) / 1000}%`;
const fb = (f?: string) => (f ? `#${escapeGift(f)}` : "");

function numberText(a: NumericAnswer) {
  return a.min !== undefined && a.max !== undefined ? `${a.min}..${a.max}` : `${a.value}:${a.tolerance ?? 0}`;
}

/** Writes GIFT that parseGift reads back to the same questions. */
export function toGift(qs: QuestionDraft[]): string {
  const out: string[] = [];
  let lastCat = "";
  for (const q of qs) {
    const cat = (q.categoryPath ?? []).join("/");
    if (cat && cat !== lastCat) {
      out.push(`$CATEGORY: ${cat}\n`);
      lastCat = cat;
    }
    const b = q.body;
    let inner = "";
    switch (b.type) {
      case "single":
        inner = b.options
          .map(
            (o) =>
              `${o.fraction === 1 ? "=" : `~${o.fraction === 0 ? "" : pct(o.fraction)}`}${escapeGift(o.text)}${fb(o.feedback)}`,
          )
          .join(" ");
        break;
      case "multiple":
        inner = b.options.map((o) => `~${pct(o.fraction)}${escapeGift(o.text)}${fb(o.feedback)}`).join(" ");
        break;
      case "truefalse":
        inner = `${b.answer ? "TRUE" : "FALSE"}${b.feedbackWrong || b.feedbackRight ? `#${escapeGift(b.feedbackWrong ?? "")}` : ""}${b.feedbackRight ? `#${escapeGift(b.feedbackRight)}` : ""}`;
        break;
      case "fill":
        inner = b.answers
          .map((a) => `=${a.fraction === 1 ? "" : pct(a.fraction)}${escapeGift(a.text)}${fb(a.feedback)}`)
          .join(" ");
        break;
      case "matching":
        inner = b.pairs.map((p) => `=${escapeGift(p.left)} -> ${escapeGift(p.right)}`).join(" ");
        break;
      case "numerical":
        inner = `#${b.answers.map((a) => `=${a.fraction === 1 ? "" : pct(a.fraction)}${numberText(a)}${fb(a.feedback)}`).join(" ")}`;
        break;
      case "essay":
        inner = "";
    }
    if (q.generalFeedback) inner += `####${escapeGift(q.generalFeedback)}`;
    const tail = b.tail ? ` ${escapeGift(b.tail)}` : "";
    // Tags ride in a comment, as Moodle writes them.
    const tags = q.tags.length ? `// ${q.tags.map((t) => `[tag:${t.replace(/]/g, "\\]")}]`).join(" ")}\n` : "";
    out.push(`${tags}::${escapeGift(q.name)}::[${q.format}]${escapeGift(q.stem)} {${inner}}${tail}\n`);
  }
  return out.join("\n");
}
