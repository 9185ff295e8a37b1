import type { GiftNote } from "./gift";
import type { SheetErrorCode } from "./sheet";

type Locale = "zh-CN" | "zh-TW" | "en";

const TEXT: Record<Locale, Record<GiftNote["code"], string>> = {
  "zh-CN": {
    description: "说明文字（没有答案块）不是题目，已跳过",
    cloze: "含多个答案块（完形填空），本平台不支持，已跳过",
    numerical_wrong_feedback: "数值题“其他答案”的反馈（~#…）无处保存，已忽略，题目已导入",
    fill_wildcard: "通配符 * 不作通配：单独的 * 答案及其反馈已忽略，其余 * 按普通字符比较",
    answer_format: "答案或反馈前的格式标记（如 [html]）与题目格式不同，已按题目格式导入",
    id_ignored: "题目编号 [id:…] 无处保存，已忽略，题目已导入",
  },
  "zh-TW": {
    description: "說明文字（沒有答案區塊）不是題目，已略過",
    cloze: "含多個答案區塊（克漏字），本平台不支援，已略過",
    numerical_wrong_feedback: "數值題「其他答案」的回饋（~#…）無處保存，已忽略，題目已匯入",
    fill_wildcard: "萬用字元 * 不作萬用：單獨的 * 答案及其回饋已忽略，其餘 * 按一般字元比較",
    answer_format: "答案或回饋前的格式標記（如 [html]）與題目格式不同，已按題目格式匯入",
    id_ignored: "題目編號 [id:…] 無處保存，已忽略，題目已匯入",
  },
  en: {
    description: "A description (no answer block) is not a question: skipped",
    cloze: "Several answer blocks (cloze) are not supported: skipped",
    numerical_wrong_feedback: "Feedback for any other number (~#…) has no place here: dropped, question imported",
    fill_wildcard: "* is not a wildcard here: a lone * answer and its feedback were dropped, other * match literally",
    answer_format: "An answer's or feedback's own format (such as [html]) was replaced by the question's",
    id_ignored: "The question id [id:…] has no place here: dropped, question imported",
  },
};

/** Notes in the importer's language, each naming its question by line and title. */
export function localizedNotes(notes: GiftNote[], locale: Locale) {
  return notes.map((n) => ({
    ...n,
    message:
      locale === "en"
        ? `Line ${n.line} "${n.name}": ${TEXT.en[n.code]}`
        : `第 ${n.line} 行「${n.name}」：${TEXT[locale][n.code]}`,
  }));
}

/** Problems that stop an import: GIFT's, the template's and the store's. */
type ProblemCode =
  | SheetErrorCode
  | "not_number"
  | "no_right_answer"
  | "matching_pairs"
  | "matching_right"
  | "matching_mixed"
  | "empty_answer"
  | "too_few_answers"
  | "weight_range"
  | "block_unclosed"
  | "no_text"
  | "empty_category"
  | "invalid_question"
  | "no_questions";

const PROBLEM: Record<Locale, Record<ProblemCode, string>> = {
  "zh-CN": {
    unknown_type: "不认识的题型（{value}），请写单选、多选、判断、填空、数值或简答",
    empty_stem: "题干为空",
    bad_points: "分值须是大于 0 且不超过 1000 的数（{value}）",
    bad_difficulty: "难度须是 1–5 或 易、中、难（{value}）",
    choice_options: "选择题至少需要两个选项，且选项之间不能空缺",
    choice_answer: "答案须是已给出选项的字母（{value}）",
    single_one_answer: "单选题只能有一个答案（{value}）",
    truefalse_answer: "判断题答案请写“对”或“错”（{value}）",
    fill_answer: "请至少写一个答案，多个答案用 | 分隔",
    numerical_answer: "数值题答案请写数值、3.14±0.01 或 1..5（{value}）",
    not_number: "不是数值、误差或区间",
    no_right_answer: "没有标出完全正确的答案",
    matching_pairs: "匹配题至少需要两对",
    matching_right: "匹配项缺少右侧内容",
    matching_mixed: "匹配项与其他答案混在一起",
    empty_answer: "有空答案",
    too_few_answers: "选择题至少需要两个答案",
    weight_range: "权重超出 -100%～100%",
    block_unclosed: "答案块缺少 }",
    no_text: "题目没有文字",
    empty_category: "$CATEGORY 为空",
    invalid_question: "题目设置不完整",
    no_questions: "文件中没有题目",
  },
  "zh-TW": {
    unknown_type: "無法辨識的題型（{value}），請寫單選、多選、判斷、填空、數值或簡答",
    empty_stem: "題幹為空",
    bad_points: "分值須是大於 0 且不超過 1000 的數（{value}）",
    bad_difficulty: "難度須是 1–5 或 易、中、難（{value}）",
    choice_options: "選擇題至少需要兩個選項，且選項之間不能空缺",
    choice_answer: "答案須是已給出選項的字母（{value}）",
    single_one_answer: "單選題只能有一個答案（{value}）",
    truefalse_answer: "判斷題答案請寫「對」或「錯」（{value}）",
    fill_answer: "請至少寫一個答案，多個答案用 | 分隔",
    numerical_answer: "數值題答案請寫數值、3.14±0.01 或 1..5（{value}）",
    not_number: "不是數值、誤差或區間",
    no_right_answer: "沒有標出完全正確的答案",
    matching_pairs: "配對題至少需要兩對",
    matching_right: "配對項缺少右側內容",
    matching_mixed: "配對項與其他答案混在一起",
    empty_answer: "有空答案",
    too_few_answers: "選擇題至少需要兩個答案",
    weight_range: "權重超出 -100%～100%",
    block_unclosed: "答案區塊缺少 }",
    no_text: "題目沒有文字",
    empty_category: "$CATEGORY 為空",
    invalid_question: "題目設定不完整",
    no_questions: "檔案中沒有題目",
  },
  en: {
    unknown_type: "unknown question type ({value}): write 单选, 多选, 判断, 填空, 数值 or 简答",
    empty_stem: "the stem is empty",
    bad_points: "points must be a number above 0 and at most 1000 ({value})",
    bad_difficulty: "difficulty must be 1–5 or 易, 中, 难 ({value})",
    choice_options: "a choice needs at least two options, without gaps",
    choice_answer: "the answer must name given options by letter ({value})",
    single_one_answer: "a single choice has exactly one answer ({value})",
    truefalse_answer: "write 对 or 错 as the answer ({value})",
    fill_answer: "give at least one accepted answer, several separated by |",
    numerical_answer: "write a number, 3.14±0.01 or 1..5 ({value})",
    not_number: "not a number, tolerance or range",
    no_right_answer: "no answer is marked fully right",
    matching_pairs: "matching needs at least two pairs",
    matching_right: "a pair has no right-hand side",
    matching_mixed: "matching pairs mixed with other answers",
    empty_answer: "an answer is empty",
    too_few_answers: "a choice needs at least two answers",
    weight_range: "weight outside -100%…100%",
    block_unclosed: "the answer block is not closed with }",
    no_text: "the question has no text",
    empty_category: "empty $CATEGORY",
    invalid_question: "the question's settings are incomplete",
    no_questions: "no questions in the file",
  },
};

interface Problem {
  code: string;
  line?: number;
  row?: number;
  column?: string;
  value?: string;
}

const where = (p: Problem, locale: Locale) => {
  const zhColumn = locale === "zh-TW" ? "欄" : "列";
  if (p.row !== undefined && p.column !== undefined)
    return locale === "en" ? `Row ${p.row}, column "${p.column}": ` : `第 ${p.row} 行「${p.column}」${zhColumn}：`;
  if (p.line) return locale === "en" ? `Line ${p.line}: ` : `第 ${p.line} 行：`;
  return "";
};

/**
 * Problems in the importer's language alone, each saying where as the file has it (the GIFT line, the
 * spreadsheet row and the column as headed) and quoting the cell where that helps; the code stays for
 * programs. An English detail from the parser is never shown.
 */
export function localizedProblems(problems: Problem[], locale: Locale) {
  return problems.map(({ value, ...p }) => {
    const text = (PROBLEM[locale][p.code as ProblemCode] ?? PROBLEM[locale].invalid_question).replace(
      "{value}",
      value || "—",
    );
    const at = where(p, locale);
    return { ...p, message: at || locale !== "en" ? at + text : text.charAt(0).toUpperCase() + text.slice(1) };
  });
}
