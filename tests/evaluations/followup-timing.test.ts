import { env } from "cloudflare:test";
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, evalFollowupRules, evalFollowups, notifications } from "../../schema";
import { timingForBranchSql } from "../../worker/evaluations/followup-timing";
import { addDays, dayOf } from "../../worker/lib/day";
import { as, type Client, db, makeOrg, makeUser } from "../fixtures";
import { cron, followupsFor } from "./helpers";

// The follow-up time rules as versioned data: the platform's 30/30/7 until a committee sets its own, and
// a follow-up keeps the version in force when it opened.

const today = () => dayOf(Date.now());
const stepBody = { actor: "支部委员会", decision: "决定", evidence: "会议记录" };
const rules = { planDays: 10, nextDays: 5, warnDays: 3, source: "市委组织部 2026 年 1 号通知", note: "从严从快" };
const view = async (c: Client, id: string) => (await c.get(`/api/eval-followups/${id}`)).body.followup;
const dueNotices = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.kind, "followup_due")));

let province: Awaited<ReturnType<typeof makeOrg>>;
let city: Awaited<ReturnType<typeof makeOrg>>;
let early: Awaited<ReturnType<typeof makeOrg>>;
let late: Awaited<ReturnType<typeof makeOrg>>;
let cityAdmin: Client;
let earlySec: { id: string; username: string };
let lateSec: { id: string; username: string };
let outsider: Client;
let earlyId: string;
let lateId: string;

beforeAll(async () => {
  province = await makeOrg(null, "省委", "committee");
  city = await makeOrg(province, "市委", "committee");
  const d1 = await makeOrg(city, "一区委", "committee");
  const d2 = await makeOrg(city, "二区委", "committee");
  early = await makeOrg(d1, "早支部", "branch", "community");
  late = await makeOrg(d2, "晚支部", "branch", "community");
  cityAdmin = await as(await makeUser("市委管理员", [[city, "admin"]]));
  earlySec = await makeUser("早书记", [[early, "secretary"]]);
  lateSec = await makeUser("晚书记", [[late, "secretary"]]);
  const otherRoot = await makeOrg(null, "别的省委", "committee");
  outsider = await as(await makeUser("别省管理员", [[otherRoot, "admin"]]));
  const m1 = await makeUser("甲", [[early, "member"]]);
  const m2 = await makeUser("乙", [[late, "member"]]);
  const a1 = await as(await makeUser("一区管理员", [[d1, "admin"]]));
  const a2 = await as(await makeUser("二区管理员", [[d2, "admin"]]));
  earlyId = (await followupsFor(a1, d1.id, early.id, [m1.id], earlySec.id))[m1.id]!;
  // Opened after the city's version: the late branch's follow-up takes it.
  const r = await cityAdmin.post(`/api/orgs/${city.id}/eval-followups/rules`, rules);
  expect(r.status).toBe(201);
  lateId = (await followupsFor(a2, d2.id, late.id, [m2.id], lateSec.id))[m2.id]!;
});

describe("follow-up time rules", () => {
  it("are the platform's 30/30/7 by default, said to be the platform's and not the Constitution's", async () => {
    const sec = await as(earlySec);
    const r = await sec.get(`/api/orgs/${early.id}/eval-followups/rules`);
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ version: 1, planDays: 10, nextDays: 5, warnDays: 3 });
    const other = await makeOrg(null, "无规则省委", "committee");
    const fresh = await as(await makeUser("无规则管理员", [[other, "admin"]]));
    const d = (await fresh.get(`/api/orgs/${other.id}/eval-followups/rules`)).body;
    expect(d.current).toMatchObject({ id: null, version: 0, planDays: 30, nextDays: 30, warnDays: 7 });
    expect(d.current.source).toContain("平台默认值");
    expect(d.current.source).toContain("党章第九条");
    expect(d.versions).toEqual([]);
    // The early follow-up opened under the defaults: its plan is due 30 days after it opened.
    expect((await view(sec, earlyId)).nextDueOn).toBe(addDays(today(), 30));
  });

  it("a committee's version applies to follow-ups opened after it, never to earlier ones", async () => {
    expect((await view(await as(lateSec), lateId)).nextDueOn).toBe(addDays(today(), 10));
    // The next step without its own deadline (the committee's approval of a lapsed member's removal).
    for (const [who, id, days] of [
      [earlySec, earlyId, 30],
      [lateSec, lateId, 5],
    ] as const) {
      const c = await as(who);
      const r = await c.post(`/api/eval-followups/${id}/steps`, {
        ...stepBody,
        step: "remove",
        takenOn: today(),
        entitled: 9,
        for: 8,
        against: 1,
        abstain: 0,
        grounds: "lapsed",
        lapsedMonths: 7,
      });
      expect(r.status).toBe(201);
      expect(await view(c, id)).toMatchObject({ nextStep: "approval", nextDueOn: addDays(today(), days) });
    }
    const [v] = await db().select().from(evalFollowupRules).where(eq(evalFollowupRules.orgId, city.id));
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.entityId, v!.id));
    expect(audit).toMatchObject({ action: "followup_rules.add", orgId: city.id });
  });

  it("warns each branch's secretary by the warning days its follow-up opened under", async () => {
    // Both deadlines 5 days ahead: inside the default 7-day warning, outside the city's 3 days.
    const due = Date.now() + 5 * 86_400_000;
    for (const id of [earlyId, lateId]) {
      await db().update(evalFollowups).set({ nextDue: due, nextStep: "plan" }).where(eq(evalFollowups.id, id));
    }
    await cron(Date.now());
    expect((await dueNotices(earlySec.id)).length).toBe(1);
    expect(await dueNotices(lateSec.id)).toEqual([]);
  });

  it("are set only by a committee's admin, refused with nothing stored otherwise", async () => {
    const count = async () => (await db().select().from(evalFollowupRules)).length;
    const before = await count();
    const sec = await as(lateSec);
    // A secretary reads the rules over their branch but sets none, there or above.
    expect((await sec.post(`/api/orgs/${late.id}/eval-followups/rules`, rules)).status).toBe(403);
    expect((await sec.post(`/api/orgs/${city.id}/eval-followups/rules`, rules)).status).toBe(404);
    const outside = await outsider.post(`/api/orgs/${city.id}/eval-followups/rules`, rules);
    expect(outside.status).toBe(404);
    expect((await outsider.get(`/api/orgs/${city.id}/eval-followups/rules`)).status).toBe(404);
    // The same 404 as for an org that does not exist.
    expect((await outsider.get(`/api/orgs/${"x".repeat(24)}/eval-followups/rules`)).status).toBe(404);
    const bad = await cityAdmin.post(`/api/orgs/${city.id}/eval-followups/rules`, { ...rules, warnDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
    const noSource = await cityAdmin.post(`/api/orgs/${city.id}/eval-followups/rules`, { ...rules, source: " " });
    expect(noSource.status).toBe(400);
    expect(await count()).toBe(before);
    const second = await cityAdmin.post(`/api/orgs/${city.id}/eval-followups/rules`, { ...rules, planDays: 20 });
    expect(second.body.version).toBe(2);
    const list = (await cityAdmin.get(`/api/orgs/${city.id}/eval-followups/rules`)).body;
    expect(list.current).toMatchObject({ version: 2, planDays: 20 });
    expect(list.versions.map((x: { version: number }) => x.version)).toEqual([2, 1]);
    // A version higher up does not override the nearer committee's.
    const provinceAdmin = await as(await makeUser("省委管理员", [[province, "admin"]]));
    expect((await provinceAdmin.post(`/api/orgs/${province.id}/eval-followups/rules`, rules)).status).toBe(201);
    const under = (await sec.get(`/api/orgs/${late.id}/eval-followups/rules`)).body.current;
    expect(under).toMatchObject({ orgId: city.id, version: 2, planDays: 20 });
    // And the cron, opening follow-ups, resolves the same version in SQL.
    const cronRow = await env.DB.prepare(timingForBranchSql("?1")).bind(late.id).first();
    expect(cronRow).toMatchObject({ id: under.id, plan_days: 20, next_days: 5, warn_days: 3 });
  });
});
