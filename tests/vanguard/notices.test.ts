import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../schema";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";

// An adjustment awaiting approval tells the admins over the branch (who approve it), in the batch
// that records it; never the recorder or the member, never another tree.

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const adjustmentNotices = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "adjustment_pending")));

describe("an adjustment awaiting approval", () => {
  it("tells every admin over the branch once, and the link's page lists it", async () => {
    const root = await makeOrg(null, "上级党委", "committee");
    const elsewhere = await makeUser("elsewhere", [[root, "admin"]]);
    const branchAdmin = await makeUser("branchAdmin", [[tree.branchA, "admin"]]);
    const otherBranchAdmin = await makeUser("otherAdmin", [[tree.branchB, "admin"]]);
    const r = await (await as(tree.secA)).post("/api/vanguard/adjustments", {
      memberId: tree.memA.id,
      kind: "bonus",
      points: 2,
      reason: "抗洪",
      evidence: "照片",
      occurredOn: "2026-03-01",
    });
    expect(r.status).toBe(201);
    for (const u of [tree.admin, branchAdmin]) {
      const [notice, ...more] = await adjustmentNotices(u.id);
      expect(more).toHaveLength(0);
      expect(notice).toMatchObject({
        // Opens on the member's branch, not on the admin's first org.
        link: `/vanguard-overview?org=${tree.branchA.id}`,
        key: `adjustment:${r.body.id}`,
        params: { person: "memA" },
      });
    }
    for (const u of [tree.secA, tree.memA, elsewhere, otherBranchAdmin, tree.secB]) {
      expect(await adjustmentNotices(u.id)).toHaveLength(0);
    }
    const pending = await (await as(tree.admin)).get(`/api/orgs/${tree.committee.id}/vanguard/adjustments`);
    expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(r.body.id);
  });

  it("an admin who records one is not asked to approve it; the other admins are", async () => {
    const branchAdmin = await makeUser("branchAdmin2", [[tree.branchA, "admin"]]);
    const r = await (await as(tree.admin)).post("/api/vanguard/adjustments", {
      memberId: tree.memA.id,
      kind: "deduction",
      points: 1,
      reason: "缺席",
      evidence: "记录",
      occurredOn: "2026-03-02",
    });
    expect(r.status).toBe(201);
    const key = `adjustment:${r.body.id}`;
    expect((await adjustmentNotices(tree.admin.id)).map((n) => n.key)).not.toContain(key);
    expect((await adjustmentNotices(branchAdmin.id)).map((n) => n.key)).toEqual([key]);
  });
});
