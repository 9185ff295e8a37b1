import { describe, expect, it } from "vitest";
import type { QuestionBody } from "../../schema/banks/types";
import { finalGrade, grade, normalizeAnswer, rightAnswer } from "../../worker/banks/grading";
import { renderMarkdown, renderText, sanitizeHtml } from "../../worker/banks/markdown";

const single: QuestionBody = {
  type: "single",
  options: [
    { id: "a", text: "对", fraction: 1, feedback: "好" },
    { id: "b", text: "半对", fraction: 0.5 },
    { id: "c", text: "错", fraction: 0, feedback: "再想想" },
  ],
};
const multiple: QuestionBody = {
  type: "multiple",
  options: [
    { id: "a", text: "A", fraction: 0.5 },
    { id: "b", text: "B", fraction: 0.5 },
    { id: "c", text: "C", fraction: -1 },
    { id: "d", text: "D", fraction: -0.25 },
  ],
};

describe("grading per type", () => {
  it("single choice: the chosen option's weight, its feedback; unknown or missing scores 0", () => {
    expect(grade(single, { choice: "a" })).toEqual({ fraction: 1, feedback: ["好"] });
    expect(grade(single, { choice: "b" }).fraction).toBe(0.5);
    expect(grade(single, { choice: "c" })).toEqual({ fraction: 0, feedback: ["再想想"] });
    expect(grade(single, { choice: "zzz" }).fraction).toBe(0);
    expect(grade(single, null).fraction).toBe(0);
    expect(grade(single, { text: "a" }).fraction).toBe(0);
  });
  it("multiple choice: weights add, negative weights subtract, total clamped to 0..1", () => {
    expect(grade(multiple, { choices: ["a", "b"] }).fraction).toBe(1);
    expect(grade(multiple, { choices: ["a"] }).fraction).toBe(0.5);
    expect(grade(multiple, { choices: ["a", "b", "d"] }).fraction).toBe(0.75);
    expect(grade(multiple, { choices: ["a", "c"] }).fraction).toBe(0);
    expect(grade(multiple, { choices: ["c", "d"] }).fraction).toBe(0);
    expect(grade(multiple, { choices: [] }).fraction).toBe(0);
    // Repeating an option does not count it twice.
    expect(grade(multiple, { choices: ["a", "a", "a"] }).fraction).toBe(0.5);
  });
  it("true/false with wrong/right feedback", () => {
    const tf: QuestionBody = { type: "truefalse", answer: false, feedbackWrong: "错了", feedbackRight: "对了" };
    expect(grade(tf, { value: false })).toEqual({ fraction: 1, feedback: ["对了"] });
    expect(grade(tf, { value: true })).toEqual({ fraction: 0, feedback: ["错了"] });
    expect(grade(tf, {} as never).fraction).toBe(0);
  });
  it("fill in the blank: several answers, NFKC, spaces and case folded, best weight wins", () => {
    const fill: QuestionBody = {
      type: "fill",
      answers: [
        { text: "abc", fraction: 1 },
        { text: "群众 路线", fraction: 1 },
        { text: "ab", fraction: 0.5, feedback: "不完整" },
      ],
    };
    expect(grade(fill, { text: "ＡＢＣ" }).fraction).toBe(1);
    expect(grade(fill, { text: " a B c " }).fraction).toBe(1);
    expect(grade(fill, { text: "群众路线" }).fraction).toBe(1);
    expect(grade(fill, { text: "ab" })).toEqual({ fraction: 0.5, feedback: ["不完整"] });
    expect(grade(fill, { text: "abd" }).fraction).toBe(0);
    expect(normalizeAnswer("Ｔｅｓｔ　１２３")).toBe("test123");
  });
  it("numerical: tolerance, range, partial credit", () => {
    const num: QuestionBody = {
      type: "numerical",
      answers: [
        { value: 3.14, tolerance: 0.01, fraction: 1 },
        { min: 3, max: 3.3, fraction: 0.5 },
      ],
    };
    expect(grade(num, { number: 3.15 }).fraction).toBe(1);
    expect(grade(num, { number: 3.13 }).fraction).toBe(1);
    expect(grade(num, { number: 3.2 }).fraction).toBe(0.5);
    expect(grade(num, { number: 3 }).fraction).toBe(0.5);
    expect(grade(num, { number: 4 }).fraction).toBe(0);
    expect(grade(num, { number: Number.NaN }).fraction).toBe(0);
    const exact: QuestionBody = { type: "numerical", answers: [{ value: 1921, fraction: 1 }] };
    expect(grade(exact, { number: 1921 }).fraction).toBe(1);
    expect(grade(exact, { number: 1921.5 }).fraction).toBe(0);
  });
  it("matching: share of right pairs; distractors without a left side do not count", () => {
    const m: QuestionBody = {
      type: "matching",
      pairs: [
        { left: "一", right: "1" },
        { left: "二", right: "2" },
        { left: "三", right: "3" },
        { left: "", right: "4" },
      ],
    };
    expect(grade(m, { pairs: { "0": "1", "1": "2", "2": "3" } }).fraction).toBe(1);
    expect(grade(m, { pairs: { "0": "1", "1": "3", "2": "2" } }).fraction).toBeCloseTo(1 / 3, 5);
    expect(grade(m, { pairs: {} }).fraction).toBe(0);
    expect(rightAnswer(m)).toEqual({ pairs: { "0": "1", "1": "2", "2": "3" } });
  });
  it("essay waits for a person", () => {
    expect(grade({ type: "essay" }, { text: "我的体会" }).fraction).toBeNull();
  });
  it("final grade per grading method", () => {
    expect(finalGrade("highest", [40, 90, 70])).toBe(90);
    expect(finalGrade("last", [40, 90, 70])).toBe(70);
    expect(finalGrade("first", [40, 90, 70])).toBe(40);
    expect(finalGrade("average", [40, 90, 70])).toBeCloseTo(66.6666667, 5);
    expect(finalGrade("highest", [])).toBeNull();
  });
});

describe("safe rendering", () => {
  const attacks = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "[x](javascript:alert(1))",
    '<p onclick="steal()">hi</p>',
    "<iframe src=//evil></iframe>",
    "<<script>script>alert(1)<</script>/script>",
  ];
  it("no script, event handler or javascript: URL survives any format", () => {
    for (const a of attacks) {
      for (const f of ["markdown", "html", "plain", "moodle"] as const) {
        const out = renderText(a, f);
        expect(out).not.toMatch(/<script|<img|<svg|<iframe|<[^>]*\son\w+\s*=|href="javascript/i);
      }
    }
  });
  it("renders the markdown subset", () => {
    expect(renderMarkdown("**坚持**群众路线 *走* `code`")).toBe(
      "<p><strong>坚持</strong>群众路线 <em>走</em> <code>code</code></p>",
    );
    expect(renderMarkdown("- 一\n- 二")).toBe("<ul><li>一</li><li>二</li></ul>");
    expect(renderMarkdown("[链接](https://example.org)")).toContain('href="https://example.org"');
    expect(sanitizeHtml('<p class="x" onclick="y">a &amp; b <b>c</b></p>')).toBe("<p>a &amp; b <b>c</b></p>");
  });
});
