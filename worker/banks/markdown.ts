import type { TextFormat } from "../../schema/banks/types";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESC[ch] ?? ch);

/** Inline markdown on already-escaped text: code, bold, italic, http(s) links. Nothing else becomes markup. */
function inline(escaped: string): string {
  const codes: string[] = [];
  let s = escaped.replace(/`([^`]+)`/g, (_, c: string) => {
    codes.push(`<code>${c}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  s = s
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/__(.+?)__/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)"]+)\)/g, '<a href="$2" rel="noopener noreferrer" target="_blank">$1</a>');
  return s.replace(/\uE000(\d+)\uE000/g, (_, i: string) => codes[Number(i)] ?? "");
}

/** A safe Markdown subset: every character of the source is escaped first, so no tag or handler survives. */
export function renderMarkdown(src: string): string {
  const blocks = src.replace(/\r\n?/g, "\n").split(/\n{2,}/);
  const out: string[] = [];
  for (const block of blocks) {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    const first = lines[0] as string;
    const heading = /^(#{1,6})\s+(.*)$/.exec(first);
    if (heading && lines.length === 1) {
      const level = Math.min(6, (heading[1] as string).length + 2);
      out.push(`<h${level}>${inline(escapeHtml(heading[2] as string))}</h${level}>`);
    } else if (lines.every((l) => /^\s*[-*+]\s+/.test(l))) {
      out.push(
        `<ul>${lines.map((l) => `<li>${inline(escapeHtml(l.replace(/^\s*[-*+]\s+/, "")))}</li>`).join("")}</ul>`,
      );
    } else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
      out.push(
        `<ol>${lines.map((l) => `<li>${inline(escapeHtml(l.replace(/^\s*\d+[.)]\s+/, "")))}</li>`).join("")}</ol>`,
      );
    } else {
      out.push(`<p>${lines.map((l) => inline(escapeHtml(l))).join("<br>")}</p>`);
    }
  }
  return out.join("");
}

const ALLOWED = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "s",
  "sub",
  "sup",
  "p",
  "br",
  "ul",
  "ol",
  "li",
  "code",
  "pre",
  "blockquote",
  "span",
  "div",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "thead",
  "tbody",
  "tr",
  "td",
  "th",
]);
const DROP_CONTENT =
  /<(script|style|iframe|object|embed|template|noscript|textarea|title|svg|math)\b[\s\S]*?(<\/\1\s*>|$)/gi;

/** HTML from an imported question: allow-listed tags only, every attribute removed, text re-escaped. */
export function sanitizeHtml(src: string): string {
  const s = src.replace(/<!--[\s\S]*?(-->|$)/g, "").replace(DROP_CONTENT, "");
  const out: string[] = [];
  const tag = /<\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;
  let last = 0;
  for (let m = tag.exec(s); m; m = tag.exec(s)) {
    out.push(escapeText(s.slice(last, m.index)));
    const name = (m[2] as string).toLowerCase();
    if (ALLOWED.has(name)) out.push(name === "br" ? "<br>" : `<${m[1]}${name}>`);
    last = m.index + m[0].length;
  }
  out.push(escapeText(s.slice(last)));
  return out.join("");
}

// Keeps existing entities, escapes everything else that could open markup.
const escapeText = (t: string) =>
  t.replace(/&(?!(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);)/g, "&amp;").replace(/[<>"']/g, (ch) => ESC[ch] ?? ch);

export function renderText(src: string, format: TextFormat): string {
  if (format === "markdown") return renderMarkdown(src);
  if (format === "html" || format === "moodle") return sanitizeHtml(src);
  return escapeHtml(src).replace(/\r?\n/g, "<br>");
}
