import { beforeAll, describe, expect, it } from "vitest";
import { courseCompletions, courses, curriculumPlans, planItems, studyRules } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { scoreBranch } from "../../worker/vanguard/branch";
import { as, db, makeTree, makeUser } from "../fixtures";

// The study indicator: credited hours in the period against the role's annual quota, prorated.
const YEAR = 365 * 86_400_000;
const start = Date.UTC(2025, 0, 1);
const quarterEnd = start + YEAR / 4;
let tree: Awaited<ReturnType<typeof makeTree>>;
let keen: { id: string; username: string };
let idle: { id: string };
let courseIds: string[];

const completion = (userId: string, courseId: string, hours: number, status: "credited" | "flagged", at: number) => ({
  id: newId(),
  userId,
  courseId,
  orgId: tree.branchA.id,
  status,
  hours,
  checkpointPassed: true,
  completedAt: at,
});

beforeAll(async () => {
  tree = await makeTree();
  keen = await makeUser("keen", [[tree.branchA, "member"]]);
  idle = await makeUser("idle", [[tree.branchA, "member"]]);
  const now = Date.now();
  const course = (title: string) => ({
    id: newId(),
    schoolOrgId: tree.school.id,
    schoolPath: tree.school.path,
    title,
    category: "theory" as const,
    level: "member" as const,
    status: "published" as const,
    createdBy: tree.publisher.id,
    createdAt: now,
    updatedAt: now,
  });
  const [c1, c2, c3] = [course("一"), course("二"), course("三")];
  await db().insert(courses).values([c1, c2, c3]);
  courseIds = [c1.id, c2.id];
  const planId = newId();
  await db().insert(curriculumPlans).values({
    id: planId,
    orgId: tree.committee.id,
    title: "年度",
    period: "year",
    year: 2025,
    createdBy: tree.admin.id,
    createdAt: now,
  });
  // Assigned to branch A's subtree only: branch B has no assignment.
  await db().insert(planItems).values({
    id: newId(),
    planId,
    courseId: c1.id,
    orgId: tree.branchA.id,
    orgPath: tree.branchA.path,
    required: true,
    createdAt: now,
  });
  // The committee lowers the secretaries' quota to 40.
  await db()
    .insert(studyRules)
    .values({
      id: newId(),
      orgId: tree.committee.id,
      kind: "quotas",
      fromYear: 2000,
      version: 1,
      values: { member: 32, secretary: 40, cadre: 50 },
      source: "测试",
      note: "",
      createdBy: tree.admin.id,
      createdAt: now,
    });
  await db()
    .insert(courseCompletions)
    .values([
      completion(keen.id, c1.id, 5, "credited", start + 86_400_000),
      completion(keen.id, c2.id, 1.5, "credited", start + 2 * 86_400_000),
      // Flagged (implausibly fast) and out-of-period completions do not count.
      completion(keen.id, c3.id, 9, "flagged", start + 3 * 86_400_000),
      completion(tree.secA.id, c1.id, 5, "credited", quarterEnd + 86_400_000),
    ]);
});

const inputs = async (branchId: string, end: number) => {
  const r = await scoreBranch(db(), branchId, start, end, Date.now(), { store: false });
  return new Map(r.members.map((m) => [m.memberId, m.inputs.study as any]));
};

describe("study indicator", () => {
  it("credited hours against the member's prorated quota, with the completions as sources", async () => {
    const q = await inputs(tree.branchA.id, quarterEnd);
    // 6.5 h of a quarter of 32 h = 8 h → 0.8125.
    expect(q.get(keen.id)).toMatchObject({
      value: 0.813,
      unit: "ratio",
      detail: { hours: 6.5, quota: 8, role: "member" },
    });
    expect(
      q
        .get(keen.id)
        .sources.map((s: { value: number }) => s.value)
        .sort(),
    ).toEqual([1.5, 5]);
    // Nothing credited is a real 0, not missing.
    expect(q.get(idle.id)).toMatchObject({ value: 0, sources: [] });
    // A secretary: the committee's 40 h, a quarter of it 10 h; the completion after the quarter does not count.
    expect(q.get(tree.secA.id)).toMatchObject({ value: 0, detail: { quota: 10, role: "secretary" } });
    const year = await inputs(tree.branchA.id, start + YEAR);
    expect(year.get(tree.secA.id)).toMatchObject({ value: 0.125, detail: { hours: 5, quota: 40 } });
  });

  it("names each completion by its course's title and date, with a link to the course", async () => {
    const me = await as(keen);
    const r = await me.get(`/api/vanguard/members/${keen.id}/preview?from=2025-01-01&to=2025-03-31`);
    expect(r.status).toBe(200);
    const study = r.body.explanation.lines.find((l: { key: string }) => l.key === "study");
    const named = study.sources
      .map((s: { name: string; at: number; link: string; value: number }) => [s.name, s.at, s.value, s.link])
      .sort((a: number[], b: number[]) => (a[1] ?? 0) - (b[1] ?? 0));
    expect(named).toEqual([
      ["一", start + 86_400_000, 5, `/courses/${courseIds[0]}`],
      ["二", start + 2 * 86_400_000, 1.5, `/courses/${courseIds[1]}`],
    ]);
  });

  it("is missing, not zero, for a branch with no assigned course", async () => {
    const q = await inputs(tree.branchB.id, quarterEnd);
    expect(q.get(tree.memB.id)).toMatchObject({ missing: true, reason: "no_assignments" });
  });
});
