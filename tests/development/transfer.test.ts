import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, memberships } from "../../schema";
import { as, db } from "../fixtures";
import { applicant, ok, pipelineSetup, step, type TrainingClass, type Tree, toPrereview, vote } from "./helpers";

let tree: Tree, people: string[], cls: TrainingClass;
beforeAll(async () => {
  ({ tree, people, cls } = await pipelineSetup());
});

const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);

describe("a person in the pipeline moves to another branch", () => {
  it("moves the whole record; the old branch reads it up to the move and nothing after", async () => {
    const sec = await as(tree.secA);
    const secB = await as(tree.secB);
    const admin = await as(tree.admin);
    const a = await applicant(sec, tree.branchA.id, "2025-01-10");
    await ok(sec, a.caseId, "talk", "2025-01-20");
    await ok(sec, a.caseId, "activist", "2025-02-01", { mentorIds: [people[0]] });

    // The old branch's secretary holds no right on the receiving branch: the same 404 as an unknown branch.
    const far = await step(sec, a.caseId, "transfer", "2025-03-01", { toOrgId: tree.branchB.id });
    const unknown = await step(sec, a.caseId, "transfer", "2025-03-01", { toOrgId: "no-such-org" });
    expect(far.status).toBe(404);
    expect(far.body).toEqual(unknown.body);
    expect((await step(admin, a.caseId, "transfer", "2025-03-01", {})).status).toBe(422);
    expect((await step(admin, a.caseId, "transfer", "2025-03-01", { toOrgId: tree.committee.id })).status).toBe(422);
    expect((await step(admin, a.caseId, "transfer", "2025-03-01", { toOrgId: tree.branchA.id })).status).toBe(422);
    expect(
      (await step(admin, a.caseId, "transfer", "2025-01-25", { toOrgId: tree.branchB.id })).body.error.details.blockers,
    ).toEqual([{ code: "before_previous", date: "2025-02-01" }]);

    const moved = await ok(admin, a.caseId, "transfer", "2025-03-01", {
      toOrgId: tree.branchB.id,
      decision: "组织关系转接",
    });
    expect(moved).toMatchObject({ stage: "activist", nextStep: "assessment" });
    expect(ids(await sec.get(`/api/orgs/${tree.branchA.id}/development`))).not.toContain(a.caseId);
    expect(ids(await secB.get(`/api/orgs/${tree.branchB.id}/development`))).toContain(a.caseId);
    // The new branch carries on: the half-year assessment counts from the activist step taken in A.
    const before = await sec.get(`/api/development/cases/${a.caseId}`);
    await ok(secB, a.caseId, "assessment", "2025-08-01");
    const after = await sec.get(`/api/development/cases/${a.caseId}`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(after.body.movedAway).toBe(true);
    expect(after.body.steps.map((s: { step: string }) => s.step)).toEqual([
      "application",
      "talk",
      "activist",
      "transfer",
    ]);
    expect(after.body.case).toMatchObject({ orgName: "社区支部", nextStep: null, nextDueOn: null });
    expect(after.body.options).toEqual([]);
    // The old branch can no longer record anything; the new one sees the whole record.
    expect((await step(sec, a.caseId, "assessment", "2026-02-01")).status).toBe(404);
    const whole = await secB.get(`/api/development/cases/${a.caseId}`);
    expect(whole.body.movedAway).toBe(false);
    expect(whole.body.steps).toHaveLength(5);
    expect(whole.body.steps[3].data).toMatchObject({ fromOrgId: tree.branchA.id, toOrgId: tree.branchB.id });
    const [event] = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, moved.id));
    expect(event?.orgId).toBe(tree.branchB.id);
    // A member of the old branch, never a keeper, sees nothing: the record is no longer under their branch.
    expect((await (await as(tree.memA)).get(`/api/development/cases/${a.caseId}`)).status).toBe(404);
  });

  it("moves a 预备党员's member role with the record", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const a = await applicant(sec, tree.branchA.id, "2024-01-10");
    await toPrereview(sec, admin, a, people, cls);
    await ok(sec, a.caseId, "branch_vote", "2025-04-15", vote(9, 8));
    await ok(admin, a.caseId, "approval", "2025-05-10");
    await ok(admin, a.caseId, "transfer", "2025-06-01", { toOrgId: tree.branchB.id });
    const roles = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, a.userId), isNull(memberships.endedAt)));
    expect(roles.map((r) => [r.orgId, r.role])).toEqual([[tree.branchB.id, "member"]]);
  });
});

describe("the roster's own transfer", () => {
  it("refuses a 预备党员 still in the pipeline: the record moves with them, never apart from it", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const a = await applicant(sec, tree.branchA.id, "2024-01-10");
    await toPrereview(sec, admin, a, people, cls);
    await ok(sec, a.caseId, "branch_vote", "2025-04-15", vote(9, 8));
    await ok(admin, a.caseId, "approval", "2025-05-10");
    const r = await admin.post(`/api/users/${a.userId}/transfer`, { toOrgId: tree.branchB.id });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("in_pipeline");
    const roles = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, a.userId), isNull(memberships.endedAt)));
    expect(roles.map((x) => x.orgId)).toEqual([tree.branchA.id]);
    // An ordinary member moves as before.
    expect((await admin.post(`/api/users/${tree.memA.id}/transfer`, { toOrgId: tree.branchB.id })).status).toBe(200);
  });
});
