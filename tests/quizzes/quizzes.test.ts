import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { attemptSlots, questions, quizzes } from "../../schema";
import { type Client, db } from "../fixtures";
import { type Bank, makeQuiz, quizSetup, type Tree } from "./helpers";

let tree: Tree, school: Client, member: Client, bank: Bank;
const cat = (name: string) => bank.categories.find((c) => c.name === name)?.id as string;

beforeAll(async () => {
  ({ tree, school, member, bank } = await quizSetup());
});

describe("random draws and shuffling", () => {
  it("draws N from a category, with subcategories, by difficulty and tags, without repeats", async () => {
    // 党建 has no questions of its own; its subcategories 群众路线 (6) and 论述 (1) do.
    const parent = cat("党建");
    const none = await makeQuiz(school, tree, [{ categoryId: parent, count: 2, points: 1 }]);
    const refused = await member.post(`/api/quizzes/${none}/attempts`);
    expect(refused.status).toBe(409);
    const withSub = await makeQuiz(school, tree, [
      { questionId: bank.q.single, points: 1 },
      { categoryId: parent, count: 6, includeSubcategories: true, points: 2 },
    ]);
    const a = (await member.post(`/api/quizzes/${withSub}/attempts`)).body;
    expect(a.questions).toHaveLength(7);
    const rows = await db().select().from(attemptSlots).where(eq(attemptSlots.attemptId, a.id));
    expect(new Set(rows.map((r) => r.questionId)).size).toBe(7);
    expect(rows.filter((r) => r.points === 2)).toHaveLength(6);
    // Difficulty and tags narrow the pool.
    await db()
      .update(questions)
      .set({ difficulty: 5, tags: ["难题"] })
      .where(eq(questions.id, bank.q.num as string));
    const hard = await makeQuiz(school, tree, [
      { categoryId: cat("群众路线"), count: 1, difficulty: 5, tags: ["难题"], points: 1 },
    ]);
    const h = (await member.post(`/api/quizzes/${hard}/attempts`)).body;
    expect(h.questions[0].type).toBe("numerical");
  });

  it("fixes the option order per attempt on the server", async () => {
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.single, points: 1 }], {
      shuffleOptions: true,
      attemptsAllowed: 0,
    });
    const orders = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const a = (await member.post(`/api/quizzes/${quizId}/attempts`)).body;
      const again = (await member.get(`/api/attempts/${a.id}`)).body;
      expect(again.questions[0].options).toEqual(a.questions[0].options);
      orders.add(a.questions[0].options.map((o: { id: string }) => o.id).join());
      await member.post(`/api/attempts/${a.id}/submit`);
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe("editing a quiz", () => {
  it("a change of one field leaves every other as it was (none falls back to its default)", async () => {
    const openAt = Date.now() - 60_000;
    const closeAt = Date.now() + 86_400_000;
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.single, points: 1 }], {
      openAt,
      closeAt,
      timeLimitSec: 600,
      gradingMethod: "last",
      passPercent: 80,
      shuffleOptions: false,
      description: "说明",
    });
    const row = async () => (await db().select().from(quizzes).where(eq(quizzes.id, quizId)))[0]!;
    const before = await row();
    const r = await school.patch(`/api/quizzes/${quizId}`, { title: "改了题目" });
    expect(r.status).toBe(200);
    const { title, updatedAt: _, ...after } = await row();
    const { title: old, updatedAt: __, ...unchanged } = before;
    expect([old, title]).toEqual(["测验", "改了题目"]);
    expect(after).toEqual(unchanged);
    expect(after).toMatchObject({ published: true, openAt, closeAt, attemptsAllowed: 3, passPercent: 80 });
  });
});

describe("windows, versions, review during the attempt", () => {
  it("refuses before opening and after closing", async () => {
    const early = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 1 }], {
      openAt: Date.now() + 3_600_000,
    });
    expect((await member.post(`/api/quizzes/${early}/attempts`)).body.error.code).toBe("not_open");
    const late = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 1 }], {
      openAt: Date.now() - 7_200_000,
      closeAt: Date.now() - 3_600_000,
    });
    expect((await member.post(`/api/quizzes/${late}/attempts`)).body.error.code).toBe("closed");
    const bad = await school.post("/api/quizzes", {
      ownerOrgId: tree.school.id,
      audienceOrgId: tree.committee.id,
      title: "x",
      slots: [{ questionId: bank.q.tf, points: 1 }],
      openAt: 10,
      closeAt: 5,
    });
    expect(bad.status).toBe(422);
    // The deadline never runs past the close time.
    const closing = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 1 }], {
      timeLimitSec: 3600,
      closeAt: Date.now() + 60_000,
    });
    const a = (await member.post(`/api/quizzes/${closing}/attempts`)).body;
    expect(a.deadline).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("an open attempt keeps the version it showed after an edit", async () => {
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.fill, points: 1 }]);
    const a = (await member.post(`/api/quizzes/${quizId}/attempts`)).body;
    const full = (await school.get(`/api/questions/${bank.q.fill}`)).body;
    await school.patch(`/api/questions/${bank.q.fill}`, {
      categoryId: full.categoryId,
      name: full.name,
      stem: "改过的题干",
      format: "markdown",
      body: full.current.body,
    });
    const again = (await member.get(`/api/attempts/${a.id}`)).body;
    expect(again.questions[0].stemHtml).toBe(a.questions[0].stemHtml);
    expect(again.questions[0].stemHtml).not.toContain("改过的题干");
    const next = await makeQuiz(school, tree, [{ questionId: bank.q.fill, points: 1 }]);
    const b = (await member.post(`/api/quizzes/${next}/attempts`)).body;
    expect(b.questions[0].stemHtml).toContain("改过的题干");
  });

  it("shows correctness and feedback during the attempt only when the matrix allows", async () => {
    const all = { score: true, correctness: true, answer: false, feedback: true };
    const none = { score: false, correctness: false, answer: false, feedback: false };
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 1 }], {
      review: { during: all, immediately: none, open: none, closed: none },
    });
    const a = (await member.post(`/api/quizzes/${quizId}/attempts`)).body;
    await member.request("PUT", `/api/attempts/${a.id}/slots/0`, { response: { value: false }, seq: 1 });
    const during = (await member.get(`/api/attempts/${a.id}`)).body;
    expect(during.questions[0]).toMatchObject({
      correctness: "wrong",
      feedbackHtml: [expect.stringContaining("TFWRONG")],
    });
    expect(during.questions[0].rightAnswer).toBeUndefined();
    const after = (await member.post(`/api/attempts/${a.id}/submit`)).body;
    expect(JSON.stringify(after)).not.toMatch(/TFWRONG|correctness|"score"/);
  });
});
