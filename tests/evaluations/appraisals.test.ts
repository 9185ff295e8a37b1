import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, evalFollowups } from "../../schema";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { makeSchedule, setWindows, tick } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let sec: Client;
let cycleId: string;
const people: { id: string; username: string; c: Client }[] = [];

beforeAll(async () => {
  tree = await makeTree();
  const admin = await as(tree.admin);
  sec = await as(tree.secA);
  const sid = await makeSchedule(admin, tree.committee.id, {
    settings: { excellentQuota: 1 / 3, peerScope: "branch" },
  });
  await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchA.id });
  cycleId = (await sec.get(`/api/orgs/${tree.branchA.id}/eval-cycles`)).body.items[0].id;
  // Branch A: secA, memA and four more = 6 members, so the 优秀 quota is 2.
  for (const u of [tree.secA, tree.memA]) people.push({ ...u, c: await as(u) });
  for (let i = 0; i < 4; i++) {
    const u = await makeUser(`p${i}`, [[tree.branchA, "member"]]);
    people.push({ ...u, c: await as(u) });
  }
  await setWindows(cycleId, { analysis: [-3, -2], appraisal: [-1, 2], decision: [3, 5] });
});

const sheet = (c: Client) => c.get(`/api/eval-cycles/${cycleId}/appraisal`);
const rate = (c: Client, votes: unknown[]) => c.post(`/api/eval-cycles/${cycleId}/appraisal/peers`, { votes });

describe("democratic appraisal", () => {
  it("self-appraisal needs a grade and a reason", async () => {
    const path = `/api/eval-cycles/${cycleId}/appraisal/self`;
    const me = people[1]!.c;
    expect((await me.request("PUT", path, { grade: "excellent", reason: "" })).status).toBe(400);
    expect((await me.request("PUT", path, { grade: "qualified", reason: "认真履职" })).status).toBe(200);
    expect((await sheet(me)).body.self).toEqual({ grade: "qualified", reason: "认真履职" });
  });

  it("peers grade each other in one request; never themselves, never twice, only branch members", async () => {
    const [a, b] = [people[1]!, people[2]!];
    const s = await sheet(a.c);
    expect(s.body.peers).toHaveLength(5);
    expect(s.body.peers.some((p: { id: string }) => p.id === a.id)).toBe(false);
    const self = await rate(a.c, [{ rateeId: a.id, grade: "excellent" }]);
    expect(self.status).toBe(422);
    expect(self.body.error.details[0].code).toBe("self");
    const outsider = await rate(a.c, [{ rateeId: tree.memB.id, grade: "qualified" }]);
    expect(outsider.body.error.details[0].code).toBe("not_a_peer");
    const dup = await rate(a.c, [
      { rateeId: b.id, grade: "qualified" },
      { rateeId: b.id, grade: "excellent" },
    ]);
    expect(dup.body.error.details[0].code).toBe("duplicate");
    // memB is not a member of branch A: 404 on the cycle.
    expect((await (await as(tree.memB)).get(`/api/eval-cycles/${cycleId}/appraisal`)).status).toBe(404);
    expect((await rate(await as(tree.memB), [{ rateeId: a.id, grade: "qualified" }])).status).toBe(404);
    // Everyone grades everyone: person 2 gets excellent from most, person 3 qualified, person 4 unqualified.
    const grade = (ratee: number) => (ratee === 2 ? "excellent" : ratee === 4 ? "unqualified" : "qualified");
    for (const [i, p] of people.entries()) {
      const votes = people
        .map((q, j) => ({ rateeId: q.id, grade: grade(j), comment: j === 2 ? "带头作用好" : undefined }))
        .filter((v) => v.rateeId !== p.id);
      const r = await rate(p.c, votes);
      expect(r.status, `rater ${i}`).toBe(201);
    }
    const again = await rate(a.c, [{ rateeId: b.id, grade: "basic" }]);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_rated");
  });

  it("the ratee never sees raters; once the ballot closes the secretary sees counts, never voters", async () => {
    await setWindows(cycleId, { appraisal: [-2, -1], decision: [3, 5] });
    const b = people[2]!;
    const mine = await sheet(b.c);
    expect(JSON.stringify(mine.body)).not.toContain("带头作用好");
    expect((await b.c.get(`/api/eval-cycles/${cycleId}/tally`)).status).toBe(403);
    const t = await sec.get(`/api/eval-cycles/${cycleId}/tally`);
    expect(t.status).toBe(200);
    const row = t.body.members.find((m: { memberId: string }) => m.memberId === b.id);
    expect(row.tally.counts).toEqual({ excellent: 5, qualified: 0, basic: 0, unqualified: 0 });
    expect(row.tally.plurality).toEqual(["excellent"]);
    expect(JSON.stringify(t.body)).not.toContain("带头作用好");
    expect(JSON.stringify(t.body)).not.toContain(people[0]!.username);
    expect(t.body.quota).toBe(2);
  });

  it("decisions only in the decision window, with a reason against the vote and the quota enforced", async () => {
    const put = (body: unknown) => sec.request("PUT", `/api/eval-cycles/${cycleId}/decisions`, body);
    const ids = people.map((p) => p.id);
    const early = await put({ decisions: [{ memberId: ids[2], grade: "excellent" }] });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("outside_window");
    await setWindows(cycleId, { decision: [-1, 2] });
    expect((await rate(people[1]!.c, [{ rateeId: ids[0], grade: "basic" }])).status).toBe(409);
    const noReason = await put({ decisions: [{ memberId: ids[3], grade: "excellent" }] });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details[0]).toMatchObject({ path: "decisions.0.reason", code: "reason_required" });
    const outsider = await put({ decisions: [{ memberId: tree.memB.id, grade: "qualified" }] });
    expect(outsider.status).toBe(422);
    const ok = await put({
      decisions: [
        { memberId: ids[2], grade: "excellent" },
        { memberId: ids[3], grade: "excellent", reason: "抗疫一线表现突出" },
        { memberId: ids[4], grade: "unqualified" },
        { memberId: ids[1], grade: "qualified" },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ excellent: 2, quota: 2 });
    // The secretary's own grade is someone else's decision: here the committee's.
    const admin = await as(tree.admin);
    const own = { decisions: [{ memberId: ids[0], grade: "qualified" }] };
    expect((await put(own)).status).toBe(403);
    expect((await admin.request("PUT", `/api/eval-cycles/${cycleId}/decisions`, own)).status).toBe(200);
    const over = await put({ decisions: [{ memberId: ids[5], grade: "excellent", reason: "贡献突出" }] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("quota_exceeded");
    // Over the quota only with the higher committee's approval of the branch's request.
    const asked = await sec.post(`/api/eval-cycles/${cycleId}/quota-overrides`, {
      excellent: 3,
      reason: "经支部大会讨论同意",
    });
    await admin.post(`/api/eval-quota-overrides/${asked.body.id}/answer`, { approve: true });
    const overridden = await put({ decisions: [{ memberId: ids[5], grade: "excellent", reason: "贡献突出" }] });
    expect(overridden.status).toBe(200);
    // Each final grade is in the growth archive.
    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.kind, "appraisal_grade"), eq(archiveEvents.subjectId, cycleId)));
    expect(events).toHaveLength(6);
  });

  it("locks at close: members see their own grade and reason, 不合格 has a follow-up, no more changes", async () => {
    const me = people[3]!;
    expect((await me.c.get(`/api/eval-cycles/${cycleId}/result`)).body).toMatchObject({ locked: false, grade: null });
    await setWindows(cycleId, { decision: [-2, -1] });
    await tick(Date.now());
    const r = await me.c.get(`/api/eval-cycles/${cycleId}/result`);
    expect(r.body).toEqual({ locked: true, grade: "excellent", reason: "抗疫一线表现突出" });
    const f = await db().select().from(evalFollowups).where(eq(evalFollowups.cycleId, cycleId));
    expect(f.map((x) => x.memberId)).toEqual([people[4]!.id]);
    const late = await sec.request("PUT", `/api/eval-cycles/${cycleId}/decisions`, {
      decisions: [{ memberId: people[4]!.id, grade: "qualified", reason: "x" }],
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("cycle_closed");
    const n = await me.c.get(`/api/notifications`);
    expect(n.body.items.map((x: { kind: string }) => x.kind)).toContain("result");
    expect(n.body.unread).toBeGreaterThan(0);
    await me.c.post(`/api/notifications/read`);
    expect((await me.c.get(`/api/notifications`)).body.unread).toBe(0);
  });

  it("in a large branch, party groups appraise within the group when the settings say so", async () => {
    const admin = await as(tree.admin);
    const big = await makeOrg(tree.committee, "大支部", "branch");
    const g1 = await makeOrg(big, "第一党小组", "group");
    const g2 = await makeOrg(big, "第二党小组", "group");
    const a = await makeUser("g1a", [[g1, "member"]]);
    const b = await makeUser("g1b", [[g1, "member"]]);
    const c = await makeUser("g2c", [[g2, "member"]]);
    const sid = await makeSchedule(admin, tree.committee.id, {
      name: "分组",
      settings: { excellentQuota: 1 / 3, peerScope: "group" },
    });
    await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: big.id });
    const id = (await admin.get(`/api/orgs/${big.id}/eval-cycles`)).body.items[0].id;
    await setWindows(id, { appraisal: [-1, 1] });
    const ac = await as(a);
    const s = await ac.get(`/api/eval-cycles/${id}/appraisal`);
    expect(s.body.peers.map((p: { id: string }) => p.id)).toEqual([b.id]);
    const r = await ac.post(`/api/eval-cycles/${id}/appraisal/peers`, {
      votes: [{ rateeId: c.id, grade: "excellent" }],
    });
    expect(r.body.error.details[0].code).toBe("not_a_peer");
    await ac.post(`/api/eval-cycles/${id}/appraisal/peers`, { votes: [{ rateeId: b.id, grade: "excellent" }] });
    // The committee (here the admin) sees the count once the ballot closes, and never who voted.
    await setWindows(id, { appraisal: [-2, -1] });
    const t = await admin.get(`/api/eval-cycles/${id}/tally`);
    const row = t.body.members.find((m: { memberId: string }) => m.memberId === b.id);
    expect(row.tally.counts.excellent).toBe(1);
    expect(JSON.stringify(t.body)).not.toContain(a.username);
  });
});
