import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { evalDecisions } from "../../schema";
import { as, type Client, db, makeTree, makeUser } from "../fixtures";
import { makeSchedule, setWindows } from "./helpers";

// Nobody decides their own case: not their own grade, not their own request to exceed the 优秀 quota.

let tree: Awaited<ReturnType<typeof makeTree>>;
let cycleA: string;
let cycleB: string;
let sec: Client;
let sec2: Client;
let admin: Client;
let admin2: Client;
let sec2Id: string;
let admin2Id: string;
const ids: string[] = [];

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  sec = await as(tree.secA);
  const second = await makeUser("secA2", [[tree.branchA, "secretary"]]);
  sec2Id = second.id;
  sec2 = await as(second);
  const other = await makeUser("admin2", [[tree.committee, "admin"]]);
  admin2Id = other.id;
  admin2 = await as(other);
  const sid = await makeSchedule(admin, tree.committee.id);
  await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchA.id });
  await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchB.id });
  cycleA = (await admin.get(`/api/orgs/${tree.branchA.id}/eval-cycles`)).body.items[0].id;
  cycleB = (await admin.get(`/api/orgs/${tree.branchB.id}/eval-cycles`)).body.items[0].id;
  // Branch A: secA, memA and four more = 6 members, so the 优秀 quota is 2. Branch B: 2 members, quota 0.
  ids.push(tree.secA.id, tree.memA.id);
  for (let i = 0; i < 4; i++) ids.push((await makeUser(`d${i}`, [[tree.branchA, "member"]])).id);
  for (const c of [cycleA, cycleB]) await setWindows(c, { appraisal: [-3, -1], decision: [-1, 5] });
});

const put = (c: Client, cycle: string, decisions: unknown[]) =>
  c.request("PUT", `/api/eval-cycles/${cycle}/decisions`, { decisions });
const sheet = async (c: Client, cycle: string) => (await c.get(`/api/eval-cycles/${cycle}/tally`)).body;
const rowOf = (s: { members: { memberId: string }[] }, id: string) => s.members.find((m) => m.memberId === id) as any;
const decisionOf = async (cycle: string, member: string) =>
  (
    await db()
      .select()
      .from(evalDecisions)
      .where(and(eq(evalDecisions.cycleId, cycle), eq(evalDecisions.memberId, member)))
  )[0];

describe("nobody decides their own grade", () => {
  it("the decision sheet says who may decide each member: anyone with the right but the member", async () => {
    const s = await sheet(sec, cycleA);
    const own = rowOf(s, tree.secA.id);
    expect(own.mayDecide).toBe(false);
    expect(own.deciders.sort()).toEqual([sec2Id, tree.admin.id, admin2Id].sort());
    const other = rowOf(s, tree.memA.id);
    expect(other.mayDecide).toBe(true);
    expect(other.deciders).toContain(tree.secA.id);
  });

  it("a secretary's own grade is refused with 403 naming the rule and who may, in the user's language; nothing is written", async () => {
    const r = await put(sec, cycleA, [
      { memberId: tree.memA.id, grade: "qualified" },
      { memberId: tree.secA.id, grade: "excellent" },
    ]);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("own_case");
    expect(r.body.error.message).toContain("任何人不得决定本人的评定等次");
    expect(r.body.error.message).toContain("secA2");
    expect(r.body.error.message).toContain("admin");
    expect(await decisionOf(cycleA, tree.memA.id)).toBeUndefined();
    await sec.patch("/api/me", { locale: "en" });
    const en = await put(sec, cycleA, [{ memberId: tree.secA.id, grade: "qualified" }]);
    expect(en.status).toBe(403);
    expect(en.body.error.message).toMatch(/^Nobody decides their own grade/);
    await sec.patch("/api/me", { locale: "zh-CN" });
  });

  it("another secretary of the branch, or an admin of a higher org, decides it", async () => {
    expect((await put(sec2, cycleA, [{ memberId: tree.secA.id, grade: "qualified" }])).status).toBe(200);
    expect(rowOf(await sheet(sec, cycleA), tree.secA.id).decision).toMatchObject({ decidedBy: "secA2" });
    // Branch B has one secretary: only the committee may decide their grade.
    const secB = await as(tree.secB);
    expect(rowOf(await sheet(secB, cycleB), tree.secB.id).deciders.sort()).toEqual([tree.admin.id, admin2Id].sort());
    expect((await put(secB, cycleB, [{ memberId: tree.secB.id, grade: "qualified" }])).status).toBe(403);
    expect((await put(admin, cycleB, [{ memberId: tree.secB.id, grade: "qualified" }])).status).toBe(200);
  });
});

describe("优秀 beyond the quota needs the higher committee", () => {
  const request = (c: Client, cycle: string, body: unknown) =>
    c.post(`/api/eval-cycles/${cycle}/quota-overrides`, body);
  const answer = (c: Client, id: string, body: unknown) => c.post(`/api/eval-quota-overrides/${id}/answer`, body);
  let requestId: string;

  it("over the quota is refused, saying the quota and that a request must be approved", async () => {
    const [, mem, a, b] = ids;
    expect(
      (
        await put(sec, cycleA, [
          { memberId: mem, grade: "excellent" },
          { memberId: a, grade: "excellent" },
        ])
      ).status,
    ).toBe(200);
    const over = await put(sec, cycleA, [{ memberId: b, grade: "excellent" }]);
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: "quota_exceeded",
      details: { quota: 2, excellent: 3, override: null },
    });
    expect(over.body.error.message).toContain("优秀名额为 2 人");
    expect(over.body.error.message).toContain("须由支部提出申请并经上级党委批准");
  });

  it("the branch requests with a reason; while pending the decision is still refused, saying so", async () => {
    expect((await request(sec, cycleA, { excellent: 2, reason: "x" })).body.error.details[0].code).toBe("within_quota");
    expect((await request(sec, cycleA, { excellent: 7, reason: "x" })).body.error.details[0].code).toBe("too_many");
    expect((await request(sec, cycleA, { excellent: 3, reason: "  " })).status).toBe(400);
    const r = await request(sec, cycleA, { excellent: 3, reason: "抗洪抢险中三人表现突出" });
    expect(r.status).toBe(201);
    requestId = r.body.id;
    expect((await request(sec2, cycleA, { excellent: 4, reason: "再加一人" })).body.error.code).toBe(
      "override_pending",
    );
    const told = (await admin.get("/api/notifications")).body.items.map((n: { kind: string }) => n.kind);
    expect(told).toContain("override_requested");
    const pending = await put(sec, cycleA, [{ memberId: ids[3], grade: "excellent" }]);
    expect(pending.status).toBe(409);
    expect(pending.body.error.details.override).toBe("pending");
    expect(pending.body.error.message).toContain("优秀名额为 2 人");
    expect(pending.body.error.message).toContain("正待上级党委批准");
    expect((await sheet(sec, cycleA)).overrides[0]).toMatchObject({
      status: "pending",
      reason: "抗洪抢险中三人表现突出",
      requester: "secA",
    });
  });

  it("only an admin of a higher org answers: the branch's own secretaries and members cannot", async () => {
    const own = await answer(sec, requestId, { approve: true });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("higher_committee_only");
    expect((await answer(sec2, requestId, { approve: true })).status).toBe(403);
    expect((await answer(await as(tree.memA), requestId, { approve: true })).status).toBe(403);
    expect((await answer(await as(tree.memB), requestId, { approve: true })).status).toBe(404);
    expect((await sheet(sec, cycleA)).overrides[0].status).toBe("pending");
  });

  it("once approved, the decision passes with the reason kept; the approval covers only the number asked", async () => {
    const ok = await answer(admin, requestId, { approve: true, answer: "同意" });
    expect(ok.status).toBe(200);
    expect((await answer(admin2, requestId, { approve: false })).body.error.code).toBe("override_answered");
    const told = (await sec.get("/api/notifications")).body.items.map((n: { kind: string }) => n.kind);
    expect(told).toContain("override_answered");
    expect((await put(sec, cycleA, [{ memberId: ids[3], grade: "excellent" }])).status).toBe(200);
    const s = await sheet(sec, cycleA);
    expect(s.overrides[0]).toMatchObject({ status: "approved", answerer: "admin", answer: "同意" });
    expect(rowOf(s, ids[3]!).decision.quotaOverride).toBe("抗洪抢险中三人表现突出");
    expect((await put(sec, cycleA, [{ memberId: ids[4], grade: "excellent" }])).status).toBe(409);
  });

  it("nobody answers their own request: an admin who asked needs another admin, whose refusal holds", async () => {
    const r = await request(admin, cycleB, { excellent: 1, reason: "村里防汛表现突出" });
    expect(r.status).toBe(201);
    const self = await answer(admin, r.body.id, { approve: true });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe("own_request");
    expect((await answer(admin2, r.body.id, { approve: false, answer: "名额从严" })).status).toBe(200);
    const refused = await put(admin, cycleB, [{ memberId: tree.memB.id, grade: "excellent" }]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ quota: 0, excellent: 1, override: "refused" });
    expect(refused.body.error.message).toContain("已被上级党委驳回");
  });
});
