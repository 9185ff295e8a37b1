import { beforeAll, describe, expect, it } from "vitest";
import { as, type Client, makeTree } from "../fixtures";
import { type Bank, makeQuiz, quizSetup, type Tree, takeOnce } from "./helpers";

let tree: Tree, school: Client, bank: Bank;

beforeAll(async () => {
  ({ tree, school, bank } = await quizSetup());
});

const none = { score: false, correctness: false, answer: false, feedback: false };
const scoreOnly = { ...none, score: true };

type Row = { id: string; quizId: string; quizTitle: string; state: string; score?: number; percent?: number };

describe("a member's quiz history", () => {
  it("lists each of the member's own attempts, newest first, with the result where the review shows the score", async () => {
    const shown = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 2 }], {
      title: "看得到分数",
      review: { during: none, immediately: scoreOnly, open: scoreOnly, closed: scoreOnly },
    });
    const hidden = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 2 }], {
      title: "截止前不给分",
      review: { during: none, immediately: none, open: none, closed: scoreOnly },
    });
    const memA = await as(tree.memA);
    const first = await takeOnce(memA, shown);
    const second = await takeOnce(memA, hidden);
    await takeOnce(await as(tree.memB), shown);

    const page = await memA.get("/api/my/quizzes/attempts?limit=10");
    expect(page.status).toBe(200);
    const rows = page.body.items as Row[];
    expect(rows.map((r) => r.id)).toEqual([second, first]);
    expect(rows[1]).toMatchObject({ quizId: shown, quizTitle: "看得到分数", state: "closed", score: 2, maxScore: 2 });
    expect(rows[1]).toMatchObject({ percent: 100, passed: true });
    // Not released yet: nothing of the result is there, under any name.
    expect(rows[0]).toMatchObject({ quizId: hidden, quizTitle: "截止前不给分", state: "closed" });
    for (const key of ["score", "maxScore", "percent", "passed", "pending"]) expect(rows[0]).not.toHaveProperty(key);
    // The same rule on the quiz's own page.
    const own = (await memA.get(`/api/my/quizzes/${hidden}`)).body.attempts;
    expect(own).toHaveLength(1);
    expect(own[0]).not.toHaveProperty("score");
    expect(own[0]).not.toHaveProperty("percent");
    const shownOwn = (await memA.get(`/api/my/quizzes/${shown}`)).body.attempts;
    expect(shownOwn[0]).toMatchObject({ id: first, score: 2, percent: 100 });
  });

  it("pages through the history and refuses a bad page", async () => {
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 1 }], { attemptsAllowed: 3 });
    const secB = await as(tree.secB);
    for (let i = 0; i < 3; i++) await takeOnce(secB, quizId);
    const one = await secB.get("/api/my/quizzes/attempts?limit=2");
    expect(one.body.items).toHaveLength(2);
    expect(one.body.nextOffset).toBe(2);
    const two = await secB.get("/api/my/quizzes/attempts?limit=2&offset=2");
    expect(two.body.items).toHaveLength(1);
    expect(two.body.nextOffset).toBeNull();
    expect((await secB.get("/api/my/quizzes/attempts?limit=abc")).status).toBe(400);
  });
});

describe("audiences a publisher may choose", () => {
  it("lists the orgs of the school's committee by name, for the school that may publish there, and nothing else", async () => {
    const other = await makeTree();
    const r = await school.get("/api/quizzes/audiences");
    expect(r.status).toBe(200);
    const items = r.body.items as { id: string; name: string; owners: string[] }[];
    expect(items.map((o) => o.id).sort()).toEqual([tree.committee.id, tree.branchA.id, tree.branchB.id].sort());
    expect(items.find((o) => o.id === tree.branchA.id)).toMatchObject({ name: "社区支部", owners: [tree.school.id] });
    for (const o of [other.committee, other.branchA, other.school]) expect(items.map((x) => x.id)).not.toContain(o.id);
    // A member publishes nowhere.
    expect((await (await as(tree.memA)).get("/api/quizzes/audiences")).body.items).toEqual([]);
  });
});

describe("the quiz editor's sources", () => {
  it("names the fixed questions and drawn categories of a quiz, for its managers only", async () => {
    const cat = bank.categories.find((c) => c.name === "论述") as { id: string };
    const quizId = await makeQuiz(school, tree, [
      { questionId: bank.q.tf, points: 1 },
      { categoryId: cat.id, count: 1, points: 5 },
    ]);
    const r = await school.get(`/api/quizzes/${quizId}`);
    expect(r.body.sourceNames).toEqual({
      questions: { [bank.q.tf as string]: "tf" },
      categories: { [cat.id]: "论述" },
    });
    expect((await (await as(tree.memA)).get(`/api/quizzes/${quizId}`)).status).toBe(404);
  });
});
