import MarkdownIt from "markdown-it";

// html: false escapes every raw tag, so no <script> or on* attribute survives; markdown-it's
// validateLink already refuses javascript:, vbscript:, file: and most data: links.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

export const renderMarkdown = (source: string) => md.render(source);
