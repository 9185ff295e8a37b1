import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, talentReserves, talentSteps } from "../../schema";
import { DEFAULT_RULE } from "../../schema/talent/values";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { fullAssessment, nominated } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

describe("reserve pool: the whole way through", () => {
  it("nominated, admitted, planned, reviewed, used: each step dated, in the steps and in the archive", async () => {
    const nominee = await makeUser("nominee", [[tree.branchB, "member"]]);
    const mentor = await makeUser("mentor", [[tree.branchB, "member"]]);
    const sec = await as(tree.secB);
    const admin = await as(tree.admin);
    const id = await nominated(sec, nominee.id);

    expect((await admin.post(`/api/talent/reserves/${id}/assessment`, fullAssessment())).body.status).toBe("admitted");
    const plan = await admin.post(`/api/talent/reserves/${id}/plan`, {
      on: "2026-02-05",
      mentorIds: [mentor.id],
      items: [
        { kind: "task", title: "牵头一个产业项目" },
        { kind: "task", title: "列席支委会" },
      ],
    });
    expect(plan.status).toBe(200);
    const stay = await admin.post(`/api/talent/reserves/${id}/review`, {
      on: "2026-08-01",
      outcome: "stay",
      note: "表现良好",
    });
    expect(stay.body.status).toBe("admitted");
    const detail = await sec.get(`/api/talent/reserves/${id}`);
    // The next review is due by the rules' interval after the last one.
    expect(detail.body.reviewDueOn).toBe("2027-02-01");
    expect(detail.body.mentorIds).toEqual([mentor.id]);
    const used = await admin.post(`/api/talent/reserves/${id}/review`, {
      on: "2026-09-01",
      outcome: "use",
      note: "换届选举",
      post: "村委会副主任",
    });
    expect(used.body.status).toBe("used");

    const steps = await db().select().from(talentSteps).where(eq(talentSteps.reserveId, id));
    expect(steps.map((s) => s.kind).sort()).toEqual(["admitted", "nominated", "planned", "reviewed", "used"]);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, id));
    expect(events.map((e) => e.kind).sort()).toEqual(
      ["talent.admitted", "talent.nominated", "talent.planned", "talent.reviewed", "talent.used"].sort(),
    );
    const admitted = steps.find((s) => s.kind === "admitted")!;
    expect(admitted.detail).toMatchObject({ rule: { version: 0, standard: DEFAULT_RULE.standard } });
    // Used is final: no more reviews.
    const again = await admin.post(`/api/talent/reserves/${id}/review`, {
      on: "2026-10-01",
      outcome: "stay",
      note: "x",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("out_of_order");
  });

  it("exit with a reason leaves the entry and its history; a correction is a new step", async () => {
    const nominee = await makeUser("leaver", [[tree.branchB, "member"]]);
    const admin = await as(tree.admin);
    const id = await nominated(await as(tree.secB), nominee.id, { track: "other" });
    await admin.post(`/api/talent/reserves/${id}/assessment`, fullAssessment());
    const exit = await admin.post(`/api/talent/reserves/${id}/review`, {
      on: "2026-03-01",
      outcome: "exit",
      note: "外出务工",
    });
    expect(exit.body.status).toBe("exited");
    const detail = await admin.get(`/api/talent/reserves/${id}`);
    const exitStep = detail.body.steps.find((s: { kind: string }) => s.kind === "exited");
    expect(exitStep.detail.reason).toBe("外出务工");
    const fix = await admin.post(`/api/talent/reserves/${id}/corrections`, {
      stepId: exitStep.id,
      on: "2026-03-02",
      note: "原因应为：工作调动",
    });
    expect(fix.status).toBe(201);
    const after = await admin.get(`/api/talent/reserves/${id}`);
    expect(after.body.steps.map((s: { kind: string }) => s.kind)).toEqual([
      "nominated",
      "admitted",
      "exited",
      "corrected",
    ]);
    expect(after.body.steps[2].detail.reason).toBe("外出务工");
    // Out of the pool, the person may be nominated again: a new entry, the old one kept.
    const back = await nominated(await as(tree.secB), nominee.id, { on: "2026-04-01" });
    expect(back).not.toBe(id);
  });
});

describe("reserve pool: refusals", () => {
  it("criteria unmet or an item of the negative list bars admission and changes nothing; a refusal is recorded", async () => {
    const nominee = await makeUser("barred", [[tree.branchB, "member"]]);
    const admin = await as(tree.admin);
    const id = await nominated(await as(tree.secB), nominee.id);
    const unmet = fullAssessment();
    unmet.criteria[2]!.met = false;
    const r1 = await admin.post(`/api/talent/reserves/${id}/assessment`, unmet);
    expect(r1.status).toBe(422);
    expect(r1.body.error.code).toBe("criteria_unmet");
    expect(r1.body.error.details).toEqual([{ key: "develop", label: "带头致富能力强" }]);
    const noEvidence = fullAssessment();
    noEvidence.criteria[0]!.evidence = "";
    expect((await admin.post(`/api/talent/reserves/${id}/assessment`, noEvidence)).body.error.code).toBe(
      "criteria_unmet",
    );
    const listed = fullAssessment();
    listed.negatives[1]!.hit = true;
    const r2 = await admin.post(`/api/talent/reserves/${id}/assessment`, listed);
    expect(r2.status).toBe(422);
    expect(r2.body.error.code).toBe("negative_listed");
    expect(r2.body.error.details[0].key).toBe("crime");
    const partial = fullAssessment({ negatives: [] });
    expect((await admin.post(`/api/talent/reserves/${id}/assessment`, partial)).status).toBe(422);
    const [row] = await db().select().from(talentReserves).where(eq(talentReserves.id, id));
    expect(row?.status).toBe("nominated");

    const refused = await admin.post(`/api/talent/reserves/${id}/assessment`, {
      ...listed,
      decision: "refuse",
      reason: "负面清单：有违法犯罪记录",
    });
    expect(refused.body.status).toBe("refused");
    const detail = await admin.get(`/api/talent/reserves/${id}`);
    const step = detail.body.steps.find((s: { kind: string }) => s.kind === "refused");
    expect(step.detail.negatives).toEqual([{ key: "crime", label: "有违法犯罪记录" }]);
    expect(step.detail.reason).toBe("负面清单：有违法犯罪记录");
  });

  it("out of order: review before admission, a step dated before the last, a future date, a second admission", async () => {
    const nominee = await makeUser("order", [[tree.branchB, "member"]]);
    const admin = await as(tree.admin);
    const id = await nominated(await as(tree.secB), nominee.id, { on: "2026-03-01" });
    const early = await admin.post(`/api/talent/reserves/${id}/review`, {
      on: "2026-04-01",
      outcome: "stay",
      note: "x",
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("out_of_order");
    const before = await admin.post(`/api/talent/reserves/${id}/assessment`, fullAssessment({ on: "2026-02-01" }));
    expect(before.status).toBe(422);
    expect(before.body.error.details).toEqual({ lastOn: "2026-03-01" });
    const future = await admin.post(`/api/talent/reserves/${id}/assessment`, fullAssessment({ on: "2099-01-01" }));
    expect(future.status).toBe(422);
    expect(future.body.error.details[0].code).toBe("invalid_date");
    expect(
      (await admin.post(`/api/talent/reserves/${id}/assessment`, fullAssessment({ on: "2026-03-02" }))).status,
    ).toBe(200);
    const twice = await admin.post(`/api/talent/reserves/${id}/assessment`, fullAssessment({ on: "2026-03-03" }));
    expect(twice.status).toBe(409);
    const stale = await admin.post(`/api/talent/reserves/${id}/review`, {
      on: "2026-03-01",
      outcome: "stay",
      note: "x",
    });
    expect(stale.status).toBe(422);
  });

  it("rights by subtree: a branch secretary reads but does not decide; another branch sees nothing; nobody decides their own case", async () => {
    const nominee = await makeUser("rights", [[tree.branchB, "member"]]);
    const secB = await as(tree.secB);
    const id = await nominated(secB, nominee.id);
    expect((await secB.post(`/api/talent/reserves/${id}/assessment`, fullAssessment())).status).toBe(403);
    const secA = await as(tree.secA);
    expect((await secA.get(`/api/talent/reserves/${id}`)).status).toBe(404);
    expect((await secA.post(`/api/talent/reserves/${id}/assessment`, fullAssessment())).status).toBe(404);
    expect((await secA.get(`/api/orgs/${tree.branchB.id}/talent/reserves`)).status).toBe(404);
    const fromA = await secA.post("/api/talent/reserves", {
      memberId: nominee.id,
      track: "top",
      source: "committee",
      reason: "x",
      on: "2026-01-10",
    });
    expect(fromA.status).toBe(404);

    // An admin who is in the pool does not admit themself; another admin of the committee does.
    const adminInPool = await makeUser("adminInPool", [
      [tree.committee, "admin"],
      [tree.branchB, "member"],
    ]);
    const ownId = await nominated(secB, adminInPool.id);
    const own = await (await as(adminInPool)).post(`/api/talent/reserves/${ownId}/assessment`, fullAssessment());
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("own_case");
    expect(
      (await (await as(tree.admin)).post(`/api/talent/reserves/${ownId}/assessment`, fullAssessment())).status,
    ).toBe(200);
    // And nobody nominates themself.
    const self = await (await as(nominee)).post("/api/talent/reserves", {
      memberId: nominee.id,
      track: "top",
      source: "members",
      reason: "x",
      on: "2026-01-10",
    });
    expect(self.body.error.code).toBe("own_case");
  });
});

describe("reserve pool: held by the organisation", () => {
  it("a member recommends a colleague and learns nothing about who is in the pool, not even themself", async () => {
    const inPool = await makeUser("inPool", [[tree.branchB, "member"]]);
    const notInPool = await makeUser("notInPool", [[tree.branchB, "member"]]);
    const id = await nominated(await as(tree.secB), inPool.id);
    await (await as(tree.admin)).post(`/api/talent/reserves/${id}/assessment`, fullAssessment());
    const member = await as(tree.memB);
    const body = { track: "other", source: "committee", reason: "群众口碑好", on: "2026-05-01" };
    const a = await member.post("/api/talent/reserves", { ...body, memberId: inPool.id });
    const b = await member.post("/api/talent/reserves", { ...body, memberId: notInPool.id });
    // The same answer whether the colleague is already in the pool or not.
    expect([a.status, a.body]).toEqual([201, { received: true }]);
    expect([b.status, b.body]).toEqual([a.status, a.body]);
    // The recommendation joined the existing entry as a step, counted as the members' voice.
    const steps = await db().select().from(talentSteps).where(eq(talentSteps.reserveId, id));
    expect(steps.filter((s) => s.kind === "nominated").map((s) => s.detail.source)).toEqual(["committee", "members"]);

    expect((await member.get(`/api/orgs/${tree.branchB.id}/talent/reserves`)).status).toBe(403);
    expect((await member.get(`/api/orgs/${tree.branchB.id}/talent/coverage`)).status).toBe(403);
    expect((await member.get(`/api/orgs/${tree.branchB.id}/talent/coverage/summary`)).status).toBe(403);
    const self = await as(inPool);
    expect((await self.get(`/api/talent/reserves/${id}`)).status).toBe(403);
    // Their own archive shows nothing of the pool's deliberations…
    const own = await self.get(`/api/archives/${inPool.id}`);
    expect(own.body.items.filter((e: { kind: string }) => e.kind.startsWith("talent."))).toEqual([]);
    const facets = await self.get(`/api/archives/${inPool.id}/facets`);
    expect(facets.body.items.filter((f: { kind: string }) => f.kind.startsWith("talent."))).toEqual([]);
    const exported = await self.get(`/api/archives/${inPool.id}/export?kind=talent.admitted`);
    expect(exported.body.events).toEqual([]);
    // …while the branch secretary reading the same archive sees them.
    const bySec = await (await as(tree.secB)).get(`/api/archives/${inPool.id}`);
    expect(bySec.body.items.map((e: { kind: string }) => e.kind)).toContain("talent.admitted");
  });
});

describe("rules and coverage", () => {
  it("a new version of the rules judges new entries; entries already decided keep theirs", async () => {
    const county = await makeOrg(tree.committee, "测试县委", "committee");
    const village = await makeOrg(county, "试点村支部", "branch", "village");
    const sec = await makeUser("villageSec", [
      [village, "secretary"],
      [village, "member"],
    ]);
    const first = await makeUser("firstIn", [[village, "member"]]);
    const second = await makeUser("secondIn", [[village, "member"]]);
    const admin = await as(tree.admin);
    const rule = {
      ...DEFAULT_RULE,
      standard: "一好双强",
      source: "县委组织部文件",
      criteria: [
        { key: "political", label: "政治素质好" },
        { key: "develop", label: "带头致富能力强" },
        { key: "lead", label: "带领群众致富能力强" },
      ],
      negatives: [{ key: "crime", label: "有违法犯罪记录" }],
      targets: { top: 1, other: 0, activist: 0 },
    };
    const v1 = await admin.post(`/api/orgs/${county.id}/talent/rules`, rule);
    expect(v1.body.version).toBe(1);
    const secClient = await as(sec);
    const firstId = await nominated(secClient, first.id);
    const answers = {
      decision: "admit",
      on: "2026-02-01",
      criteria: rule.criteria.map((c) => ({ key: c.key, met: true, evidence: "村集体经济台账" })),
      negatives: [{ key: "crime", hit: false }],
      reason: "同意",
    };
    // The built-in default's answers do not fit this committee's rules.
    expect((await admin.post(`/api/talent/reserves/${firstId}/assessment`, fullAssessment())).status).toBe(422);
    expect((await admin.post(`/api/talent/reserves/${firstId}/assessment`, answers)).status).toBe(200);

    const v2 = await admin.post(`/api/orgs/${county.id}/talent/rules`, {
      ...rule,
      criteria: [...rule.criteria, { key: "serve", label: "服务群众能力强" }],
    });
    expect(v2.body.version).toBe(2);
    const secondId = await nominated(secClient, second.id);
    expect((await admin.post(`/api/talent/reserves/${secondId}/assessment`, answers)).status).toBe(422);
    const firstAfter = await admin.get(`/api/talent/reserves/${firstId}`);
    expect(firstAfter.body.rule.version).toBe(1);
    expect(firstAfter.body.steps[1].detail.rule.version).toBe(1);
    const listed = await admin.get(`/api/orgs/${county.id}/talent/rules`);
    expect(listed.body.current.version).toBe(2);
    expect(listed.body.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    // Only a committee admin writes rules.
    expect((await secClient.post(`/api/orgs/${village.id}/talent/rules`, rule)).status).toBe(403);
  });

  it("coverage lists the branches short of their targets, against hand-counted fixtures", async () => {
    const city = await makeOrg(null, "覆盖测试市委", "committee");
    const county = await makeOrg(city, "覆盖测试县委", "committee");
    const v1 = await makeOrg(county, "一村", "branch", "village");
    await makeOrg(county, "二村", "branch", "village");
    await makeOrg(city, "三社区", "branch", "community");
    const cityAdmin = await makeUser("cityAdmin", [[city, "admin"]]);
    const admin = await as(cityAdmin);
    // The county sets "111"; the community under the city keeps the built-in "234".
    await admin.post(`/api/orgs/${county.id}/talent/rules`, {
      ...DEFAULT_RULE,
      targets: { top: 1, other: 1, activist: 1 },
    });
    const secV1 = await makeUser("secV1", [[v1, "secretary"]]);
    const sec = await as(secV1);
    // 一村: one admitted top, one admitted other, one activist nominated but not admitted → short of 1 activist.
    for (const [track, admit] of [
      ["top", true],
      ["other", true],
      ["activist", false],
    ] as const) {
      const person = await makeUser(`v1-${track}`, [[v1, "member"]]);
      const id = await nominated(sec, person.id, { track });
      if (admit) await admin.post(`/api/talent/reserves/${id}/assessment`, fullAssessment());
    }
    const summary = await admin.get(`/api/orgs/${city.id}/talent/coverage/summary`);
    expect(summary.body).toEqual({ branches: 3, met: 0 });
    const report = await admin.get(`/api/orgs/${city.id}/talent/coverage?limit=2`);
    expect(report.status).toBe(200);
    expect(report.body.items).toHaveLength(2);
    const rest = await admin.get(`/api/orgs/${city.id}/talent/coverage?limit=2&after=${report.body.next}`);
    expect(rest.body.next).toBeNull();
    const items = report.body.items.concat(rest.body.items);
    const byName = Object.fromEntries(items.map((s: { orgName: string }) => [s.orgName, s]));
    expect(byName.一村.gaps).toEqual([{ track: "activist", have: 0, target: 1, missing: 1 }]);
    expect(byName.二村.gaps.map((g: { missing: number }) => g.missing)).toEqual([1, 1, 1]);
    expect(byName.三社区.gaps).toEqual([
      { track: "top", have: 0, target: 2, missing: 2 },
      { track: "other", have: 0, target: 3, missing: 3 },
      { track: "activist", have: 0, target: 4, missing: 4 },
    ]);
    expect(byName.三社区.ruleVersion).toBe(0);
    const countyOnly = await admin.get(`/api/orgs/${county.id}/talent/coverage/summary`);
    expect(countyOnly.body.branches).toBe(2);
  });
});
