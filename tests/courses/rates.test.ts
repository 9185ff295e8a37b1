import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { planItems } from "../../schema";
import { as, type Client, db, makeTree } from "../fixtures";
import { insertCompletion, publishedCourse } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
const DAY = 86_400_000;

interface Rate {
  courseId: string;
  assigned: number;
  completed: number;
  overdue: number;
  rate: number | null;
}

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  const school = await as(tree.publisher);
  const [late, optional, forSecretaries] = [
    await publishedCourse(school, tree.school.id, undefined, { title: "甲 必修已逾期" }),
    await publishedCourse(school, tree.school.id, undefined, { title: "乙 选修" }),
    await publishedCourse(school, tree.school.id, undefined, { title: "丙 书记必修" }),
  ];
  const plan = await admin.post("/api/plans", {
    orgId: tree.committee.id,
    title: "年度计划",
    period: "year",
    year: 2026,
    items: [
      { courseId: late.id, required: true, dueAt: Date.now() + DAY },
      { courseId: forSecretaries.id, required: true, audience: "secretary" },
    ],
  });
  expect(plan.status).toBe(201);
  const branchPlan = await admin.post("/api/plans", {
    orgId: tree.branchA.id,
    title: "支部计划",
    period: "year",
    year: 2026,
    items: [
      { courseId: optional.id, required: false },
      { courseId: late.id, required: false },
    ],
  });
  expect(branchPlan.status).toBe(201);
  // The required item's date has passed.
  await db()
    .update(planItems)
    .set({ dueAt: Date.now() - DAY })
    .where(eq(planItems.courseId, late.id));
  const at = Date.now() - 1000;
  await insertCompletion({
    userId: tree.memA.id,
    courseId: late.id,
    orgId: tree.branchA.id,
    status: "credited",
    hours: 1,
    completedAt: at,
  });
  await insertCompletion({
    userId: tree.secB.id,
    courseId: forSecretaries.id,
    orgId: tree.branchB.id,
    status: "flagged",
    hours: 1,
    completedAt: at,
  });
});

const ratesOf = async (c: Client, orgId: string, query = "") =>
  c.get(`/api/orgs/${orgId}/study-report/courses${query}`);

describe("the course rates of a subtree", () => {
  it("count what the member table counts: summed over courses they equal its sums over members", async () => {
    for (const org of [tree.committee, tree.branchA, tree.branchB]) {
      const rates = (await ratesOf(admin, org.id)).body.items as Rate[];
      const members = (await admin.get(`/api/orgs/${org.id}/study-report?limit=200`)).body.items as {
        assigned: number;
        completed: number;
        overdue: number;
      }[];
      const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
      expect(sum(rates, (r) => r.assigned)).toBe(sum(members, (m) => m.assigned));
      expect(sum(rates, (r) => r.completed)).toBe(sum(members, (m) => m.completed));
      expect(sum(rates, (r) => r.overdue)).toBe(sum(members, (m) => m.overdue));
    }
    const committee = (await ratesOf(admin, tree.committee.id)).body;
    const byTitle = new Map<string, Rate>(
      committee.items.map((r: Rate & { title: string }) => [r.title.slice(0, 1), r]),
    );
    // Members of the tree: secA, secB (secretaries and members), memA, memB.
    expect(byTitle.get("甲")).toMatchObject({ assigned: 4, completed: 1, overdue: 3, rate: 0.25 });
    expect(byTitle.get("乙")).toMatchObject({ assigned: 2, completed: 0, overdue: 0 }); // branch A only
    expect(byTitle.get("丙")).toMatchObject({ assigned: 2, completed: 0, overdue: 0 }); // secretaries only, no date
    expect(committee.flagged.map((f: { userId: string }) => f.userId)).toEqual([tree.secB.id]);
    // A branch sees its own flagged completions only.
    expect((await ratesOf(admin, tree.branchA.id)).body.flagged).toEqual([]);
  });

  it("page by course title, every course exactly once", async () => {
    const whole = (await ratesOf(admin, tree.committee.id)).body;
    expect(whole.nextOffset).toBeNull();
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page: { items: Rate[]; nextOffset: number | null } = (
        await ratesOf(admin, tree.committee.id, `?limit=1&offset=${offset}`)
      ).body;
      expect(page.items.length).toBe(1);
      seen.push(page.items[0]?.courseId ?? "");
      offset = page.nextOffset;
    }
    expect(seen).toEqual(whole.items.map((r: Rate) => r.courseId));
  });

  it("are refused outside the caller's subtree and to members, and a bad page is a 400", async () => {
    expect((await ratesOf(await as(tree.secB), tree.branchA.id)).status).toBe(404);
    expect((await ratesOf(await as(tree.memA), tree.branchA.id)).status).toBe(403);
    expect((await ratesOf(admin, tree.committee.id, "?limit=0")).status).toBe(400);
  });
});
