import { beforeAll, describe, expect, it } from "vitest";
import { publishedCourse } from "../courses/helpers";
import { as, Client } from "../fixtures";
import {
  applicant,
  enroll,
  ok,
  pipelineSetup,
  study,
  type TrainingClass,
  type Tree,
  toPrereview,
  vote,
} from "./helpers";

let tree: Tree, people: string[], cls: TrainingClass;
beforeAll(async () => {
  ({ tree, people, cls } = await pipelineSetup());
});

type RosterRow = { id: string; status: string; caseId: string | null; displayName: string };

describe("people in the pipeline", () => {
  it("appear in their branch's roster with their stage as a status, and hold no rights by it", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const a = await applicant(sec, tree.branchA.id, "2025-06-01", { displayName: "阿申请" });
    const p = await applicant(sec, tree.branchA.id, "2024-01-10", { displayName: "阿预备" });
    await toPrereview(sec, admin, p, people, cls);
    await ok(sec, p.caseId, "branch_vote", "2025-04-15", vote(9, 8));
    await ok(admin, p.caseId, "approval", "2025-05-10");

    const roster = await sec.get(`/api/orgs/${tree.branchA.id}/members?limit=200`);
    const rows = roster.body.items as RosterRow[];
    expect(rows.find((r) => r.id === a.userId)).toMatchObject({ status: "applicant", caseId: a.caseId });
    expect(rows.find((r) => r.id === p.userId)).toMatchObject({ status: "probationary", caseId: null });
    expect(rows.find((r) => r.id === tree.memA.id)).toMatchObject({ status: "member" });
    // Sorted by name across members and people in the pipeline, paged as one list.
    const names = rows.map((r) => r.displayName);
    expect(names).toEqual([...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    // The committee's roster of the whole subtree finds them too, by search.
    const found = await admin.get(`/api/orgs/${tree.committee.id}/members?q=${encodeURIComponent("阿申")}`);
    expect(found.body.items.map((r: RosterRow) => r.id)).toEqual([a.userId]);
    // Another branch's roster does not list them.
    const other = await (await as(tree.secB)).get(`/api/orgs/${tree.branchB.id}/members?limit=200`);
    expect(other.body.items.map((r: RosterRow) => r.id)).not.toContain(a.userId);

    // The status is no role: the applicant's session holds none and opens no roster or register.
    const me = await new Client().login(a.username, a.password);
    expect((await me.get("/api/me")).body.memberships).toEqual([]);
    expect((await me.get(`/api/orgs/${tree.branchA.id}/members`)).status).toBe(404);
  });

  it("an applicant sees their own record and their training, nothing else", async () => {
    const sec = await as(tree.secA);
    const a = await applicant(sec, tree.branchA.id, "2024-01-10");
    await ok(sec, a.caseId, "talk", "2024-01-20");
    await ok(sec, a.caseId, "activist", "2024-02-01", { mentorIds: [people[0]] });
    await ok(sec, a.caseId, "assessment", "2024-08-01");
    await ok(sec, a.caseId, "assessment", "2025-02-01");
    await ok(sec, a.caseId, "candidate", "2025-02-05", { sponsorIds: people });
    const elsewhere = await publishedCourse(await as(tree.publisher), tree.school.id, undefined, { title: "别的课" });
    const me = await new Client().login(a.username, a.password);
    const catalogue = await me.get("/api/catalogue");
    expect(catalogue.body.items ?? []).toEqual([]);
    const blocked = await me.get(`/api/courses/${cls.courses[0]!.id}`);
    const unknown = await me.get("/api/courses/zzzzzzzzzzzzzzzzzzzzzzzz");
    expect(blocked.status).toBe(404);
    expect(blocked.body).toEqual(unknown.body);

    await enroll(sec, a.caseId, cls.planId);
    await study(a, cls, ["2025-03-01"]);
    const own = await me.get(`/api/development/cases/${a.caseId}`);
    const training = own.body.training.find((t: { id: string }) => t.id === cls.planId);
    expect(training).toMatchObject({ enrolled: true, hours: 8, days: 1 });
    // The class's courses open; a course outside it still answers like an unknown id.
    expect((await me.get(`/api/courses/${cls.courses[1]!.id}`)).status).toBe(200);
    const outside = await me.get(`/api/courses/${elsewhere.id}`);
    expect(outside.status).toBe(404);
    expect(outside.body).toEqual(unknown.body);
    // Their study page assigns nothing: the class is theirs through the record, not a member's plan.
    const mine = await me.get("/api/study/mine");
    expect([...mine.body.required, ...mine.body.elective]).toEqual([]);
  });
});
