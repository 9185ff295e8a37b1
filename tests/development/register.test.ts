import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { devSteps } from "../../schema";
import { DEFAULT_RULES, DEFAULT_SOURCES } from "../../schema/development/values";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { applicant, fullMembers, ok, step, toPrereview, trainingClass, vote } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

describe("time rules per committee", () => {
  it("versions a committee's rules with their source; a new version never rewrites a recorded step", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const first = await applicant(sec, tree.branchA.id, "2025-01-10");
    const late = await ok(sec, first.caseId, "talk", "2025-03-01", { lateReason: "外出" });
    expect(late.late).toBe(true);

    const before = await sec.get(`/api/orgs/${tree.branchA.id}/development/rules`);
    expect(before.body.current).toMatchObject({ id: null, version: 0, values: DEFAULT_RULES });
    expect(before.body.current.sources.talkWithinMonths).toBe("《中国共产党发展党员工作细则》第七条");
    const body = {
      values: { ...DEFAULT_RULES, talkWithinMonths: 2 },
      sources: { ...DEFAULT_SOURCES, talkWithinMonths: "市委组织部 2026 年 3 号通知" },
      note: "山区支部谈话期限放宽",
    };
    expect((await sec.post(`/api/orgs/${tree.committee.id}/development/rules`, body)).status).toBe(404);
    expect((await sec.post(`/api/orgs/${tree.branchA.id}/development/rules`, body)).status).toBe(403);
    expect((await admin.post(`/api/orgs/${tree.branchA.id}/development/rules`, body)).status).toBe(422);
    const v1 = await admin.post(`/api/orgs/${tree.committee.id}/development/rules`, body);
    expect(v1.body.version).toBe(1);
    const v2 = await admin.post(`/api/orgs/${tree.committee.id}/development/rules`, { ...body, note: "再次确认" });
    expect(v2.body.version).toBe(2);
    const after = await sec.get(`/api/orgs/${tree.branchA.id}/development/rules`);
    expect(after.body.current).toMatchObject({ id: v2.body.id, version: 2, orgId: tree.committee.id });
    expect(after.body.current.sources.talkWithinMonths).toBe("市委组织部 2026 年 3 号通知");

    // The earlier step keeps its deadline, lateness and rule; a new case counts two months.
    const rec = await sec.get(`/api/development/cases/${first.caseId}`);
    const talk = rec.body.steps.find((s: { step: string }) => s.step === "talk");
    expect(talk).toMatchObject({ late: true, dueOn: "2025-02-10", ruleId: null });
    const second = await applicant(sec, tree.branchA.id, "2025-01-10");
    const onTime = await ok(sec, second.caseId, "talk", "2025-03-01");
    expect(onTime.late).toBe(false);
    const [row] = await db().select().from(devSteps).where(eq(devSteps.id, onTime.id));
    expect(row).toMatchObject({ ruleId: v2.body.id, dueOn: "2025-03-10" });
  });
});

describe("the branch register and the committee's overdue list", () => {
  it("lists everyone in the pipeline under a subtree with the next step and its deadline; CSV too", async () => {
    const t = await makeTree();
    const sec = await as(t.secA);
    const admin = await as(t.admin);
    const overdueCase = await applicant(sec, t.branchA.id, "2025-01-10", { displayName: "=逾期者" });
    const fresh = await applicant(sec, t.branchA.id, new Date().toISOString().slice(0, 10));
    const secB = await as(t.secB);
    const elsewhere = await applicant(secB, t.branchB.id, "2025-01-10");

    const reg = await sec.get(`/api/orgs/${t.branchA.id}/development`);
    expect(reg.status).toBe(200);
    expect(reg.body.items.map((i: { id: string }) => i.id)).toEqual([overdueCase.caseId, fresh.caseId]);
    expect(reg.body.items[0]).toMatchObject({ stage: "applicant", nextStep: "talk", nextDueOn: "2025-02-10" });

    const all = await admin.get(`/api/orgs/${t.committee.id}/development`);
    expect(all.body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [overdueCase.caseId, fresh.caseId, elsewhere.caseId].sort(),
    );
    const overdue = await admin.get(`/api/orgs/${t.committee.id}/development/overdue`);
    expect(overdue.body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [overdueCase.caseId, elsewhere.caseId].sort(),
    );
    expect((await sec.get(`/api/orgs/${t.branchA.id}/development/overdue`)).status).toBe(403);

    const csv = await sec.get(`/api/orgs/${t.branchA.id}/development/export`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.body).toContain("'=逾期者");
    expect(csv.body).toContain("入党申请人,派人谈话,2025-02-10");
  });

  it("offers only the branch's full members as mentors and sponsors", async () => {
    const t = await makeTree();
    const sec = await as(t.secA);
    const a = await applicant(sec, t.branchA.id, "2025-01-10");
    const other = await makeOrg(t.committee, "另一支部", "branch");
    await makeUser("far", [[other, "member"]]);
    const list = await sec.get(`/api/orgs/${t.branchA.id}/development/full-members`);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([t.secA.id, t.memA.id]));
    expect(ids).not.toContain(a.userId);
    expect(ids).toHaveLength(2);
  });
});

describe("the committee's approval of a 预备党员", () => {
  it("is late after 3 months (with a reason) and refused after the 6-month cap, a versioned rule with its source", async () => {
    const t = await makeTree();
    const sec = await as(t.secA);
    const admin = await as(t.admin);
    const people = await fullMembers(t.branchA);
    const cls = await trainingClass(await as(t.publisher), t);
    const a = await applicant(sec, t.branchA.id, "2024-01-10");
    await toPrereview(sec, admin, a, people, cls);
    await ok(sec, a.caseId, "branch_vote", "2025-04-15", vote(9, 8));
    const rules = await admin.get(`/api/orgs/${t.committee.id}/development/rules`);
    expect(rules.body.current.values.approveMaxMonths).toBe(6);
    expect(rules.body.current.sources.approveMaxMonths).toBe("《中国共产党发展党员工作细则》第二十五条");
    const past = await step(admin, a.caseId, "approval", "2025-10-16", { lateReason: "材料补正" });
    expect(past.body.error.details.blockers).toEqual([{ code: "past_limit", date: "2025-10-15" }]);
    const late = await step(admin, a.caseId, "approval", "2025-09-01");
    expect(late.body.error.details.blockers).toEqual([{ code: "late_reason_required", date: "2025-07-15" }]);
    // A committee that sets a tighter cap: a new version, the old steps keep theirs.
    const body = {
      values: { ...DEFAULT_RULES, approveMaxMonths: 4 },
      sources: { ...DEFAULT_SOURCES, approveMaxMonths: "市委组织部 2026 年 5 号通知" },
      note: "审批从严",
    };
    expect((await admin.post(`/api/orgs/${t.committee.id}/development/rules`, body)).status).toBe(201);
    const tighter = await step(admin, a.caseId, "approval", "2025-09-01", { lateReason: "材料补正" });
    expect(tighter.body.error.details.blockers).toEqual([{ code: "past_limit", date: "2025-08-15" }]);
    const taken = await ok(admin, a.caseId, "approval", "2025-08-01", { lateReason: "材料补正" });
    expect(taken.late).toBe(true);
  });
});

describe("the committee-wide register", () => {
  it("sorts the whole subtree by deadline before paging, across branches", async () => {
    const t = await makeTree();
    const sec = await as(t.secA);
    const secB = await as(t.secB);
    const admin = await as(t.admin);
    // Deadlines interleaved between the two branches (talk due a month after each application).
    const made: { caseId: string; applied: string }[] = [];
    for (const [c, applied] of [
      [sec, "2025-01-05"],
      [secB, "2025-01-03"],
      [sec, "2025-01-09"],
      [secB, "2025-01-01"],
      [sec, "2025-01-02"],
      [secB, "2025-01-07"],
    ] as const) {
      made.push({ caseId: (await applicant(c, c === sec ? t.branchA.id : t.branchB.id, applied)).caseId, applied });
    }
    const expected = [...made].sort((a, b) => a.applied.localeCompare(b.applied)).map((m) => m.caseId);
    const seen: string[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const r = await admin.get(`/api/orgs/${t.committee.id}/development?limit=2&offset=${offset}`);
      seen.push(...r.body.items.map((i: { id: string }) => i.id));
      expect(r.body.nextOffset).toBe(offset < 4 ? offset + 2 : null);
    }
    expect(seen).toEqual(expected);
  });
});
