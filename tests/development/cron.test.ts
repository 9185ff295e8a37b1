import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../schema";
import { cron } from "../evaluations/helpers";
import { as, db, makeTree } from "../fixtures";
import { applicant, fullMembers, ok, toPrereview, trainingClass, vote } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const devNotices = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.kind, "dev_%")));

describe("development warnings from the cron tick", () => {
  it("warns the secretary before a deadline and the committee once it passed, each once", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    // Applied 20 days ago: the talk is due in about 10 days, inside the 14-day warning window.
    const applied = new Date(Date.now() + 8 * 3_600_000 - 20 * 86_400_000).toISOString().slice(0, 10);
    const fresh = await applicant(sec, tree.branchA.id, applied, { displayName: "新申请人" });
    // An approval three months after a vote in early 2025: long overdue.
    const people = await fullMembers(tree.branchA);
    const waiting = await applicant(sec, tree.branchA.id, "2024-01-10", { displayName: "待审批" });
    await toPrereview(sec, admin, waiting, people, await trainingClass(await as(tree.publisher), tree));
    await ok(sec, waiting.caseId, "branch_vote", "2025-04-15", vote(9, 8));

    const now = Date.now();
    await cron(now);
    const first = await devNotices(tree.secA.id);
    expect(first.map((n) => [n.kind, (n.params as { person: string }).person])).toEqual([["dev_talk_due", "新申请人"]]);
    expect(first[0]?.link).toBe(`/development/case/${fresh.caseId}`);
    // The link's page reads the case, which the secretary may open.
    expect((await sec.get(`/api/development/cases/${fresh.caseId}`)).status).toBe(200);
    const committee = await devNotices(tree.admin.id);
    expect(committee.map((n) => [n.kind, (n.params as { step: string }).step])).toEqual([
      ["dev_approval_overdue", "approval"],
    ]);
    // The other branch's secretary hears nothing of branch A.
    expect(await devNotices(tree.secB.id)).toEqual([]);

    await cron(now + 60_000);
    expect(await devNotices(tree.secA.id)).toHaveLength(1);
    expect(await devNotices(tree.admin.id)).toHaveLength(1);

    // Once the talk is recorded the next deadline is a new warning; the old one stays as it was.
    await ok(sec, fresh.caseId, "talk", today);
    await ok(sec, fresh.caseId, "activist", today, { mentorIds: [people[0]] });
    await cron(now + 2 * 60_000);
    expect((await devNotices(tree.secA.id)).map((n) => n.kind)).toEqual(["dev_talk_due"]);
    await cron(now + 170 * 86_400_000);
    expect((await devNotices(tree.secA.id)).map((n) => n.kind).sort()).toEqual(["dev_assessment_due", "dev_talk_due"]);
  });
});
