import { describe, expect, it } from "vitest";
import { parseGift, toGift } from "../../worker/banks/gift";
import { parseSheet } from "../../worker/banks/sheet";

const one = (src: string) => {
  const r = parseGift(src);
  expect(r.errors).toEqual([]);
  expect(r.questions).toHaveLength(1);
  return r.questions[0]!;
};

describe("GIFT import: every construct", () => {
  it("multiple choice with = and ~, name, per-answer feedback", () => {
    const q = one("::Q1:: Who's buried in Grant's tomb?{~Grant #No =no one #Right ~Napoleon}");
    expect(q.name).toBe("Q1");
    expect(q.type).toBe("single");
    expect(q.stem).toBe("Who's buried in Grant's tomb?");
    expect(q.body).toEqual({
      type: "single",
      options: [
        { id: "o1", text: "Grant", fraction: 0, feedback: "No" },
        { id: "o2", text: "no one", fraction: 1, feedback: "Right" },
        { id: "o3", text: "Napoleon", fraction: 0 },
      ],
    });
  });
  it("%n% weights, negative too, make a multiple-answer question", () => {
    const q = one(
      "What two people are entombed in Grant's tomb? {~%-100%No one ~%50%Grant ~%50%Grant's wife ~%-50%Grant's father}",
    );
    expect(q.type).toBe("multiple");
    expect(q.body.type === "multiple" && q.body.options.map((o) => o.fraction)).toEqual([-1, 0.5, 0.5, -0.5]);
  });
  it("short answer with several accepted answers and partial credit", () => {
    const q = one("Who's buried in Grant's tomb?{=Grant =Ulysses S. Grant =%50%Ulysses Grant#half}");
    expect(q.type).toBe("fill");
    expect(q.body).toEqual({
      type: "fill",
      answers: [
        { text: "Grant", fraction: 1 },
        { text: "Ulysses S. Grant", fraction: 1 },
        { text: "Ulysses Grant", fraction: 0.5, feedback: "half" },
      ],
    });
  });
  it("true/false: {T} {TRUE} {F} {FALSE}, with wrong#right feedback", () => {
    expect(one("Grant was buried in a tomb in New York City.{T}").body).toEqual({ type: "truefalse", answer: true });
    expect(one("x {TRUE}").body).toEqual({ type: "truefalse", answer: true });
    expect(one("x {F}").body).toEqual({ type: "truefalse", answer: false });
    expect(one("The sun rises in the West.{FALSE#No, east.#Yes, it rises in the east.}").body).toEqual({
      type: "truefalse",
      answer: false,
      feedbackWrong: "No, east.",
      feedbackRight: "Yes, it rises in the east.",
    });
  });
  it("matching with ->", () => {
    const q = one(
      "Match the following countries with their capitals. {=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo =India -> New Delhi}",
    );
    expect(q.type).toBe("matching");
    expect(q.body.type === "matching" && q.body.pairs[3]).toEqual({ left: "India", right: "New Delhi" });
  });
  it("numerical: tolerance, range, several answers with weights and feedback", () => {
    expect(one("When was Ulysses S. Grant born?{#1822:5}").body).toEqual({
      type: "numerical",
      answers: [{ value: 1822, tolerance: 5, fraction: 1 }],
    });
    expect(one("What is pi to 3 decimals?{#2.5..3.5}").body).toEqual({
      type: "numerical",
      answers: [{ min: 2.5, max: 3.5, fraction: 1 }],
    });
    expect(one("born? {#=1822:0 #exact =%50%1822:2 #close}").body).toEqual({
      type: "numerical",
      answers: [
        { value: 1822, tolerance: 0, fraction: 1, feedback: "exact" },
        { value: 1822, tolerance: 2, fraction: 0.5, feedback: "close" },
      ],
    });
    expect(one("negative {#-5:0.5}").body).toEqual({
      type: "numerical",
      answers: [{ value: -5, tolerance: 0.5, fraction: 1 }],
    });
  });
  it("essay {} and general feedback ####", () => {
    const q = one("Write about 群众路线.{####Look for the mass line.}");
    expect(q.type).toBe("essay");
    expect(q.generalFeedback).toBe("Look for the mass line.");
    expect(one("Essay {}").body).toEqual({ type: "essay" });
    expect(one("2+2? {=4 ~5 ####Simple arithmetic}").generalFeedback).toBe("Simple arithmetic");
  });
  it("formats [markdown] [html] [plain] [moodle]; default moodle", () => {
    expect(one("::n::[markdown]**粗体** {T}").format).toBe("markdown");
    expect(one("[html]<b>x</b> {T}").format).toBe("html");
    expect(one("[plain]x {T}").format).toBe("plain");
    expect(one("x {T}").format).toBe("moodle");
  });
  it("escapes \\~ \\= \\# \\{ \\} \\: and \\\\", () => {
    const q = one("::a\\:b:: Is 1 \\= 1 \\{really\\} \\# \\~ \\\\ ?{=yes \\= sure#fb \\# here ~no\\~way}");
    expect(q.name).toBe("a:b");
    expect(q.stem).toBe("Is 1 = 1 {really} # ~ \\ ?");
    expect(q.body.type === "single" && q.body.options).toEqual([
      { id: "o1", text: "yes = sure", fraction: 1, feedback: "fb # here" },
      { id: "o2", text: "no~way", fraction: 0 },
    ]);
  });
  it("missing word: text after the answer block", () => {
    const q = one("Moodle costs {~lots of money =nothing ~a small amount} to download.");
    expect(q.stem).toBe("Moodle costs");
    expect(q.body.tail).toBe("to download.");
  });
  it("// comments, $CATEGORY, blank-line separation, multi-line questions, line numbers", () => {
    const r = parseGift(`// a comment
$CATEGORY: $course$/基层党建/群众路线

::A::
第一题
跨两行 {T}
// comment between

::B:: 第二题 {F}
$CATEGORY: 其他
::C:: 第三题 {=是}
`);
    expect(r.errors).toEqual([]);
    expect(r.questions.map((q) => [q.name, q.categoryPath, q.line])).toEqual([
      ["A", ["基层党建", "群众路线"], 4],
      ["B", ["基层党建", "群众路线"], 9],
      ["C", ["其他"], 11],
    ]);
    expect(r.questions[0]!.stem).toBe("第一题\n跨两行");
  });
  it("reports what it cannot represent, with line numbers", () => {
    const r = parseGift(`::ok:: fine {T}

a description without answers

::cloze:: two {=a} blocks {=b}

::bad:: {#abc}

::unclosed:: text {=a

::nomatch:: {~a ~b}

::fmt::[rtf] x {T}

::pairs:: {=a -> b}
`);
    expect(r.errors.map((e) => e.line)).toEqual([3, 5, 7, 9, 11, 13, 15]);
    expect(r.questions).toHaveLength(1);
  });
});

describe("GIFT export", () => {
  it("re-imports to the same questions (round trip)", () => {
    const src = `$CATEGORY: 党建/群众路线

::单选:: [markdown]**群众路线**的核心是？{=一切为了群众 #对 ~%-50%脱离群众 #错 ~%25%部分正确 ####从群众中来，到群众中去}

::多选:: 下列哪些属于服务型党组织建设的内容\\: {~%50%服务群众 ~%50%服务党员 ~%-100%形式主义}

::判断:: 党的群众路线是党的生命线。{TRUE#想一想#没错}

::填空:: 从群众中来，到{=群众中去 =群众中去。}

::匹配:: 对应关系 {=一 -> 1 =二 -> 2 = -> 3}

::数值:: 中国共产党成立于哪一年？{#=1921:0 =%50%1920..1922#接近}

::论述:: 谈谈你对 \\{基层\\} 服务型党组织的理解。{####要点：服务}

::反斜杠:: a \\\\ b \\~ c \\= d \\# e {=x\\:y}

::缺词:: 我们要 {=坚持} 群众路线。`;
    const first = parseGift(src);
    expect(first.errors).toEqual([]);
    const strip = (qs: typeof first.questions) => qs.map(({ line: _l, ...q }) => q);
    const again = parseGift(toGift(strip(first.questions)));
    expect(again.errors).toEqual([]);
    expect(strip(again.questions)).toEqual(strip(first.questions));
    expect(first.questions.map((q) => q.type)).toEqual([
      "single",
      "multiple",
      "truefalse",
      "fill",
      "matching",
      "numerical",
      "essay",
      "fill",
      "fill",
    ]);
  });
});

describe("spreadsheet template (CSV)", () => {
  it("reads every type and reports per-row errors", () => {
    const csv = [
      "题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,选项G,选项H,答案,解析,分值,难度,标签",
      "单选,群众路线的核心?,一切为了群众,脱离群众,,,,,,,A,解析一,2,易,群众路线",
      "多选,服务型党组织?,服务群众,服务党员,形式主义,,,,,,AB,,3,4,服务;基层",
      "判断,党的群众路线是生命线。,,,,,,,,,对,,1,,",
      "填空,从群众中来，到___,,,,,,,,,群众中去|群众中去。,,1,,",
      "数值,成立年份,,,,,,,,,1921±0,,1,,",
      "简答,谈谈理解,,,,,,,,,,,10,难,",
      "单选,坏答案,甲,乙,,,,,,,C,,1,,",
      "怪题,x,,,,,,,,,,,1,,",
      "判断,y,,,,,,,,,也许,,abc,9,",
    ].join("\n");
    const r = parseSheet(csv);
    expect(r.questions.map((q) => q.type)).toEqual(["single", "multiple", "truefalse", "fill", "numerical", "essay"]);
    expect(r.questions[0]!.defaultPoints).toBe(2);
    expect(r.questions[0]!.difficulty).toBe(2);
    expect(r.questions[1]!.tags).toEqual(["服务", "基层"]);
    expect(r.questions[1]!.body.type === "multiple" && r.questions[1]!.body.options.map((o) => o.fraction)).toEqual([
      0.5, 0.5, -1,
    ]);
    expect(r.questions[3]!.body).toEqual({
      type: "fill",
      answers: [
        { text: "群众中去", fraction: 1 },
        { text: "群众中去。", fraction: 1 },
      ],
    });
    expect(r.questions[4]!.body).toEqual({ type: "numerical", answers: [{ value: 1921, tolerance: 0, fraction: 1 }] });
    expect(r.errors).toEqual([
      { row: 8, column: "答案", message: expect.any(String) },
      { row: 9, column: "题型", message: expect.any(String) },
      { row: 10, column: "分值", message: expect.any(String) },
      { row: 10, column: "难度", message: expect.any(String) },
      { row: 10, column: "答案", message: expect.any(String) },
    ]);
  });
});
