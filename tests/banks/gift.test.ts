import { describe, expect, it } from "vitest";
import { parseGift, toGift } from "../../worker/banks/gift";
import { parseSheet } from "../../worker/banks/sheet";

const one = (src: string) => {
  const r = parseGift(src);
  expect(r.errors).toEqual([]);
  expect(r.notes).toEqual([]);
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
    // Moodle refuses these too; a description and a cloze it accepts are reported, not fatal.
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [7, "not_number"],
      [9, "block_unclosed"],
      [11, "no_right_answer"],
      [15, "matching_pairs"],
    ]);
    expect(r.notes.map((n) => [n.line, n.code])).toEqual([
      [3, "description"],
      [5, "cloze"],
    ]);
    expect(r.questions.map((q) => q.name)).toEqual(["ok", "fmt"]);
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

::缺词:: 我们要 {=坚持} 群众路线。

// [tag:群众路线] [tag:a\\]b]
::标签:: 带标签 \\frac {T}`;
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
      "truefalse",
    ]);
    expect(first.questions.at(-1)).toMatchObject({ tags: ["群众路线", "a]b"], stem: "带标签 \\frac" });
  });
});

describe("spreadsheet template (CSV)", () => {
  it("reads the Traditional Chinese headers the help text shows", () => {
    const r = parseSheet("題型,題干,選項A,選項B,答案,難度,標籤,分類,名稱\n單選題,題一,甲,乙,B,難,t,黨建/群眾,第一題\n");
    expect(r.errors).toEqual([]);
    expect(r.questions[0]).toMatchObject({
      stem: "題一",
      difficulty: 4,
      tags: ["t"],
      categoryPath: ["黨建", "群眾"],
      name: "第一題",
    });
  });

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
      { row: 8, column: "答案", code: "choice_answer", value: expect.any(String) },
      { row: 9, column: "题型", code: "unknown_type", value: expect.any(String) },
      { row: 10, column: "分值", code: "bad_points", value: expect.any(String) },
      { row: 10, column: "难度", code: "bad_difficulty", value: expect.any(String) },
      { row: 10, column: "答案", code: "truefalse_answer", value: "也许" },
    ]);
  });
});

/** Moodle's own GIFT importer tests (question/format/gift/tests/giftformat_test.php), ported. */
describe("GIFT import accepts what Moodle accepts", () => {
  const parsed = (src: string) => {
    const r = parseGift(src);
    expect(r.errors).toEqual([]);
    return r;
  };
  it("essay {} after a comment and a title", () => {
    const q = one("\n// essay\n::Q8:: How are you? {}");
    expect([q.name, q.stem, q.type, q.format]).toEqual(["Q8", "How are you?", "essay", "moodle"]);
  });
  it("matching with per-item formats and an empty left side (a distractor)", () => {
    const r = parsed(`
// question: 2  name: Moodle activities
::Moodle activities::[html]Match the <b>activity</b> to the description.{
    =[html]An activity supporting asynchronous discussions. -> Forum
    =[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice
    =[plain]A bank of record entries which participants can add to. -> Database
    =[markdown]A collection of web pages that anyone can add to or edit. -> Wiki
    = -> Chat
}`);
    const q = r.questions[0]!;
    expect([q.name, q.stem, q.format]).toEqual([
      "Moodle activities",
      "Match the <b>activity</b> to the description.",
      "html",
    ]);
    expect(q.body).toEqual({
      type: "matching",
      pairs: [
        { left: "An activity supporting asynchronous discussions.", right: "Forum" },
        { left: "A teacher asks a question and specifies a choice of multiple responses.", right: "Choice" },
        { left: "A bank of record entries which participants can add to.", right: "Database" },
        { left: "A collection of web pages that anyone can add to or edit.", right: "Wiki" },
        { left: "", right: "Chat" },
      ],
    });
    // Per-item formats other than the question's cannot be kept: said once for the question.
    expect(r.notes).toEqual([{ line: 3, name: "Moodle activities", code: "answer_format" }]);
  });
  it("multiple choice over several lines with feedback, formats on answers and feedback", () => {
    const r = parsed(`
// multiple choice with specified feedback for right and wrong answers
::Q2:: What's between orange and green in the spectrum?
{
    =yellow # right; good!
    ~red # [html]wrong, it's yellow
    ~[plain]blue # wrong, it's yellow
}`);
    expect(r.questions[0]!.body).toEqual({
      type: "single",
      options: [
        { id: "o1", text: "yellow", fraction: 1, feedback: "right; good!" },
        { id: "o2", text: "red", fraction: 0, feedback: "wrong, it's yellow" },
        { id: "o3", text: "blue", fraction: 0, feedback: "wrong, it's yellow" },
      ],
    });
    expect(r.notes.map((n) => [n.name, n.code])).toEqual([["Q2", "answer_format"]]);
  });
  it("multiple response with %50% and %-100% weights", () => {
    const q = one(`::colours:: What's between orange and green in the spectrum?
{
    ~%50%yellow # right; good!
    ~%-100%red # wrong
    ~%50%off-beige # right; good!
    ~%-100%blue # wrong
}`);
    expect(q.type).toBe("multiple");
    expect(q.body.type === "multiple" && q.body.options.map((o) => [o.text, o.fraction])).toEqual([
      ["yellow", 0.5],
      ["red", -1],
      ["off-beige", 0.5],
      ["blue", -1],
    ]);
    const tricky = one(
      "::colours:: x {\n    ~%100%yellow # right; good!\n    ~%-50%red # wrong\n    ~%-50%blue # wrong\n}",
    );
    expect(tricky.body.type === "multiple" && tricky.body.options.map((o) => o.fraction)).toEqual([1, -0.5, -0.5]);
  });
  it("numerical with a wrong-answer feedback branch {#3:2~#Completely wrong}", () => {
    const r = parsed("\n// math range question\n::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}");
    expect(r.questions[0]!.body).toEqual({ type: "numerical", answers: [{ value: 3, tolerance: 2, fraction: 1 }] });
    expect(r.notes).toEqual([{ line: 3, name: "Q5", code: "numerical_wrong_feedback" }]);
    const spaced = parsed("::Q5b:: x {#3:2 ~#feedback}");
    expect(spaced.questions).toHaveLength(1);
    expect(spaced.notes.map((n) => n.code)).toEqual(["numerical_wrong_feedback"]);
  });
  it("several numerical answers with partial credit =%50% and ranges", () => {
    const q = one("::Q6:: When was Grant born? {#\n\t=1822:0 #Right\n\t=%50%1822:2 #Close\n\t=%25%1815..1830\n}");
    expect(q.body).toEqual({
      type: "numerical",
      answers: [
        { value: 1822, tolerance: 0, fraction: 1, feedback: "Right" },
        { value: 1822, tolerance: 2, fraction: 0.5, feedback: "Close" },
        { min: 1815, max: 1830, fraction: 0.25 },
      ],
    });
    expect(one("x {#.5:+1e-1}").body).toEqual({
      type: "numerical",
      answers: [{ value: 0.5, tolerance: 0.1, fraction: 1 }],
    });
  });
  it("short answer: weights, feedback, general feedback with a format; the * catch-all is reported", () => {
    const r = parsed(`
// question: 666  name: Shortanswer
::Shortanswer::Which is the best animal?{
    =Frog#Good!
    =%50%Cat#What is it with Moodlers and cats?
    =%0%*#Completely wrong
    ####[html]Here is some general feedback!
}`);
    const q = r.questions[0]!;
    expect(q.body).toEqual({
      type: "fill",
      answers: [
        { text: "Frog", fraction: 1, feedback: "Good!" },
        { text: "Cat", fraction: 0.5, feedback: "What is it with Moodlers and cats?" },
      ],
    });
    expect(q.generalFeedback).toBe("Here is some general feedback!");
    expect(r.notes.map((n) => n.code).sort()).toEqual(["answer_format", "fill_wildcard"]);
    expect(one("::bare:: Capital of France? {Paris}").body).toEqual({
      type: "fill",
      answers: [{ text: "Paris", fraction: 1 }],
    });
  });
  it("true/false with wrong#right feedback, {T} and {TRUE}", () => {
    const q = one(
      "\n// true/false\n::Q1:: 42 is the Absolute Answer to everything.{\nFALSE#42 is the Ultimate Answer.#You gave the right answer.}",
    );
    expect(q.body).toEqual({
      type: "truefalse",
      answer: false,
      feedbackWrong: "42 is the Ultimate Answer.",
      feedbackRight: "You gave the right answer.",
    });
    expect(one("// name 0-11\n::2-08 TSL::TSL is blablabla.{T}")).toMatchObject({
      name: "2-08 TSL",
      body: { answer: true },
    });
    expect(one("::2-08 TSL::TSL is blablabla.{TRUE}").body).toEqual({ type: "truefalse", answer: true });
    expect(one("x {T#right#wrong}").body).toEqual({
      type: "truefalse",
      answer: true,
      feedbackWrong: "right",
      feedbackRight: "wrong",
    });
  });
  it("backslashes: \\\\ is one backslash, other backslashes stay as written", () => {
    expect(one("::double backslash:: A \\\\ B \\\\\\\\ C{}").stem).toBe("A \\ B \\\\ C");
    expect(one("公式 \\frac\\{1\\}\\{2\\}? {}").stem).toBe("公式 \\frac{1}{2}?");
  });
  it("escaped braces inside [html] pre content", () => {
    const q = one(`
::Q001::[html]<p>What would running the test method print?</p>
<pre>
    public void test() \\{
        method1();
    \\}
</pre>
{}`);
    expect(q.format).toBe("html");
    expect(q.stem).toBe(
      "<p>What would running the test method print?</p>\n<pre>\n    public void test() {\n        method1();\n    }\n</pre>",
    );
  });
  it("[tag:…] in comments become tags; [id:…] has no field and is reported", () => {
    const r = parsed(
      "// This question is to test importing tags: [tag:tag] [tag:other-tag].\n// And an idnumber: [id:myid].\n::Question name:: How are you? {}",
    );
    expect(r.questions[0]!.tags).toEqual(["tag", "other-tag"]);
    expect(r.notes).toEqual([{ line: 3, name: "Question name", code: "id_ignored" }]);
    expect(
      parsed("// [tag:  basic] Here is\n// a que[tag:add   ]stion [tag:t\\]ag].\nx {}").questions[0]!.tags,
    ).toEqual(["basic", "add", "t]ag"]);
  });
  it("descriptions (no braces) and cloze are reported per question and skipped; the rest imports", () => {
    const r = parsed(`::intro:: 以下题目考查群众路线。

::ok:: fine {T}

::cloze:: two {=a} blocks {=b}

[rtf] unknown format stays text {T}

::unclosed name {T}

missing word with {=a ~b} more text`);
    expect(r.questions.map((q) => [q.name, q.stem, q.format])).toEqual([
      ["ok", "fine", "moodle"],
      ["[rtf] unknown format stays text", "[rtf] unknown format stays text", "moodle"],
      ["unclosed name", "unclosed name", "moodle"],
      ["missing word with", "missing word with", "moodle"],
    ]);
    expect(r.questions[3]!.body.tail).toBe("more text");
    expect(r.notes).toEqual([
      { line: 1, name: "intro", code: "description" },
      { line: 5, name: "cloze", code: "cloze" },
    ]);
  });
  it("$CATEGORY with Moodle's $course$/top prefix", () => {
    const r = parsed("$CATEGORY: $course$/top/Default for 党建/群众路线\n\nx {T}");
    expect(r.questions[0]!.categoryPath).toEqual(["Default for 党建", "群众路线"]);
  });
});
