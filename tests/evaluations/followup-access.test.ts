import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { evalFollowupSteps } from "../../schema";
import { dayOf } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { DAY, followupsFor } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let concerned: { id: string; username: string };
let colleague: { id: string; username: string };
let followupId: string;
let sec: Client;
let grouped: { id: string; username: string };
let groupSecretary: { id: string; username: string };

const ago = (n: number) => dayOf(Date.now() - n * DAY);
const talk = (c: Client, id: string, on: string) =>
  c.post(`/api/eval-followups/${id}/steps`, {
    step: "talk",
    takenOn: on,
    actor: "支部书记",
    decision: "谈心谈话",
    evidence: "谈话记录",
  });

beforeAll(async () => {
  tree = await makeTree();
  concerned = await makeUser("当事人", [[tree.branchA, "member"]]);
  colleague = await makeUser("同支部党员", [[tree.branchA, "member"]]);
  const group = await makeOrg(tree.branchA, "第二党小组", "group");
  grouped = await makeUser("小组党员", [[group, "member"]]);
  groupSecretary = await makeUser("第二小组长", [[group, "secretary"]]);
  const admin = await as(tree.admin);
  const f = await followupsFor(admin, tree.committee.id, tree.branchA.id, [concerned.id, grouped.id], tree.secA.id, 60);
  followupId = f[concerned.id]!;
  sec = await as(tree.secA);
  const plan = await sec.post(`/api/eval-followups/${followupId}/steps`, {
    step: "plan",
    takenOn: ago(50),
    actor: "支部委员会",
    decision: "帮扶计划",
    evidence: "结对帮扶",
    dueOn: ago(-30),
  });
  expect(plan.status).toBe(201);
  const groupedPlan = await sec.post(`/api/eval-followups/${f[grouped.id]}/steps`, {
    step: "plan",
    takenOn: ago(50),
    actor: "支部委员会",
    decision: "帮扶计划",
    evidence: "结对帮扶",
    dueOn: ago(-30),
  });
  expect(groupedPlan.status).toBe(201);
});

describe("who sees a follow-up", () => {
  it("the member concerned reads their own, read only; recording anything is refused and changes nothing", async () => {
    const me = await as(concerned);
    const v = await me.get(`/api/eval-followups/${followupId}`);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ canRecord: false, canApprove: false, followup: { memberName: "当事人" } });
    expect(v.body.followup.branchPath).toBeUndefined();
    const mine = await me.get("/api/eval-followups/mine");
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([followupId]);
    const home = await me.get("/api/home");
    expect(home.body.member.followups).toEqual([
      expect.objectContaining({ id: followupId, nextStep: "talk", nextDueOn: ago(-30) }),
    ]);
    const before = await db().select().from(evalFollowupSteps).where(eq(evalFollowupSteps.followupId, followupId));
    const own = await talk(me, followupId, ago(1));
    expect(own.status).toBe(409);
    expect(own.body.error.details.blockers).toEqual([{ code: "own_case" }]);
    const after = await db().select().from(evalFollowupSteps).where(eq(evalFollowupSteps.followupId, followupId));
    expect(after).toEqual(before);
  });

  it("the branch's secretary and the committee above read it and find it in their lists", async () => {
    const admin = await as(tree.admin);
    for (const c of [sec, admin]) {
      expect((await c.get(`/api/eval-followups/${followupId}`)).status).toBe(200);
    }
    const branchList = await sec.get(`/api/orgs/${tree.branchA.id}/eval-followups`);
    expect(branchList.body.items.map((i: { id: string }) => i.id)).toContain(followupId);
    const committeeList = await admin.get(`/api/orgs/${tree.committee.id}/eval-followups`);
    expect(committeeList.body.items.map((i: { memberName: string }) => i.memberName).sort()).toEqual(
      ["小组党员", "当事人"].sort(),
    );
    expect(committeeList.body.items[0].branchPath).toBeUndefined();
  });

  it("anyone else gets exactly what a made-up id gets, and learns nothing by reading before and after a step", async () => {
    const otherRoot = await makeOrg(null, "另一市委", "committee");
    const outsiders = {
      colleague: await as(colleague),
      otherBranchSecretary: await as(tree.secB),
      otherBranchMember: await as(tree.memB),
      school: await as(tree.publisher),
      otherCommittee: await as(await makeUser("另一党委", [[otherRoot, "admin"]])),
      groupSecretary: await as(
        await makeUser("小组长", [[await makeOrg(tree.branchA, "党小组", "group"), "secretary"]]),
      ),
    };
    const made = newId();
    const reads = async (c: Client) => ({
      real: await c.get(`/api/eval-followups/${followupId}`),
      madeUp: await c.get(`/api/eval-followups/${made}`),
      write: await talk(c, followupId, ago(2)),
      writeMadeUp: await talk(c, made, ago(2)),
      mine: (await c.get("/api/eval-followups/mine")).body,
      home: (await c.get("/api/home")).body,
    });
    const before: Record<string, Awaited<ReturnType<typeof reads>>> = {};
    for (const [who, c] of Object.entries(outsiders)) {
      const r = await reads(c);
      expect([who, r.real.status, r.write.status]).toEqual([who, 404, 404]);
      expect(r.real.body).toEqual(r.madeUp.body);
      expect(r.write.body).toEqual(r.writeMadeUp.body);
      expect(r.mine.items).toEqual([]);
      before[who] = r;
    }
    // The branch records a talk; nobody outside sees any difference.
    expect((await talk(sec, followupId, ago(3))).status).toBe(201);
    for (const [who, c] of Object.entries(outsiders)) {
      const r = await reads(c);
      expect([who, r.mine, r.home]).toEqual([who, before[who]!.mine, before[who]!.home]);
    }
    // Lists of a branch or committee they do not keep are refused whether or not it has follow-ups.
    const colleagueList = await outsiders.colleague.get(`/api/orgs/${tree.branchA.id}/eval-followups`);
    expect(colleagueList.status).toBe(403);
    const emptyBranchList = await outsiders.otherBranchMember.get(`/api/orgs/${tree.branchB.id}/eval-followups`);
    expect(emptyBranchList.status).toBe(403);
    for (const c of [outsiders.otherBranchSecretary, outsiders.otherCommittee, outsiders.school]) {
      expect((await c.get(`/api/orgs/${tree.branchA.id}/eval-followups`)).status).toBe(404);
    }
    const groupList = await outsiders.groupSecretary.get(`/api/orgs/${tree.branchA.id}/eval-followups`);
    expect(groupList.status).toBe(404);
  });

  it("a committee above sees the subtree's counts on its home; the branch's secretary sees what is due", async () => {
    const admin = await as(tree.admin);
    const home = (await admin.get("/api/home")).body;
    expect(home.committees[0].followups).toEqual({ approvals: 0, overdue: 0 });
    const secHome = (await sec.get("/api/home")).body;
    const branch = secHome.branches.find((b: { branchId: string }) => b.branchId === tree.branchA.id);
    expect(branch.followups).toEqual({ open: 2, due: 0 });
  });

  it("a party group's secretary who reads a group member's archive finds no follow-up in it", async () => {
    const kinds = async (c: Client) => {
      const page = await c.get(`/api/archives/${grouped.id}`);
      const facets = await c.get(`/api/archives/${grouped.id}/facets`);
      const json = await c.get(`/api/archives/${grouped.id}/export?format=json`);
      expect([page.status, facets.status, json.status]).toEqual([200, 200, 200]);
      return {
        page: page.body.items.map((e: { kind: string }) => e.kind),
        facets: facets.body.items.map((e: { kind: string }) => e.kind),
        json: json.body.events.map((e: { kind: string }) => e.kind),
      };
    };
    const byGroup = await kinds(await as(groupSecretary));
    for (const list of Object.values(byGroup)) expect(list).not.toContain("followup");
    // The branch's secretary and the member concerned read the same archive with the follow-up in it.
    for (const c of [sec, await as(grouped)]) {
      for (const list of Object.values(await kinds(c))) expect(list).toContain("followup");
    }
  });
});
