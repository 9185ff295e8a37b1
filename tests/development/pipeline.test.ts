import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, devSteps, memberships } from "../../schema";
import { as, Client, db, makeTree } from "../fixtures";
import {
  applicant,
  blockers,
  enroll,
  ok,
  pipelineSetup,
  step,
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

describe("the development pipeline", () => {
  it("takes an applicant to full membership, each step in the archive, the stage kept current", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const a = await applicant(sec, tree.branchA.id, "2024-01-10");
    await toPrereview(sec, admin, a, people, cls);
    const voted = await ok(sec, a.caseId, "branch_vote", "2025-04-15", vote(9, 8, 1));
    expect(voted.passed).toBe(true);
    expect(voted.nextStep).toBe("approval");
    const approved = await ok(admin, a.caseId, "approval", "2025-05-10");
    expect(approved.stage).toBe("probationary");
    // A 预备党员 is a member of the branch from the approval.
    const roles = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, a.userId), isNull(memberships.endedAt)));
    expect(roles.map((r) => [r.orgId, r.role])).toEqual([[tree.branchA.id, "member"]]);
    await ok(sec, a.caseId, "oath", "2025-05-20");
    const early = await step(sec, a.caseId, "full_vote", "2026-03-01", vote(9, 8));
    expect(blockers(early)).toContain("missing_previous");
    await ok(sec, a.caseId, "full_application", "2026-03-20");
    const tooEarly = await step(sec, a.caseId, "full_vote", "2026-04-10", vote(9, 8));
    expect(tooEarly.body.error.details.blockers).toContainEqual({ code: "too_early", date: "2026-04-15" });
    await ok(sec, a.caseId, "full_vote", "2026-04-20", vote(9, 9));
    const full = await ok(admin, a.caseId, "full_approval", "2026-05-10");
    expect(full.stage).toBe("full");

    const record = await sec.get(`/api/development/cases/${a.caseId}`);
    expect(record.body.case.status).toBe("full");
    expect(record.body.steps).toHaveLength(16);
    expect(record.body.options).toEqual([]);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.memberId, a.userId));
    const story = events.filter((e) => e.kind === "development");
    expect(story).toHaveLength(16);
    expect(new Set(story.map((e) => (e.summary as { step: string }).step)).size).toBe(15);
    // The training's courses are in the archive as the completions they are.
    expect(events.filter((e) => e.kind === "course_completed")).toHaveLength(3);
    // The growth archive opens with the development story, oldest step first; the timeline holds the rest.
    const archive = await sec.get(`/api/archives/${a.userId}`);
    expect(archive.body.story.map((e: { summary: { step: string } }) => e.summary.step).slice(0, 3)).toEqual([
      "application",
      "talk",
      "activist",
    ]);
    expect(archive.body.story).toHaveLength(16);
    expect(archive.body.items.map((e: { kind: string }) => e.kind)).not.toContain("development");
    expect(archive.body.items.filter((e: { kind: string }) => e.kind === "course_completed")).toHaveLength(3);
    const filtered = await sec.get(`/api/archives/${a.userId}?kind=development`);
    expect(filtered.body.story).toEqual([]);
    expect(filtered.body.items).toHaveLength(16);
    // Closed: nothing more can be recorded.
    expect(blockers(await step(sec, a.caseId, "oath", "2026-06-01"))).toContain("case_closed");
  });

  it("refuses a step out of order, before its time, or late without a reason; shows a late step as late", async () => {
    const sec = await as(tree.secA);
    const a = await applicant(sec, tree.branchA.id, "2025-01-10");
    const outOfOrder = await step(sec, a.caseId, "activist", "2025-01-20", { mentorIds: [people[0]] });
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body.error.code).toBe("step_refused");
    expect(outOfOrder.body.error.details.blockers).toContainEqual({ code: "missing_previous", step: "talk" });

    const late = await step(sec, a.caseId, "talk", "2025-03-01");
    expect(late.body.error.details.blockers).toEqual([{ code: "late_reason_required", date: "2025-02-10" }]);
    const before = await step(sec, a.caseId, "talk", "2025-01-01");
    expect(blockers(before)).toEqual(["before_previous"]);
    const future = await step(sec, a.caseId, "talk", "2999-01-01");
    expect(blockers(future)).toContain("in_future");
    const taken = await ok(sec, a.caseId, "talk", "2025-03-01", { lateReason: "申请人外出务工，春节后返乡" });
    expect(taken.late).toBe(true);

    await ok(sec, a.caseId, "activist", "2025-03-10", { mentorIds: [people[0]] });
    await ok(sec, a.caseId, "assessment", "2025-09-01");
    const soon = await step(sec, a.caseId, "candidate", "2025-10-01", { sponsorIds: people });
    expect(soon.body.error.details.blockers).toEqual([
      { code: "assessments_short", n: 1, needed: 2 },
      { code: "too_early", date: "2026-03-10" },
    ]);
    const record = await sec.get(`/api/development/cases/${a.caseId}`);
    const talk = record.body.steps.find((s: { step: string }) => s.step === "talk");
    expect(talk).toMatchObject({ late: true, dueOn: "2025-02-10", lateReason: "申请人外出务工，春节后返乡" });
    // The page says why the candidate step is not yet possible, with the same reasons.
    const cand = record.body.options.find((o: { step: string }) => o.step === "candidate");
    expect(cand.earliest).toBe("2026-03-10");
    expect(cand.blockers).toEqual([{ code: "assessments_short", n: 1, needed: 2 }]);
    expect(record.body.case.nextStep).toBe("assessment");
    expect(record.body.case.nextDueOn).toBe("2026-03-01");
  });

  it("counts the branch vote against half of the full members entitled to vote, each candidate separately", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const a = await applicant(sec, tree.branchA.id, "2024-01-10");
    const b = await applicant(sec, tree.branchA.id, "2024-01-10");
    await toPrereview(sec, admin, a, people, cls);
    await toPrereview(sec, admin, b, people, cls);
    const beforeNoticeEnds = await step(sec, a.caseId, "branch_vote", "2025-04-08", vote(10, 9));
    expect(beforeNoticeEnds.body.error.details.blockers).toEqual([{ code: "too_early", date: "2025-04-09" }]);
    expect((await step(sec, a.caseId, "branch_vote", "2025-04-15", vote(10, 8, 2, 1))).status).toBe(422);
    // Exactly half is not more than half.
    const half = await ok(sec, a.caseId, "branch_vote", "2025-04-15", vote(10, 5, 3, 2));
    expect(half.passed).toBe(false);
    const refused = await step(admin, a.caseId, "approval", "2025-05-01");
    expect(refused.body.error.details.blockers).toEqual([{ code: "vote_not_passed", step: "branch_vote" }]);
    const passedB = await ok(sec, b.caseId, "branch_vote", "2025-04-15", vote(10, 6, 3, 1));
    expect(passedB.passed).toBe(true);
    const rows = await db().select().from(devSteps).where(eq(devSteps.caseId, a.caseId));
    expect(rows.find((r) => r.step === "branch_vote")?.data).toEqual({
      entitled: 10,
      for: 5,
      against: 3,
      abstain: 2,
      passed: false,
    });
  });

  it("accepts only full members as mentors and sponsors", async () => {
    const sec = await as(tree.secA);
    const a = await applicant(sec, tree.branchA.id, "2024-01-10");
    const other = await applicant(sec, tree.branchA.id, "2024-01-10");
    await ok(sec, a.caseId, "talk", "2024-01-20");
    // Someone still in the pipeline is not a full member, nor is a user without a member role.
    expect(blockers(await step(sec, a.caseId, "activist", "2024-02-01", { mentorIds: [other.userId] }))).toEqual([
      "mentor_not_full",
    ]);
    expect(blockers(await step(sec, a.caseId, "activist", "2024-02-01", { mentorIds: [] }))).toEqual([
      "mentors_required",
    ]);
    await ok(sec, a.caseId, "activist", "2024-02-01", { mentorIds: [people[0]] });
    await ok(sec, a.caseId, "assessment", "2024-08-01");
    await ok(sec, a.caseId, "assessment", "2025-02-01");
    const notFull = await step(sec, a.caseId, "candidate", "2025-02-05", { sponsorIds: [people[0], other.userId] });
    expect(blockers(notFull)).toEqual(["sponsor_not_full"]);
    const admin = tree.admin.id; // an admin holds no member role
    expect(blockers(await step(sec, a.caseId, "candidate", "2025-02-05", { sponsorIds: [people[0], admin] }))).toEqual([
      "sponsor_not_full",
    ]);
    expect(blockers(await step(sec, a.caseId, "candidate", "2025-02-05", { sponsorIds: [people[0]] }))).toEqual([
      "sponsors_required",
    ]);
    const short = await step(sec, a.caseId, "political_review", "2025-02-06");
    expect(blockers(short)).toEqual(["missing_previous"]);
    await ok(sec, a.caseId, "candidate", "2025-02-05", { sponsorIds: people });
  });

  it("gives each step to its keeper: the branch's own, the committee's above it, nobody their own case", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const a = await applicant(sec, tree.branchA.id, "2024-01-10");
    await ok(sec, a.caseId, "talk", "2024-01-20");
    await ok(sec, a.caseId, "activist", "2024-02-01", { mentorIds: [people[0]] });
    await ok(sec, a.caseId, "assessment", "2024-08-01");
    await ok(sec, a.caseId, "assessment", "2025-02-01");
    await ok(sec, a.caseId, "candidate", "2025-02-05", { sponsorIds: people });
    await ok(sec, a.caseId, "political_review", "2025-03-01");
    await enroll(admin, a.caseId, cls.planId);
    await study(a, cls, ["2025-03-01", "2025-03-02", "2025-03-03"]);
    await ok(admin, a.caseId, "training", "2025-03-10", { planId: cls.planId });
    // The branch secretary cannot pre-review for the committee.
    expect(blockers(await step(sec, a.caseId, "prereview", "2025-04-01"))).toEqual(["committee_only"]);
    // Another branch's secretary and members see nothing: the same 404 as an id that does not exist.
    const secB = await as(tree.secB);
    const missing = await secB.get("/api/development/cases/no-such-case");
    const theirs = await secB.get(`/api/development/cases/${a.caseId}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    expect((await step(secB, a.caseId, "political_review", "2025-03-01")).status).toBe(404);
    expect((await secB.get(`/api/orgs/${tree.branchA.id}/development`)).status).toBe(404);
    const memA = await as(tree.memA);
    expect((await memA.get(`/api/development/cases/${a.caseId}`)).status).toBe(403);
    expect((await memA.get(`/api/orgs/${tree.branchA.id}/development`)).status).toBe(403);
    expect((await secB.post(`/api/orgs/${tree.branchA.id}/development`, {})).status).toBe(400);
    // A secretary who is themself in the pipeline cannot record their own steps.
    const own = await applicant(sec, tree.branchA.id, "2024-01-10");
    const self = await new Client().login(own.username, own.password);
    expect(blockers(await step(self, own.caseId, "talk", "2024-01-20"))).toEqual(["own_case"]);
  });

  it("shows an applicant only their own record", async () => {
    const sec = await as(tree.secA);
    const mine = await applicant(sec, tree.branchA.id, "2025-06-01");
    const theirs = await applicant(sec, tree.branchA.id, "2025-06-01");
    const me = await new Client().login(mine.username, mine.password);
    const own = await me.get(`/api/development/cases/${mine.caseId}`);
    expect(own.status).toBe(200);
    expect(own.body.case.userId).toBe(mine.userId);
    const list = await me.get("/api/development/mine");
    expect(list.body.items.map((i: { case: { id: string } }) => i.case.id)).toEqual([mine.caseId]);
    const other = await me.get(`/api/development/cases/${theirs.caseId}`);
    const none = await me.get("/api/development/cases/zzzzzzzzzzzzzzzz");
    expect(other.status).toBe(404);
    expect(other.body).toEqual(none.body);
    // An applicant holds no role: no register, no roster, no steps.
    expect((await me.get(`/api/orgs/${tree.branchA.id}/development`)).status).toBe(404);
    expect((await me.get(`/api/orgs/${tree.branchA.id}/members`)).status).toBe(404);
    expect((await step(me, theirs.caseId, "talk", "2025-06-02")).status).toBe(404);
  });

  it("corrects a step with a new entry that names it; nothing is deleted", async () => {
    const sec = await as(tree.secA);
    const a = await applicant(sec, tree.branchA.id, "2025-01-10");
    const talk = await ok(sec, a.caseId, "talk", "2025-01-25");
    const fixed = await sec.post(`/api/development/steps/${talk.id}/corrections`, {
      takenOn: "2025-01-20",
      actor: "王书记",
      decision: "同意",
      evidence: "谈话记录",
      reason: "日期录入错误",
    });
    expect(fixed.status).toBe(201);
    expect(fixed.body.correctsId).toBe(talk.id);
    const rows = await db().select().from(devSteps).where(eq(devSteps.caseId, a.caseId));
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.id === talk.id)?.takenOn).toBe("2025-01-25");
    // The corrected day counts: an activist step on 2025-01-22 follows the talk of 2025-01-20.
    await ok(sec, a.caseId, "activist", "2025-01-22", { mentorIds: [people[0]] });
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, fixed.body.id));
    expect(events[0]?.summary).toMatchObject({ step: "talk", correction: true, reason: "日期录入错误" });
  });

  it("cancels a probation once extended, ending the member role", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const a = await applicant(sec, tree.branchA.id, "2024-01-10");
    await toPrereview(sec, admin, a, people, cls);
    await ok(sec, a.caseId, "branch_vote", "2025-04-15", vote(9, 8));
    await ok(admin, a.caseId, "approval", "2025-05-10");
    await ok(sec, a.caseId, "oath", "2025-05-20");
    expect((await step(sec, a.caseId, "extension", "2026-04-15", { months: 3 })).status).toBe(422);
    await ok(sec, a.caseId, "extension", "2026-04-15", { months: 6 });
    expect(blockers(await step(sec, a.caseId, "extension", "2026-04-16", { months: 6 }))).toContain("extension_used");
    const rec = await sec.get(`/api/development/cases/${a.caseId}`);
    expect(rec.body.probationEnd).toBe("2026-10-15");
    await ok(sec, a.caseId, "cancel", "2026-10-20", { decision: "取消预备党员资格" });
    const roles = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, a.userId), isNull(memberships.endedAt)));
    expect(roles).toEqual([]);
    expect((await sec.get(`/api/development/cases/${a.caseId}`)).body.case.status).toBe("cancelled");
  });
});

describe("two keepers at once", () => {
  it("records a once-only step once when two requests race", async () => {
    const t = await makeTree();
    const sec = await as(t.secA);
    const admin = await as(t.admin);
    const a = await applicant(sec, t.branchA.id, "2025-01-10");
    const [one, two] = await Promise.all([
      step(sec, a.caseId, "talk", "2025-01-20"),
      step(admin, a.caseId, "talk", "2025-01-21"),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    const talks = await db().select().from(devSteps).where(eq(devSteps.caseId, a.caseId));
    expect(talks.filter((r) => r.step === "talk")).toHaveLength(1);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.memberId, a.userId));
    expect(events).toHaveLength(2);
    // Past every check, the database itself refuses a second talk.
    const [talk] = talks.filter((r) => r.step === "talk");
    await expect(
      db()
        .insert(devSteps)
        .values({ ...talk!, id: "duplicate-talk" }),
    ).rejects.toThrow();
  });
});
