import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, orgs, planItems, questionBanks } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { orgMoving } from "../../worker/orgs";
import { postPlan, publishedCourse } from "../courses/helpers";
import { as, type Client, db, makeOrg, makeUser } from "../fixtures";
import { stalePathCopies } from "./helpers";

let root: Awaited<ReturnType<typeof makeOrg>>;
let A: typeof root;
let B: typeof root;
let X: typeof root;
let admin: Client;
let crash = false;

beforeAll(async () => {
  root = await makeOrg(null, "省委", "committee");
  const school = await makeOrg(root, "省委党校", "school", "school");
  A = await makeOrg(root, "甲区委", "committee");
  B = await makeOrg(root, "乙区委", "committee");
  X = await makeOrg(A, "支部", "branch");
  admin = await as(await makeUser("root", [[root, "admin"]]));
  const publisher = await as(await makeUser("pub", [[school, "school"]]));
  const course = await publishedCourse(publisher, school.id);
  const plan = await postPlan(admin, X.id, "计划", [{ courseId: course.id, required: true }]);
  expect(plan.status).toBe(201);
  expect(
    (await publisher.post("/api/banks", { ownerOrgId: school.id, name: "题库", practiceOrgId: X.id })).status,
  ).toBe(201);
  // Registered after the Worker has loaded every feature: its statement comes after their rewrites and
  // before the orgs' own, and fails there (a second org with an id already taken).
  orgMoving.on(async ({ db: d, org }) => (crash ? [d.insert(orgs).values({ ...org, path: `/${newId()}/` })] : []));
});

describe("an org move is one batch", () => {
  it("a statement failing half-way leaves every path, copy and audit row as it was", async () => {
    const copies = async () => ({
      items: (await db().select().from(planItems).where(eq(planItems.orgId, X.id))).map((i) => i.orgPath),
      banks: (await db().select().from(questionBanks).where(eq(questionBanks.practiceOrgPath, X.path))).length,
    });
    const before = await copies();
    expect(before).toEqual({ items: [X.path], banks: 1 });
    crash = true;
    const r = await admin.post(`/api/orgs/${X.id}/move`, { parentId: B.id });
    crash = false;
    expect(r.status).toBe(409); // the unique violation, answered as a conflict
    const [x] = await db().select().from(orgs).where(eq(orgs.id, X.id));
    expect([x?.path, x?.parentId]).toEqual([X.path, A.id]);
    expect(await copies()).toEqual(before);
    const moved = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, X.id), eq(auditLog.action, "org_moved")));
    expect(moved).toEqual([]);
    expect(await stalePathCopies()).toEqual([]);

    // The same move without the failure lands whole.
    expect((await admin.post(`/api/orgs/${X.id}/move`, { parentId: B.id })).status).toBe(200);
    const after = `${B.path}${X.id}/`;
    expect(await copies()).toEqual({ items: [after], banks: 0 });
    expect(await db().select().from(questionBanks).where(eq(questionBanks.practiceOrgPath, after))).toHaveLength(1);
    expect(await stalePathCopies()).toEqual([]);
  });

  it("the scan finds a copy left behind, in a column or inside JSON", async () => {
    const item = (await db().select().from(planItems).where(eq(planItems.orgId, X.id)))[0]!;
    await db().update(planItems).set({ orgPath: X.path }).where(eq(planItems.id, item.id));
    const note = { id: newId(), actorId: "t", action: "test", entity: "org", entityId: X.id, orgId: X.id };
    await db()
      .insert(auditLog)
      .values({ ...note, detail: { where: X.path }, at: Date.now() });
    expect(await stalePathCopies()).toEqual([`audit_log.detail: ${X.path}`, `plan_items.org_path: ${X.path}`]);
    await db().update(planItems).set({ orgPath: item.orgPath }).where(eq(planItems.id, item.id));
    await db().delete(auditLog).where(eq(auditLog.id, note.id));
  });
});
