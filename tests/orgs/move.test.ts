import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { evalCycles, orgs } from "../../schema";
import { postPlan, publishedCourse } from "../courses/helpers";
import { makeSchedule } from "../evaluations/helpers";
import { as, type Client, db, makeOrg, makeUser } from "../fixtures";
import { makeBank, makeQuiz, type Tree } from "../quizzes/helpers";
import { stalePathCopies } from "./helpers";

// A branch moves from committee A to committee B (and a school from A to B). Every record that keeps a
// copy of an org's path must follow: after the move A's people find nothing of the branch (the same 404
// as for an id that does not exist), B's people find all of it, and its members keep what was theirs.

const Y2025 = { from: "2025-01-01", to: "2025-12-31" };
let root: Awaited<ReturnType<typeof makeOrg>>;
let A: typeof root;
let B: typeof root;
let X: typeof root;
let schoolA: typeof root;
let rootAdmin: Client;
let adminA: Client;
let secA: Client;
let adminB: Client;
let memX: Client;
const ids = {} as Record<
  "plan" | "cycle" | "openCycle" | "quizX" | "courseA" | "bankA" | "quizA" | "extraCourse",
  string
>;
let scorePeriod: { start: number; end: number };

beforeAll(async () => {
  root = await makeOrg(null, "省委", "committee");
  const school = await makeOrg(root, "省委党校", "school", "school");
  A = await makeOrg(root, "甲区委", "committee", "regional");
  B = await makeOrg(root, "乙区委", "committee", "regional");
  X = await makeOrg(A, "幸福社区党支部", "branch", "community");
  schoolA = await makeOrg(A, "甲区委党校", "school", "school");
  const users = {
    root: await makeUser("root", [[root, "admin"]]),
    adminA: await makeUser("adminA", [[A, "admin"]]),
    secA: await makeUser("secA", [[A, "secretary"]]),
    adminB: await makeUser("adminB", [[B, "admin"]]),
    publisher: await makeUser("pub", [[school, "school"]]),
    publisherA: await makeUser("pubA", [[schoolA, "school"]]),
    secX: await makeUser("secX", [
      [X, "secretary"],
      [X, "member"],
    ]),
    memX: await makeUser("memX", [[X, "member"]]),
  };
  rootAdmin = await as(users.root);
  adminA = await as(users.adminA);
  secA = await as(users.secA);
  adminB = await as(users.adminB);
  memX = await as(users.memX);
  const publisher = await as(users.publisher);
  const publisherA = await as(users.publisherA);

  // What X holds: a study plan with a course, a cycle of A's schedule, a bastion score, practice and a quiz.
  const course = await publishedCourse(publisher, school.id);
  ids.extraCourse = (await publishedCourse(publisher, school.id)).id;
  const plan = await postPlan(rootAdmin, X.id, "年度学习计划", [{ courseId: course.id, required: true }]);
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  ids.plan = plan.body.id;
  const scheduleId = await makeSchedule(adminA, A.id);
  const opened = await adminA.post(`/api/eval-schedules/${scheduleId}/open`, { branchId: X.id });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  ids.openCycle = (await db().select().from(evalCycles).where(eq(evalCycles.branchId, X.id)))[0]!.id;
  const scored = await rootAdmin.post(`/api/orgs/${X.id}/bastion/score`, Y2025);
  expect(scored.status, JSON.stringify(scored.body)).toBe(200);
  scorePeriod = { start: scored.body.periodStart, end: scored.body.periodEnd };
  const tree = { school, committee: X } as unknown as Tree;
  const bank = await makeBank(publisher, tree, { practiceOrgId: X.id });
  ids.quizX = await makeQuiz(publisher, tree, [{ questionId: bank.q.tf, points: 1 }], { audienceOrgId: X.id });

  // What school A holds: a course, a bank, a quiz for its own people.
  ids.courseA = (await publishedCourse(publisherA, schoolA.id)).id;
  const treeA = { school: schoolA, committee: schoolA } as unknown as Tree;
  const bankA = await makeBank(publisherA, treeA, { practiceOrgId: null });
  ids.bankA = bankA.bankId;
  ids.quizA = await makeQuiz(publisherA, treeA, [{ questionId: bankA.q.tf, points: 1 }]);
});

const pathOf = async (id: string) => (await db().select().from(orgs).where(eq(orgs.id, id)))[0]?.path;
const scoredBands = (body: { bands: Record<string, number> }) =>
  Object.entries(body.bands).reduce((n, [band, count]) => (band === "unscored" ? n : n + count), 0);

describe("moving an org", () => {
  it("refuses to take a branch away from the committee whose evaluation cycle is open there, changing nothing", async () => {
    const before = await stalePathCopies();
    const r = await rootAdmin.post(`/api/orgs/${X.id}/move`, { parentId: B.id });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("cycle_in_progress");
    expect(await pathOf(X.id)).toBe(`${A.path}${X.id}/`);
    expect(await stalePathCopies()).toEqual(before);
  });

  it("refuses a new parent that is archived or cannot hold the org", async () => {
    const archived = await makeOrg(root, "已撤销区委", "committee");
    await db().update(orgs).set({ archivedAt: Date.now() }).where(eq(orgs.id, archived.id));
    const gone = await rootAdmin.post(`/api/orgs/${schoolA.id}/move`, { parentId: archived.id });
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe("org_archived");
    const underBranch = await rootAdmin.post(`/api/orgs/${schoolA.id}/move`, { parentId: X.id });
    expect(underBranch.status).toBe(409);
    expect(underBranch.body.error.code).toBe("wrong_parent_kind");
    expect(await pathOf(schoolA.id)).toBe(`${A.path}${schoolA.id}/`);
  });

  it("moves the branch: A's committee finds nothing of it, B's finds all of it, its members keep theirs", async () => {
    await db()
      .update(evalCycles)
      .set({ status: "closed", closedAt: Date.now() })
      .where(eq(evalCycles.id, ids.openCycle));
    ids.cycle = ids.openCycle;
    expect((await rootAdmin.post(`/api/orgs/${X.id}/move`, { parentId: B.id })).status).toBe(200);
    expect(await pathOf(X.id)).toBe(`${B.path}${X.id}/`);

    const period = `start=${scorePeriod.start}&end=${scorePeriod.end}`;
    for (const former of [adminA, secA]) {
      // The branch's records by id answer exactly as an id that never existed.
      for (const [path, missing] of [
        [`/api/eval-cycles/${ids.cycle}`, "/api/eval-cycles/no-such-cycle"],
        [`/api/eval-cycles/${ids.cycle}/tally`, "/api/eval-cycles/no-such-cycle/tally"],
        [`/api/eval-cycles/${ids.cycle}/result`, "/api/eval-cycles/no-such-cycle/result"],
      ] as const) {
        const [got, none] = [await former.get(path), await former.get(missing)];
        expect([path, got.status, got.body]).toEqual([path, none.status, none.body]);
      }
      const cycles = await former.get(`/api/orgs/${A.id}/eval-cycles`);
      expect(cycles.status).toBe(200);
      expect(JSON.stringify(cycles.body)).not.toContain(ids.cycle);
      const bastion = await former.get(`/api/orgs/${A.id}/bastion?${period}`);
      expect(bastion.status).toBe(200);
      expect(scoredBands(bastion.body)).toBe(0);
      expect(JSON.stringify(bastion.body)).not.toContain(X.id);
    }
    expect(JSON.stringify((await adminA.get(`/api/orgs/${A.id}/plans`)).body)).not.toContain(ids.plan);
    // Writes through the copied paths: assigning into X's plan, managing the quiz set for X.
    const item = { courseId: ids.extraCourse, required: false };
    expect((await adminA.post(`/api/plans/${ids.plan}/items`, item)).status).toBe(404);
    expect((await adminA.get(`/api/quizzes/${ids.quizX}`)).status).toBe(404);
    expect((await adminA.patch(`/api/quizzes/${ids.quizX}`, { title: "改" })).status).toBe(404);

    // B's committee now holds the branch.
    expect((await adminB.get(`/api/eval-cycles/${ids.cycle}`)).status).toBe(200);
    expect(JSON.stringify((await adminB.get(`/api/orgs/${B.id}/eval-cycles`)).body)).toContain(ids.cycle);
    const bastionB = await adminB.get(`/api/orgs/${B.id}/bastion?${period}`);
    expect(scoredBands(bastionB.body)).toBe(1);
    expect(JSON.stringify((await adminB.get(`/api/orgs/${B.id}/plans`)).body)).toContain(ids.plan);
    expect((await adminB.post(`/api/plans/${ids.plan}/items`, item)).status).toBe(201);
    expect((await adminB.get(`/api/quizzes/${ids.quizX}`)).status).toBe(200);

    // The members keep their assignment, their quiz and their daily practice.
    const study = await memX.get("/api/study/mine");
    expect(JSON.stringify(study.body)).toContain(ids.extraCourse);
    expect(JSON.stringify((await memX.get("/api/my/quizzes")).body)).toContain(ids.quizX);
    expect((await memX.get("/api/practice")).status).toBe(200);
    expect(await stalePathCopies()).toEqual([]);
  });

  it("moves a school: its courses, banks and quizzes go to B's committee with it", async () => {
    expect((await rootAdmin.post(`/api/orgs/${schoolA.id}/move`, { parentId: B.id })).status).toBe(200);
    const edit = { title: "改过的标题" };
    expect((await adminA.patch(`/api/courses/${ids.courseA}`, edit)).status).toBe(403);
    const [bank, none] = [await adminA.get(`/api/banks/${ids.bankA}`), await adminA.get("/api/banks/no-such-bank")];
    expect([bank.status, bank.body]).toEqual([none.status, none.body]);
    expect(JSON.stringify((await adminA.get("/api/banks")).body)).not.toContain(ids.bankA);
    expect((await adminA.get(`/api/quizzes/${ids.quizA}`)).status).toBe(404);
    expect(JSON.stringify((await adminA.get("/api/quizzes")).body)).not.toContain(ids.quizA);

    expect((await adminB.patch(`/api/courses/${ids.courseA}`, edit)).status).toBe(200);
    expect((await adminB.get(`/api/banks/${ids.bankA}`)).status).toBe(200);
    expect((await adminB.get(`/api/quizzes/${ids.quizA}`)).status).toBe(200);
    expect(await stalePathCopies()).toEqual([]);
  });
});
