// OpenCC's character table, traditional → simplified ("乾 干 乾|亂 乱|…", the first candidate is the
// usual one). Only the character table: the phrase tables are 1 MB and searching needs no wording.
import tsCharacters from "opencc-js/dict/TSCharacters";

let table: Map<string, string> | undefined;

/** Single characters only, so folding keeps every character where it was (search snippets rely on it). */
function characterTable() {
  if (table) return table;
  table = new Map();
  for (const entry of tsCharacters.split("|")) {
    const [from, to] = entry.split(" ");
    if (from && to && [...from].length === 1 && [...to].length === 1) table.set(from, to);
  }
  return table;
}

/**
 * Text folded to one written form: traditional characters become simplified, character for character,
 * so 群眾路線 and 群众路线 fold alike. Same length in code points as the input.
 */
export function foldHanzi(text: string) {
  const map = characterTable();
  let out = "";
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}
