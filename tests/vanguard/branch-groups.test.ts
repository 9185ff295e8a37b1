import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, serviceRecords, vanguardBranchScores, vanguardScores } from "../../schema";
import { dayEnd, dayStart } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { scoreBranch } from "../../worker/vanguard/branch";
import { db, makeOrg, makeTree, makeUser } from "../fixtures";
import { meterStatements, tally } from "../lib/scale";

const year = new Date().getUTCFullYear();
const start = dayStart(`${year}-01-01`);
const end = dayEnd(`${year}-12-31`);

const confirmed = (memberId: string, orgId: string, hours: number) => ({
  id: newId(),
  memberId,
  orgId,
  category: "volunteer" as const,
  servedOn: "x",
  servedAt: start + 5 * 86_400_000,
  hours,
  place: "p",
  peopleServed: 1,
  description: "d",
  status: "confirmed" as const,
  createdAt: Date.now(),
});

describe("vanguard index of a branch with party groups", () => {
  it("scores the members of the branch's party groups too, in the same number of queries", async () => {
    const tree = await makeTree();
    const branch = await makeOrg(tree.committee, "大支部", "branch");
    const group1 = await makeOrg(branch, "第一党小组", "group");
    const group2 = await makeOrg(branch, "第二党小组", "group");
    const direct = await makeUser("direct", [[branch, "member"]]);
    const g1 = await makeUser("g1", [[group1, "member"]]);
    const g2 = await makeUser("g2", [[group2, "member"]]);
    const left = await makeUser("left", [[group2, "member"]]);
    const outsider = await makeUser("outsider", [[tree.branchA, "member"]]);
    await db().update(memberships).set({ endedAt: Date.now() }).where(eq(memberships.userId, left.id));
    await db()
      .insert(serviceRecords)
      .values([confirmed(direct.id, branch.id, 2), confirmed(g1.id, group1.id, 4), confirmed(g2.id, group2.id, 6)]);

    const counted = await meterStatements(() => scoreBranch(db(), branch.id, start, end, Date.now(), { store: true }));
    const r = counted.result;
    const ids = r.members.map((m) => m.memberId).sort();
    expect(ids).toEqual([direct.id, g1.id, g2.id].sort());
    expect(ids).not.toContain(left.id);
    expect(ids).not.toContain(outsider.id);
    const hours = Object.fromEntries(r.members.map((m) => [m.memberId, (m.inputs.service as { value: number }).value]));
    expect(hours).toEqual({ [direct.id]: 2, [g1.id]: 4, [g2.id]: 6 });
    // Every indicator sees the group members as the branch's members (none reports "not_a_member").
    const byId = new Map(r.members.map((m) => [m.memberId, m]));
    for (const key of ["study", "mastery", "self_analysis"]) {
      expect(byId.get(g1.id)!.inputs[key], key).toEqual(byId.get(direct.id)!.inputs[key]);
      expect(JSON.stringify(byId.get(g2.id)!.inputs[key]), key).not.toContain("not_a_member");
    }
    expect(r.branch.members).toBe(3);
    const stored = await db().select().from(vanguardScores).where(eq(vanguardScores.orgId, branch.id));
    expect(stored.map((s) => s.memberId).sort()).toEqual(ids);
    const [aggregate] = await db().select().from(vanguardBranchScores).where(eq(vanguardBranchScores.orgId, branch.id));
    expect(aggregate?.members).toBe(3);
    // Same cost as a flat branch: 1 org + 1 read batch + 1 write batch (1 + 2 × 1 chunk).
    const flat = await meterStatements(() =>
      scoreBranch(db(), tree.branchA.id, start, end, Date.now(), { store: true }),
    );
    expect(tally(counted)).toEqual(tally(flat));

    // A party group scored on its own is its own subtree.
    const alone = await scoreBranch(db(), group1.id, start, end, Date.now(), { store: false });
    expect(alone.members.map((m) => m.memberId)).toEqual([g1.id]);
  });
});
