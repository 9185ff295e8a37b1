import { beforeAll, describe, expect, it } from "vitest";
import { as, type Client } from "../fixtures";
import { type Bank, makeQuiz, quizSetup, type Tree, takeOnce } from "./helpers";

let tree: Tree, school: Client, bank: Bank;

beforeAll(async () => {
  ({ tree, school, bank } = await quizSetup());
});

type Mine = { id: string; attempts: number; attemptsAllowed: number; lastResultId: string | null };
const mine = async (c: Client, quizId: string) =>
  ((await c.get("/api/my/quizzes")).body.items as Mine[]).find((q) => q.id === quizId) as Mine;

describe("my quizzes", () => {
  it("counts only this member's attempts at each quiz, allows the per-member extra ones and links the last result", async () => {
    const quizId = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 1 }], { attemptsAllowed: 2 });
    const untouched = await makeQuiz(school, tree, [{ questionId: bank.q.tf, points: 1 }]);
    const memA = await as(tree.memA);
    const memB = await as(tree.memB);
    expect(await mine(memA, quizId)).toMatchObject({ attempts: 0, attemptsAllowed: 2, lastResultId: null });

    const submit = (c: Client) => takeOnce(c, quizId);
    const first = await submit(memA);
    expect(await mine(memA, quizId)).toMatchObject({ attempts: 1, lastResultId: first });
    // An open attempt counts as used; the result link stays on the last closed one.
    const open = (await memA.post(`/api/quizzes/${quizId}/attempts`)).body.id;
    expect(await mine(memA, quizId)).toMatchObject({ attempts: 2, lastResultId: first });
    await memA.post(`/api/attempts/${open}/submit`);
    expect(await mine(memA, quizId)).toMatchObject({ attempts: 2, lastResultId: open });
    // Someone else's attempts and other quizzes stay out of it.
    expect(await mine(memB, quizId)).toMatchObject({ attempts: 0, lastResultId: null });
    expect(await mine(memA, untouched)).toMatchObject({ attempts: 0, lastResultId: null });
    await school.post(`/api/quizzes/${quizId}/overrides`, { userId: tree.memA.id, extraAttempts: 3 });
    expect(await mine(memA, quizId)).toMatchObject({ attempts: 2, attemptsAllowed: 5 });
    expect(await mine(memB, quizId)).toMatchObject({ attemptsAllowed: 2 });
    // The link opens the member's own result.
    expect((await memA.get(`/api/attempts/${open}`)).status).toBe(200);
  });
});
