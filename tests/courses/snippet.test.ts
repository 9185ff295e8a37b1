import { beforeAll, describe, expect, it } from "vitest";
import { plainSnippet, type SnippetPart } from "../../web/pages/courses/snippet";
import { as, type Client, makeTree } from "../fixtures";
import { publishedCourse, textLesson } from "./helpers";

// The catalogue's passage is cut from the lesson's Markdown: the page shows its words, never its marks.

let tree: Awaited<ReturnType<typeof makeTree>>;
let school: Client;
let member: Client;
beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  member = await as(tree.memA);
});

const MARKDOWN = /\*\*|__|`|#|\[|\]|^\s*[-*+]\s|>/m;
const passage = async (q: string, courseId: string) => {
  const r = await member.get(`/api/catalogue?q=${encodeURIComponent(q)}`);
  expect(r.status).toBe(200);
  const hit = (r.body.items as { id: string; snippet: SnippetPart[] | null }[]).find((c) => c.id === courseId);
  return hit!.snippet!;
};
const text = (parts: SnippetPart[]) => parts.map((p) => p.text).join("");
const words = (parts: SnippetPart[]) => (text(parts).match(/[\u4e00-\u9fff《》，。]+/g) ?? []).join("");
const hits = (parts: SnippetPart[]) => parts.filter((p) => p.hit).map((p) => p.text);

describe("catalogue passages read as plain text", () => {
  it("drops headings, bold, links, lists and quotes from a lesson's Markdown, the hit still marked", async () => {
    const body = [
      "## 第一节 学习要求",
      "",
      "要**坚持走好群众路线**，详见[《党章》原文](https://www.12371.cn/dangzhang)。",
      "",
      "- 密切联系群众",
      "> 群众是真正的英雄",
    ].join("\n");
    const c = await publishedCourse(school, tree.school.id, [textLesson({ body })], {
      title: "基层工作方法",
      summary: "",
      tags: [],
    });
    // Both search paths: FTS (3+ characters) and the short LIKE scan.
    for (const q of ["群众路线", "群众"]) {
      const raw = await passage(q, c.id);
      expect(text(raw), "the API answers the passage as written").toMatch(MARKDOWN);
      const shown = plainSnippet(raw);
      expect(text(shown), q).not.toMatch(MARKDOWN);
      expect(hits(shown)).toEqual(hits(raw));
      // Only marks went: the words are those of the passage, in order.
      expect(words(shown)).toBe(words(raw));
    }
  });

  it("keeps text that only looks like a mark, and markup stays text", () => {
    const parts = [
      { text: "<b>2*3*4</b> 与 a_b_c 之", hit: false },
      { text: "廉洁", hit: true },
    ];
    expect(plainSnippet(parts)).toEqual(parts);
    // A hit inside a link keeps its mark; the link's address goes.
    expect(
      plainSnippet([
        { text: "见[", hit: false },
        { text: "党章", hit: true },
        { text: "](https://x.cn)。", hit: false },
      ]),
    ).toEqual([
      { text: "见", hit: false },
      { text: "党章", hit: true },
      { text: "。", hit: false },
    ]);
  });
});
