import { beforeAll, describe, expect, it } from "vitest";
import { postPlan, publishedCourse } from "../courses/helpers";
import { as, type Client, makeTree } from "../fixtures";
import { makeBank, makeQuiz, type Tree } from "./helpers";

// Daily practice draws from the banks of the checkpoint quizzes of the courses assigned to the member
// (besides the banks published for practice over their orgs, see banks.test.ts).
let tree: Tree;
let school: Client;
let admin: Client;

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  admin = await as(tree.admin);
});

describe("daily practice from checkpoint banks", () => {
  it("is empty until a course with a checkpoint is assigned, then draws from its banks, for that branch only", async () => {
    // Two banks not published for practice: one behind a drawn slot, one behind a fixed question.
    const drawn = await makeBank(school, tree, { practiceOrgId: null, name: "抽题题库" });
    const fixed = await makeBank(school, tree, { practiceOrgId: null, name: "固定题库" });
    const category = drawn.categories.find((c) => c.name === "群众路线") ?? drawn.categories[0]!;
    const quizId = await makeQuiz(school, tree, [
      { categoryId: category.id, count: 1, points: 1 },
      { questionId: fixed.q.tf, points: 1 },
    ]);
    const { id: courseId } = await publishedCourse(school, tree.school.id, undefined, { checkpointQuizId: quizId });
    const memA = await as(tree.memA);
    const memB = await as(tree.memB);
    const before = await memA.get("/api/practice");
    expect(before.status).toBe(404);
    expect(before.body.error.code).toBe("no_practice");

    const plan = await postPlan(admin, tree.branchA.id, "2026 年度学习计划", [
      { courseId, required: true, dueAt: Date.now() + 86_400_000 },
    ]);
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const p = await memA.get("/api/practice");
    expect(p.status).toBe(200);
    // The two banks hold twelve objective questions (essays never come to practice): a full set of five.
    expect(p.body.questions).toHaveLength(5);
    expect(JSON.stringify(p.body)).not.toMatch(/FBSECRET|GFSECRET|"fraction"/);
    // Branch B has no such assignment.
    expect((await memB.get("/api/practice")).status).toBe(404);
  });
});
