import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, questions, quizAttempts } from "../../schema";
import { as, type Client, db, makeTree } from "../fixtures";
import { GIFT, makeBank, makeQuiz, rightResponse, type Tree } from "../quizzes/helpers";

let tree: Tree;
let school: Client;
beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
});

const gift = (c: Client, bankId: string, text: string) =>
  c.request("POST", `/api/banks/${bankId}/import?format=gift`, text, { "Content-Type": "text/plain" });

describe("banks over HTTP", () => {
  it("imports GIFT with categories, refuses a bad file whole with line numbers, exports what re-imports", async () => {
    const bank = await makeBank(school, tree);
    expect(Object.keys(bank.q).sort()).toEqual(["essay", "fill", "match", "multiple", "num", "single", "tf"]);
    expect(bank.categories.map((c) => c.name)).toEqual(expect.arrayContaining(["默认", "党建", "群众路线", "论述"]));
    const before = (await db().select().from(questions).where(eq(questions.bankId, bank.bankId))).length;
    const bad = await gift(school, bank.bankId, "::ok:: fine {T}\n\n::bad:: 数值 {#abc}\n");
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ line: 3, code: "not_number", message: expect.any(String) }]);
    expect((await db().select().from(questions).where(eq(questions.bankId, bank.bankId))).length).toBe(before);
    const exported = await school.get(`/api/banks/${bank.bankId}/export?format=gift`);
    expect(exported.status).toBe(200);
    const copy = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "副本" });
    expect((await gift(school, copy.body.id, exported.body)).status).toBe(200);
    const again = await school.get(`/api/banks/${copy.body.id}/export?format=gift`);
    expect(again.body).toBe(exported.body);
  });

  it("imports Moodle GIFT it cannot fully keep: the rest imports, each loss reported in the user's language", async () => {
    const file = `// Moodle export
::intro:: 以下题目考查群众路线。

::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}

::cloze:: two {=a} blocks {=b}

::Shortanswer::Which is the best animal?{
    =Frog#Good!
    =%0%*#Completely wrong
}
`;
    const bank = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "Moodle" });
    const r = await gift(school, bank.body.id, file);
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(2);
    expect(r.body.notes.map((n: { line: number; name: string; code: string }) => [n.line, n.name, n.code])).toEqual([
      [2, "intro", "description"],
      [4, "Q5", "numerical_wrong_feedback"],
      [6, "cloze", "cloze"],
      [8, "Shortanswer", "fill_wildcard"],
    ]);
    expect(r.body.notes[1].message).toMatch(/^第 4 行「Q5」：数值题/);
    const names = (await school.get(`/api/banks/${bank.body.id}/questions?limit=100`)).body.items.map(
      (q: { name: string }) => q.name,
    );
    expect(names.sort()).toEqual(["Q5", "Shortanswer"]);
    // Another language, same report.
    const reader = await as(tree.publisher);
    expect((await reader.patch("/api/me", { locale: "en" })).status).toBe(200);
    const other = await reader.post("/api/banks", { ownerOrgId: tree.school.id, name: "Moodle en" });
    const en = await gift(reader, other.body.id, file);
    expect(en.body.notes[0].message).toBe('Line 2 "intro": A description (no answer block) is not a question: skipped');
    expect((await reader.patch("/api/me", { locale: "zh-TW" })).status).toBe(200);
    const tw = await gift(
      reader,
      (await reader.post("/api/banks", { ownerOrgId: tree.school.id, name: "tw" })).body.id,
      file,
    );
    expect(tw.body.notes[2].message).toMatch(/^第 6 行「cloze」：.*克漏字/);
    expect((await reader.patch("/api/me", { locale: "zh-CN" })).status).toBe(200);
  });

  it("imports the CSV template and reports rows", async () => {
    const bank = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "表格" });
    const csv =
      "题型,题干,选项A,选项B,答案,解析,分值,难度,标签\n单选,题一,甲,乙,A,因为,2,中,t1\n判断,题二,,,错,,1,,\n单选,坏,甲,乙,Z,,1,,\n";
    const r = await school.request("POST", `/api/banks/${bank.body.id}/import?format=csv`, csv, {
      "Content-Type": "text/csv",
    });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([{ row: 4, column: "答案", code: "choice_answer", message: expect.any(String) }]);
    const ok = await school.request(
      "POST",
      `/api/banks/${bank.body.id}/import?format=csv`,
      csv.split("\n").slice(0, 3).join("\n"),
      { "Content-Type": "text/csv" },
    );
    expect(ok.body.imported).toBe(2);
  });

  it("reports import problems in the reader's language only, by the row, column and line as written", async () => {
    const csvImport = (c: Client, bankId: string, text: string) =>
      c.request("POST", `/api/banks/${bankId}/import?format=csv`, text, { "Content-Type": "text/csv" });
    const bank = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "語言" });
    // Traditional headers, and a blank line: row numbers are the spreadsheet's, columns as headed.
    const csv = "題型,題幹,選項A,選項B,答案,分值\n單選,題一,甲,乙,A,1\n\n單選,題二,甲,乙,Z,1\n问答,,,,,x\n";
    const r = await csvImport(school, bank.body.id, csv);
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [4, "答案", "choice_answer"],
      [5, "題幹", "empty_stem"],
      [5, "分值", "bad_points"],
    ]);
    const messages = r.body.errors.map((e: { message: string }) => e.message);
    expect(messages[0]).toBe("第 4 行「答案」列：答案须是已给出选项的字母（Z）");
    expect(messages[1]).toBe("第 5 行「題幹」列：题干为空");
    for (const m of messages) expect(m).not.toMatch(/[A-Za-y]{2,}/);
    const giftBad = await gift(school, bank.body.id, "::坏:: 没有结束 {=对 ~错\n");
    expect(giftBad.body.errors).toEqual([{ line: 1, code: "block_unclosed", message: "第 1 行：答案块缺少 }" }]);
    const empty = await gift(school, bank.body.id, "// 只有注释\n");
    expect(empty.body.errors).toEqual([{ code: "no_questions", message: "文件中没有题目" }]);

    const reader = await as(tree.publisher);
    expect((await reader.patch("/api/me", { locale: "en" })).status).toBe(200);
    const en = await csvImport(reader, bank.body.id, csv);
    expect(en.body.errors[0].message).toBe('Row 4, column "答案": the answer must name given options by letter (Z)');
    const enGift = await gift(reader, bank.body.id, "::坏:: 没有结束 {=对 ~错\n");
    expect(enGift.body.errors[0].message).toBe("Line 1: the answer block is not closed with }");
    expect((await reader.patch("/api/me", { locale: "zh-TW" })).status).toBe(200);
    const tw = await csvImport(reader, bank.body.id, csv);
    expect(tw.body.errors[1].message).toBe("第 5 行「題幹」欄：題幹為空");
    expect((await reader.patch("/api/me", { locale: "zh-CN" })).status).toBe(200);
  });

  it("exports CSV (not GIFT) that re-imports to the same questions, formula cells guarded", async () => {
    const csvImport = (bankId: string, text: string) =>
      school.request("POST", `/api/banks/${bankId}/import?format=csv`, text, { "Content-Type": "text/csv" });
    const csvExport = async (bankId: string) => {
      const r = await school.get(`/api/banks/${bankId}/export?format=csv`);
      expect(r.status).toBe(200);
      expect(r.headers.get("Content-Type")).toMatch(/^text\/csv/);
      return r;
    };
    const source = [
      "题型,题干,选项A,选项B,选项C,答案,解析,分值,难度,标签,分类,名称",
      '单选,"=HYPERLINK(""x"")?",+甲,-乙,@丙,B,"解析, 带逗号",2,易,"群众路线,基层",党建/群众,一',
      '多选,"多行\n题干",服务群众,服务党员,形式主义,AB,,3,4,服务,,',
      "判断,党的群众路线是生命线。,,,,错,,1,,,,",
      "填空,从群众中来，到___,,,,群众中去|群众中去。,,1,,,,",
      "数值,负数?,,,,-5±0.5,,1,,,,",
      "数值,区间?,,,,1..5,,1,,,,",
      "简答,谈谈理解,,,,,要点,10,难,,党建,",
    ].join("\n");
    const first = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "CSV 源" });
    expect((await csvImport(first.body.id, source)).body).toMatchObject({ imported: 7 });
    const exported = await csvExport(first.body.id);
    const text = exported.body as string;
    // Cells that would run as formulas carry the guard; the file is not GIFT.
    expect(text).toContain(`"'=HYPERLINK(""x"")?"`);
    expect(text).toContain("'+甲,'-乙,'@丙");
    expect(text).toContain("'-5±0.5");
    expect(text).not.toContain("::");
    const copy = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "CSV 副本" });
    expect((await csvImport(copy.body.id, text)).body).toMatchObject({ imported: 7 });
    expect((await csvExport(copy.body.id)).body).toBe(text);
    const view = async (bankId: string) =>
      (await school.get(`/api/banks/${bankId}/questions?limit=100`)).body.items
        .map((q: { name: string; type: string; difficulty: number; tags: string[] }) => [
          q.name,
          q.type,
          q.difficulty,
          q.tags,
        ])
        .sort((a: string[], b: string[]) => String(a[0]).localeCompare(String(b[0])));
    expect(await view(copy.body.id)).toEqual(await view(first.body.id));
    const questionsOf = async (bankId: string) => {
      const list = (await school.get(`/api/banks/${bankId}/questions?limit=100`)).body.items;
      const full = await Promise.all(list.map((q: { id: string }) => school.get(`/api/questions/${q.id}`)));
      return full
        .map((r) => {
          const { stem, body, generalFeedback, defaultPoints } = r.body.current;
          return { stem, body, generalFeedback, defaultPoints };
        })
        .sort((a, b) => a.stem.localeCompare(b.stem));
    };
    const original = await questionsOf(first.body.id);
    expect(await questionsOf(copy.body.id)).toEqual(original);
    expect(original.find((q) => q.stem.startsWith("="))).toMatchObject({
      stem: '=HYPERLINK("x")?',
      generalFeedback: "解析, 带逗号",
      defaultPoints: 2,
    });
    const giftBank = await makeBank(school, tree);
    const fromGift = await csvExport(giftBank.bankId);
    // Matching, and questions with option feedback, have no exact place in the template: counted, not written.
    expect(fromGift.headers.get("X-Questions-Omitted")).toBe("4");
    const third = await school.post("/api/banks", { ownerOrgId: tree.school.id, name: "GIFT→CSV" });
    expect((await csvImport(third.body.id, fromGift.body)).body).toMatchObject({ imported: 3 });
    expect((await csvExport(third.body.id)).body).toBe(fromGift.body);
  });

  it("editing makes a new version; attempts keep theirs; regrade to the new key or full marks updates scores and archives", async () => {
    const bank = await makeBank(school, tree);
    const member = await as(tree.memA);
    const quizId = await makeQuiz(
      school,
      tree,
      [
        { questionId: bank.q.single, points: 1 },
        { questionId: bank.q.tf, points: 1 },
      ],
      { passPercent: 100 },
    );
    const a = (await member.post(`/api/quizzes/${quizId}/attempts`)).body;
    const single = a.questions.find((q: { type: string }) => q.type === "single");
    const wrong = single.options.find((o: { html: string }) => o.html.includes("脱离群众")).id;
    await member.request("PUT", `/api/attempts/${a.id}/slots/${single.slot}`, { response: { choice: wrong }, seq: 1 });
    const tf = a.questions.find((q: { type: string }) => q.type === "truefalse");
    await member.request("PUT", `/api/attempts/${a.id}/slots/${tf.slot}`, { response: rightResponse(tf), seq: 1 });
    await member.post(`/api/attempts/${a.id}/submit`);
    expect((await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id)))[0]).toMatchObject({
      score: 1,
      passed: false,
    });

    // Edit: now "脱离群众" is the key (a silly edit, but it shows the regrade).
    const full = (await school.get(`/api/questions/${bank.q.single}`)).body;
    const body = {
      ...full.current.body,
      options: full.current.body.options.map((o: { text: string }) => ({
        ...o,
        fraction: o.text === "脱离群众" ? 1 : 0,
      })),
    };
    const edit = await school.patch(`/api/questions/${bank.q.single}`, {
      categoryId: full.categoryId,
      name: full.name,
      stem: full.current.stem,
      format: full.current.format,
      body,
      expectedVersion: 1,
    });
    expect(edit.body.version).toBe(2);
    const stale = await school.patch(`/api/questions/${bank.q.single}`, {
      categoryId: full.categoryId,
      name: full.name,
      stem: "x",
      body,
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    // The closed attempt still shows version 1 until a regrade.
    expect((await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id)))[0]?.score).toBe(1);
    const member2 = await as(tree.memA);
    expect((await member2.post(`/api/questions/${bank.q.single}/regrade`, { mode: "newKey" })).status).toBe(404);
    const rg = await school.post(`/api/questions/${bank.q.single}/regrade`, { mode: "newKey" });
    expect(rg.body.regraded).toBe(1);
    expect((await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id)))[0]).toMatchObject({
      score: 2,
      percent: 100,
      passed: true,
    });
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, quizId));
    expect(events.map((e) => e.kind).sort()).toEqual(["quiz.passed", "quiz.regraded"]);
    // Full marks for the true/false question: no change in score (already right), pass stays, one passed event.
    await school.post(`/api/questions/${bank.q.tf}/regrade`, { mode: "fullMarks" });
    const after = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, quizId));
    expect(after.filter((e) => e.kind === "quiz.passed")).toHaveLength(1);
  });

  it("statistics: histogram, facility, discrimination, option counts, in one batch", async () => {
    const bank = await makeBank(school, tree);
    const quizId = await makeQuiz(
      school,
      tree,
      [
        { questionId: bank.q.single, points: 1 },
        { questionId: bank.q.multiple, points: 1 },
      ],
      { attemptsAllowed: 0 },
    );
    const member = await as(tree.memA);
    for (let i = 0; i < 4; i++) {
      const a = (await member.post(`/api/quizzes/${quizId}/attempts`)).body;
      for (const q of a.questions) {
        const resp =
          i < 2
            ? rightResponse(q)
            : q.type === "single"
              ? { choice: q.options.find((o: { html: string }) => o.html.includes("脱离")).id }
              : { choices: [] };
        await member.request("PUT", `/api/attempts/${a.id}/slots/${q.slot}`, { response: resp, seq: 1 });
      }
      await member.post(`/api/attempts/${a.id}/submit`);
    }
    const s = await school.get(`/api/quizzes/${quizId}/stats`);
    expect(s.status).toBe(200);
    expect(s.body.attempts).toBe(4);
    expect(s.body.histogram[0].count).toBe(2);
    expect(s.body.histogram[9].count).toBe(2);
    const single = s.body.questions.find((q: { type: string }) => q.type === "single");
    expect(single.facility).toBe(50);
    expect(single.discrimination).toBeGreaterThan(90);
    expect(single.options.map((o: { count: number }) => o.count)).toEqual([2, 2, 0]);
  });
});

describe("daily practice", () => {
  it("gives a private daily set, immediate feedback once per question, a streak", async () => {
    await makeBank(school, tree);
    const member = await as(tree.memB);
    const p = await member.get("/api/practice");
    expect(p.status).toBe(200);
    expect(p.body.questions.length).toBeGreaterThan(0);
    expect(JSON.stringify(p.body)).not.toMatch(/FBSECRET|GFSECRET|"fraction"/);
    const q = p.body.questions[0];
    const r = await member.post("/api/practice/answer", { index: 0, response: rightResponse(q) });
    expect(r.body.questions[0].correctness).toBeDefined();
    expect(r.body.questions[0].rightAnswer).toBeDefined();
    expect(r.body.streak).toBe(1);
    const again = await member.get("/api/practice");
    expect(again.body.questions.map((x: { stemHtml: string }) => x.stemHtml)).toEqual(
      p.body.questions.map((x: { stemHtml: string }) => x.stemHtml),
    );
  });
});

void GIFT;

describe("categories", () => {
  it("count the live questions of each category, and only those", async () => {
    const bank = await makeBank(school, tree);
    const count = (cats: { name: string; questions: number }[], name: string) =>
      cats.find((c) => c.name === name)?.questions;
    // GIFT: six questions in 党建/群众路线, one essay in 党建/论述, none directly in 党建.
    expect(count(bank.categories as never, "群众路线")).toBe(6);
    expect(count(bank.categories as never, "论述")).toBe(1);
    expect(count(bank.categories as never, "党建")).toBe(0);
  });
});
