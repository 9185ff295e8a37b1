// A catalogue hit's passage is cut from a lesson's Markdown source: shown as written it reads "**党章**",
// "## 第一节" and "[原文](https://…)". This leaves the words and drops the marks, the hit still marked.

export interface SnippetPart {
  text: string;
  hit: boolean;
}

// The hit's bounds while the passage is one string (private-use characters, never in a lesson), so a mark
// around or across the hit goes as a whole.
const OPEN = "\uE000";
const CLOSE = "\uE001";

/** Markdown's marks in a passage that may start or end mid-line, mid-link ("…文](https://…"). */
const MARKS: [RegExp, string][] = [
  [/!?\[([^\]]*)\]\([^)\s\uE000\uE001]*\)?/g, "$1"], // [text](url), ![alt](src)
  [/\]\([^)\s\uE000\uE001]*\)?/g, ""], // the rest of a link whose start was cut off
  [/!?\[(?=[^\]]*$)/g, ""], // a link's start whose rest was cut off
  [/(^|\n|…)[ \t]*#{1,6}[ \t]+/g, "$1"], // headings
  [/(^|\n|…)[ \t]*>[ \t]?/g, "$1"], // quotes
  [/(^|\n|…)[ \t]*(?:[-*+]|\d+\.)[ \t]+/g, "$1"], // list items
  [/\*\*|__|~~|`+/g, ""], // bold, strike-through, code
  [/(^|[^\w*])\*(?=\S)([^*\n]+?)\*(?!\w)/g, "$1$2"], // *emphasis*
  [/\s*\n\s*/g, " "], // one line
];

/** The passage as plain words: Markdown's marks removed, the hit kept where it was. */
export function plainSnippet(parts: readonly SnippetPart[]): SnippetPart[] {
  let text = parts.map((p) => (p.hit ? `${OPEN}${p.text}${CLOSE}` : p.text)).join("");
  for (const [mark, keep] of MARKS) text = text.replace(mark, keep);
  const out: SnippetPart[] = [];
  let hit = false;
  for (const piece of text.split(/([\uE000\uE001])/)) {
    if (piece === OPEN || piece === CLOSE) hit = piece === OPEN;
    else if (piece) out.push({ text: piece, hit });
  }
  return out;
}
