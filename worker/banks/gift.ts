import type { ChoiceOption, NumericAnswer, QuestionDraft, TextFormat } from "../../schema/banks/types";

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

export function unescapeGift(s: string): string {
  return s.replace(/\\(.)/g, (_, ch: string) => (ch === "n" ? "\n" : ch));
}

export function escapeGift(s: string): string {
  return s.replace(/[\\~=#{}:]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, "\\n");
}

/** Splits "text#feedback" on the first unescaped #. */
function withFeedback(s: string): { text: string; feedback?: string } {
  const at = findUnescaped(s, "#");
  if (at < 0) return { text: unescapeGift(s.trim()) };
  const feedback = unescapeGift(s.slice(at + 1).trim());
  return { text: unescapeGift(s.slice(0, at).trim()), ...(feedback ? { feedback } : {}) };
}

/** Leading "%n%" weight, as a fraction. */
function weight(s: string): { fraction: number | null; rest: string } {
  const m = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(s);
  if (!m) return { fraction: null, rest: s };
  return { fraction: Number(m[1]) / 100, rest: s.slice(m[0].length) };
}

function numberSpec(s: string): Omit<NumericAnswer, "fraction"> | null {
  const t = unescapeGift(s).trim();
  const range = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(t);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    return min <= max ? { min, max } : null;
  }
  const tol = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)(?:\s*:\s*(\d+(?:\.\d+)?(?:e-?\d+)?))?$/i.exec(t);
  if (!tol) return null;
  return { value: Number(tol[1]), tolerance: tol[2] === undefined ? 0 : Number(tol[2]) };
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

/** Builds the body from the text between the braces. */
function parseAnswers(inner: string): Pick<QuestionDraft, "type" | "body" | "generalFeedback"> {
  let generalFeedback = "";
  const gf = findUnescaped(inner, "####");
  let a = inner;
  if (gf >= 0) {
    generalFeedback = unescapeGift(inner.slice(gf + 4).trim());
    a = inner.slice(0, gf);
  }
  const t = a.trim();
  if (t === "") return { type: "essay", body: { type: "essay" }, generalFeedback };

  const tf = /^(TRUE|FALSE|T|F)(?=\s*(#|$))/.exec(t);
  if (tf) {
    const rest = t.slice(tf[0].length).trim();
    const parts: string[] = [];
    for (let from = 0; rest && from < rest.length; ) {
      const next = findUnescaped(rest, "#", from + 1);
      parts.push(unescapeGift(rest.slice(from + 1, next < 0 ? undefined : next).trim()));
      if (next < 0) break;
      from = next;
    }
    const [feedbackWrong, feedbackRight] = parts;
    return {
      type: "truefalse",
      body: {
        type: "truefalse",
        answer: tf[1] === "T" || tf[1] === "TRUE",
        ...(feedbackWrong ? { feedbackWrong } : {}),
        ...(feedbackRight ? { feedbackRight } : {}),
      },
      generalFeedback,
    };
  }

  if (t.startsWith("#")) {
    const spec = t.slice(1);
    const answers: NumericAnswer[] = [];
    const pieces =
      findUnescaped(spec, "=") >= 0 || findUnescaped(spec, "~") >= 0 ? splitKeeping(spec, "=~") : [`=${spec}`];
    for (const piece of pieces) {
      const marker = piece[0];
      if (marker !== "=" && marker !== "~")
        fail("numeric_text", `unexpected text in a numerical answer: ${piece.trim()}`);
      const w = weight(piece.slice(1));
      const { text, feedback } = withFeedback(w.rest);
      const n = numberSpec(text);
      if (!n) fail("not_number", `not a number, tolerance or range: ${text}`);
      answers.push({ ...n, fraction: w.fraction ?? (marker === "=" ? 1 : 0), ...(feedback ? { feedback } : {}) });
    }
    if (!answers.some((x) => x.fraction === 1))
      fail("no_right_answer", "a numerical question needs a fully right answer");
    return { type: "numerical", body: { type: "numerical", answers }, generalFeedback };
  }

  const pieces = splitKeeping(t, "=~");
  if (pieces.some((p) => p[0] !== "=" && p[0] !== "~")) fail("bad_answer_marker", "answers must start with = or ~");
  if (pieces.every((p) => p[0] === "=" && findUnescaped(p, "->") >= 0)) {
    const pairs = pieces.map((p) => {
      const at = findUnescaped(p, "->");
      return { left: unescapeGift(p.slice(1, at).trim()), right: unescapeGift(p.slice(at + 2).trim()) };
    });
    if (pairs.filter((p) => p.left).length < 2) fail("matching_pairs", "a matching question needs at least two pairs");
    if (pairs.some((p) => !p.right)) fail("matching_right", "a matching pair has no right-hand side");
    return { type: "matching", body: { type: "matching", pairs }, generalFeedback };
  }
  if (pieces.some((p) => findUnescaped(p, "->") >= 0))
    fail("matching_mixed", "mixes matching pairs with other answers");

  const parsed = pieces.map((p) => {
    const w = weight(p.slice(1));
    const { text, feedback } = withFeedback(w.rest);
    if (!text) fail("empty_answer", "an answer is empty");
    return { marker: p[0], fraction: w.fraction, text, feedback };
  });
  for (const p of parsed) {
    if (p.fraction !== null && (p.fraction < -1 || p.fraction > 1))
      fail("weight_range", `weight out of range: ${p.fraction * 100}%`);
  }
  if (parsed.every((p) => p.marker === "=")) {
    const answers = parsed.map((p) => ({
      text: p.text,
      fraction: p.fraction ?? 1,
      ...(p.feedback ? { feedback: p.feedback } : {}),
    }));
    return { type: "fill", body: { type: "fill", answers }, generalFeedback };
  }
  const single = parsed.some((p) => p.marker === "=");
  const options: ChoiceOption[] = parsed.map((p, i) => ({
    id: `o${i + 1}`,
    text: p.text,
    fraction: p.fraction ?? (p.marker === "=" ? 1 : 0),
    ...(p.feedback ? { feedback: p.feedback } : {}),
  }));
  if (!single && !options.some((o) => o.fraction > 0))
    fail("no_right_answer", "no answer is marked right (= or a positive %n%)");
  return {
    type: single ? "single" : "multiple",
    body: { type: single ? "single" : "multiple", options },
    generalFeedback,
  };
}

function parseQuestion(block: string, categoryPath: string[] | undefined): QuestionDraft {
  let s = block.trim();
  let name = "";
  if (s.startsWith("::")) {
    const end = findUnescaped(s, "::", 2);
    if (end < 0) fail("name_unclosed", "the name is not closed with ::");
    name = unescapeGift(s.slice(2, end).trim());
    s = s.slice(end + 2).trim();
  }
  let format: TextFormat = "moodle";
  const fm = /^\[(markdown|html|plain|moodle)\]/i.exec(s);
  if (fm) {
    format = (fm[1] as string).toLowerCase() as TextFormat;
    s = s.slice(fm[0].length).trim();
  } else if (/^\[[a-z]+\]/i.test(s)) fail("unknown_format", `unknown text format ${/^\[[a-z]+\]/i.exec(s)?.[0]}`);
  const open = findUnescaped(s, "{");
  if (open < 0) fail("description", "no answer block {…}: descriptions are not supported");
  const close = findUnescaped(s, "}", open + 1);
  if (close < 0) fail("block_unclosed", "the answer block is not closed with }");
  if (findUnescaped(s, "{", close + 1) >= 0) fail("cloze", "more than one answer block (cloze) is not supported");
  const inner = s.slice(open + 1, close);
  if (findUnescaped(inner, "{") >= 0) fail("nested_brace", "a { inside an answer block must be escaped as \\{");
  const stem = unescapeGift(s.slice(0, open).trim());
  const tail = unescapeGift(s.slice(close + 1).trim());
  if (!stem && !tail) fail("no_text", "the question has no text");
  const parsed = parseAnswers(inner);
  const body = tail ? { ...parsed.body, tail } : parsed.body;
  return {
    name: name || (stem || tail).replace(/\s+/g, " ").slice(0, 40),
    ...(categoryPath ? { categoryPath } : {}),
    type: parsed.type,
    stem,
    format,
    body,
    generalFeedback: parsed.generalFeedback,
    defaultPoints: 1,
    difficulty: 3,
    tags: [],
  };
}

/** Parses a whole GIFT file. Any error means the caller imports nothing. */
export function parseGift(text: string): { questions: (QuestionDraft & { line: number })[]; errors: GiftError[] } {
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const questions: (QuestionDraft & { line: number })[] = [];
  const errors: GiftError[] = [];
  let category: string[] | undefined;
  let buf: string[] = [];
  let start = 0;
  const flush = () => {
    const block = buf.join("\n");
    buf = [];
    if (block.trim() === "") return;
    const cat = /^\s*\$CATEGORY:\s*(.*?)\s*$/.exec(block);
    if (cat) {
      const parts = (cat[1] as string)
        .replace(/^\$(course|system|module|coursecategory)\$\/?/i, "")
        .split("/")
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.length === 0) errors.push({ line: start, code: "empty_category", message: "empty $CATEGORY" });
      else category = parts;
      return;
    }
    try {
      questions.push({ ...parseQuestion(block, category), line: start });
    } catch (e) {
      if (e instanceof GiftProblem) errors.push({ line: start, code: e.code, message: e.message });
      else throw e;
    }
  };
  lines.forEach((line, i) => {
    if (/^\s*\/\//.test(line)) return;
    if (line.trim() === "") {
      flush();
      return;
    }
    // A $CATEGORY line is its own block even without blank lines around it.
    if (/^\s*\$CATEGORY:/.test(line)) {
      flush();
      start = i + 1;
      buf.push(line);
      flush();
      return;
    }
    if (buf.length === 0) start = i + 1;
    buf.push(line);
  });
  flush();
  return { questions, errors };
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
    out.push(`::${escapeGift(q.name)}::[${q.format}]${escapeGift(q.stem)} {${inner}}${tail}\n`);
  }
  return out.join("\n");
}
