import type { GiftNote } from "./gift";

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
