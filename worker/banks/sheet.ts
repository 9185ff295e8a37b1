import Papa from "papaparse";
import { type QuestionDraft, type QuestionType, TEXT_FORMATS, type TextFormat } from "../../schema/banks/types";
import { type CsvCell, toCsv, unguardCell } from "../lib/csv";
import { readTable, type Table } from "../lib/xlsx";
import { normalizeAnswer } from "./grading";

/** One bad cell: the row as the spreadsheet numbers it, the column as the file heads it, a code to translate. */
export interface SheetError {
  row: number;
  column: string;
  code: SheetErrorCode;
  /** The cell as written, where the message quotes it. */
  value?: string;
}
export type SheetErrorCode =
  | "unknown_type"
  | "empty_stem"
  | "bad_points"
  | "bad_difficulty"
  | "choice_options"
  | "choice_answer"
  | "single_one_answer"
  | "truefalse_answer"
  | "fill_answer"
  | "numerical_answer";

const TYPES: Record<string, QuestionType> = {
  单选: "single",
  单选题: "single",
  單選: "single",
  單選題: "single",
  single: "single",
  多选: "multiple",
  多选题: "multiple",
  多選: "multiple",
  多選題: "multiple",
  multiple: "multiple",
  判断: "truefalse",
  判断题: "truefalse",
  判斷: "truefalse",
  判斷題: "truefalse",
  truefalse: "truefalse",
  填空: "fill",
  填空题: "fill",
  填空題: "fill",
  fill: "fill",
  数值: "numerical",
  数值题: "numerical",
  數值: "numerical",
  计算: "numerical",
  计算题: "numerical",
  numerical: "numerical",
  简答: "essay",
  简答题: "essay",
  問答: "essay",
  问答: "essay",
  问答题: "essay",
  论述: "essay",
  论述题: "essay",
  簡答: "essay",
  essay: "essay",
};
const TRUE = new Set(["对", "對", "正确", "正確", "√", "✓", "t", "true", "是", "y", "yes"]);
const FALSE = new Set(["错", "錯", "错误", "錯誤", "×", "✗", "x", "f", "false", "否", "n", "no"]);
const LEVELS: Record<string, number> = {
  易: 2,
  容易: 2,
  简单: 2,
  簡單: 2,
  中: 3,
  中等: 3,
  一般: 3,
  难: 4,
  難: 4,
  困难: 4,
  困難: 4,
};
const LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"];
const SHEET_HEADERS = [
  "题型",
  "题干",
  ...LETTERS.map((l) => `选项${l}`),
  "答案",
  "解析",
  "分值",
  "难度",
  "标签",
  "分类",
  "名称",
  "格式",
];

/** A cell, trimmed and with the export's formula guard taken off. */
const cell = (r: Record<string, string>, k: string) => unguardCell((r[k] ?? "").trim()).trim();

/** Traditional-Chinese headers read as their simplified names. */
const canonicalHeader = (h: string) =>
  h
    .replace(/^題型$/, "题型")
    .replace(/^題[幹干]$/, "题干")
    .replace(/^選項([A-H])$/, "选项$1")
    .replace(/^難度$/, "难度")
    .replace(/^標籤$/, "标签")
    .replace(/^分類$/, "分类")
    .replace(/^名稱$/, "名称");

/** The template Chinese question writers use (题型, 题干, 选项A–H, 答案, 解析, 分值, 难度, 标签), one error per bad cell. */
export function parseSheet(
  text: string,
  headerRow = 1,
): { questions: (QuestionDraft & { line: number })[]; errors: SheetError[] } {
  // The header as the file writes it, for naming a column in an error.
  const written: Record<string, string> = {};
  // Blank lines are kept (and skipped below) so that row numbers stay the spreadsheet's.
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: false,
    transformHeader: (h) => {
      const name = canonicalHeader(h.trim());
      written[name] = h.trim();
      return name;
    },
  });
  const questions: (QuestionDraft & { line: number })[] = [];
  const errors: SheetError[] = [];
  parsed.data.forEach((r, i) => {
    if (Object.values(r).every((v) => !String(v ?? "").trim())) return;
    const row = i + headerRow + 1; // as the spreadsheet numbers it
    const err = (column: string, code: SheetErrorCode, value?: string) =>
      errors.push({ row, column: written[column] ?? column, code, ...(value === undefined ? {} : { value }) });
    const before = errors.length;
    const type = TYPES[cell(r, "题型").toLowerCase()] ?? TYPES[cell(r, "题型")];
    if (!type) err("题型", "unknown_type", cell(r, "题型"));
    const stem = cell(r, "题干");
    if (!stem) err("题干", "empty_stem");
    const options = LETTERS.map((l) => cell(r, `选项${l}`));
    const last = options.reduce((n, o, k) => (o ? k + 1 : n), 0);
    const opts = options.slice(0, last);
    const answer = cell(r, "答案");
    const pointsText = cell(r, "分值");
    const points = pointsText === "" ? 1 : Number(pointsText);
    if (!Number.isFinite(points) || points <= 0 || points > 1000) err("分值", "bad_points", pointsText);
    const diffText = cell(r, "难度");
    const difficulty = diffText === "" ? 3 : (LEVELS[diffText] ?? Number(diffText));
    if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) err("难度", "bad_difficulty", diffText);
    const tags = cell(r, "标签")
      .split(/[,，;；、|\s]+/)
      .filter(Boolean);
    let body: QuestionDraft["body"] | undefined;
    if (type === "single" || type === "multiple") {
      if (opts.length < 2 || opts.some((o) => !o)) err("选项A", "choice_options");
      const letters = answer
        .toUpperCase()
        .replace(/[^A-H]/g, "")
        .split("");
      const right = new Set(letters.map((l) => LETTERS.indexOf(l)));
      if (letters.length === 0 || [...right].some((k) => k >= opts.length)) err("答案", "choice_answer", answer);
      else if (type === "single" && right.size !== 1) err("答案", "single_one_answer", answer);
      body = {
        type,
        options: opts.map((text, k) => ({
          id: `o${k + 1}`,
          text,
          fraction: right.has(k)
            ? type === "single"
              ? 1
              : Math.round((1 / right.size) * 1e7) / 1e7
            : type === "multiple"
              ? -1
              : 0,
        })),
      };
    } else if (type === "truefalse") {
      const a = normalizeAnswer(answer);
      if (!TRUE.has(a) && !FALSE.has(a)) err("答案", "truefalse_answer", answer);
      body = { type, answer: TRUE.has(a) };
    } else if (type === "fill") {
      const answers = answer
        .split(/[|｜;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (answers.length === 0) err("答案", "fill_answer");
      body = { type, answers: answers.map((text) => ({ text, fraction: 1 })) };
    } else if (type === "numerical") {
      const t = answer.normalize("NFKC").replace(/\s/g, "");
      const range = /^(-?[\d.]+)\.\.(-?[\d.]+)$/.exec(t);
      const tol = /^(-?[\d.]+)(?:(?:±|\+-|:)([\d.]+))?$/.exec(t);
      if (range && Number(range[1]) <= Number(range[2]))
        body = { type, answers: [{ min: Number(range[1]), max: Number(range[2]), fraction: 1 }] };
      else if (tol && Number.isFinite(Number(tol[1])))
        body = { type, answers: [{ value: Number(tol[1]), tolerance: Number(tol[2] ?? 0), fraction: 1 }] };
      else err("答案", "numerical_answer", answer);
    } else if (type === "essay") body = { type };
    if (errors.length > before || !type || !body) return;
    const categoryPath = cell(r, "分类")
      .split("/")
      .map((p) => p.trim())
      .filter(Boolean);
    questions.push({
      name: cell(r, "名称") || stem.replace(/\s+/g, " ").slice(0, 40),
      ...(categoryPath.length ? { categoryPath } : {}),
      type,
      stem,
      format: (TEXT_FORMATS as readonly string[]).includes(cell(r, "格式"))
        ? (cell(r, "格式") as TextFormat)
        : "markdown",
      body,
      generalFeedback: cell(r, "解析"),
      defaultPoints: points,
      difficulty,
      tags,
      line: row,
    });
  });
  return { questions, errors };
}

const TYPE_NAMES: Partial<Record<QuestionType, string>> = {
  single: "单选",
  multiple: "多选",
  truefalse: "判断",
  fill: "填空",
  numerical: "数值",
  essay: "简答",
};

/** The 答案 cell and the options for one question, or null when the template cannot hold it. */
function answerCells(d: QuestionDraft): { answer: string; options: string[] } | null {
  const b = d.body;
  switch (b.type) {
    case "single":
    case "multiple": {
      if (b.options.length > LETTERS.length) return null;
      const right =
        b.type === "single"
          ? (o: { fraction: number }) => o.fraction === 1
          : (o: { fraction: number }) => o.fraction > 0;
      return {
        answer: b.options.flatMap((o, i) => (right(o) ? [LETTERS[i]] : [])).join(""),
        options: b.options.map((o) => o.text),
      };
    }
    case "truefalse":
      return { answer: b.answer ? "对" : "错", options: [] };
    case "fill":
      return {
        answer: b.answers
          .filter((a) => a.fraction === 1)
          .map((a) => a.text)
          .join("|"),
        options: [],
      };
    case "numerical": {
      const a = b.answers.find((x) => x.fraction === 1);
      if (!a) return null;
      const range = a.min !== undefined && a.max !== undefined;
      return { answer: range ? `${a.min}..${a.max}` : `${a.value}±${a.tolerance ?? 0}`, options: [] };
    }
    case "essay":
      return { answer: "", options: [] };
    default:
      return null;
  }
}

/** One template row, or null when the template has no place for the question at all. */
function sheetRow(d: QuestionDraft): CsvCell[] | null {
  const type = TYPE_NAMES[d.type];
  const cells = type ? answerCells(d) : null;
  if (!type || !cells) return null;
  return [
    type,
    d.stem,
    ...LETTERS.map((_, i) => cells.options[i] ?? ""),
    cells.answer,
    d.generalFeedback,
    d.defaultPoints,
    d.difficulty,
    d.tags.join(","),
    (d.categoryPath ?? []).join("/"),
    d.name,
    d.format,
  ];
}

/** JSON with sorted keys, so two drafts compare by content whatever order their fields were built in. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(",")}]`
    : v && typeof v === "object"
      ? `{${Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
          .join(",")}}`
      : JSON.stringify(v);

/** What a question means, without the option ids an import assigns afresh. */
const meaning = ({ line: _, ...d }: QuestionDraft & { line?: number }) =>
  canonical({
    ...d,
    categoryPath: d.categoryPath ?? [],
    body: "options" in d.body ? { ...d.body, options: d.body.options.map(({ id: _id, ...o }) => o) } : d.body,
  });

/** A question sheet sent as CSV or .xlsx; title rows above the header (the first naming 题型 or 题干) are skipped. */
export async function readQuestionSheet(bytes: ArrayBuffer) {
  const isHeader = (cells: string[]) => cells.some((h) => ["题型", "题干"].includes(canonicalHeader(h.trim())));
  const table = await readTable(bytes, isHeader);
  return { ...parseSheet(table.text, table.headerRow), notes: [] };
}

/**
 * Writes the template parseSheet reads (plus 分类, 名称, 格式), keeping only questions it reads back exactly:
 * matching, option feedback, partial credit and the like would be lost, so those are counted, not written.
 */
export function toSheet(drafts: QuestionDraft[]): { table: Table; omitted: number } {
  const candidates = drafts.flatMap((d) => {
    const row = sheetRow(d);
    return row ? [{ d, row }] : [];
  });
  const csvOf = (rows: CsvCell[][]) => toCsv(SHEET_HEADERS, rows);
  const back = new Map(parseSheet(csvOf(candidates.map((c) => c.row))).questions.map((q) => [q.line, q]));
  const kept = candidates.filter((c, i) => {
    const q = back.get(i + 2);
    return (
      q !== undefined &&
      meaning({ ...q, categoryPath: q.categoryPath ?? [] }) ===
        meaning({ ...c.d, categoryPath: c.d.categoryPath ?? [] })
    );
  });
  return { table: { header: SHEET_HEADERS, rows: kept.map((c) => c.row) }, omitted: drafts.length - kept.length };
}
