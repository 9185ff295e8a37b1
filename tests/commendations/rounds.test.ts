import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, bastionScores, commendationRounds } from "../../schema";
import { addDays, dayOf, yearRange } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { approvedVeto, nominate, openFollowup, openRound, results, YEAR, yearCycle } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let cycleA: string;
beforeAll(async () => {
  tree = await makeTree();
  cycleA = await yearCycle(tree.branchA);
});

const today = () => dayOf(Date.now());
/** Time passes: the notice ended yesterday. */
const endNotice = (roundId: string) =>
  db()
    .update(commendationRounds)
    .set({ noticeEndsAt: Date.now() - 1 })
    .where(eq(commendationRounds.id, roundId));

describe("a commendation round from nomination to result", () => {
  it("the branch nominates, the evidence comes from the records, the committee decides, 公示 with an objection answered, then the archive", async () => {
    const admin = await as(tree.admin);
    const secA = await as(tree.secA);
    const strong = await makeUser("strongA", [[tree.branchA, "member"]]);
    const thin = await makeUser("thinA", [[tree.branchA, "member"]]);
    await results(strong.id, tree.branchA.id, cycleA, { score: 88.5, grade: "excellent", hours: 6 });
    await results(strong.id, tree.branchA.id, cycleA, { hours: 6.5 });
    const roundId = await openRound(admin, tree.committee.id);
    const strongN = await nominate(secA, roundId, strong.id);
    const thinN = await nominate(secA, roundId, thin.id);

    // The nominee's page: each criterion against the records, with the records named.
    const page = await secA.get(`/api/commendations/nominees/${strongN}`);
    expect(page.status).toBe(200);
    const byKey = Object.fromEntries(page.body.evidence.criteria.map((c: any) => [c.key, c]));
    expect(byKey.vanguard).toMatchObject({ status: "met", value: 88.5, required: 80 });
    expect(byKey.appraisal).toMatchObject({ status: "met", value: "excellent" });
    expect(byKey.service).toMatchObject({ status: "met", value: 12.5 });
    expect(byKey.service.sources).toHaveLength(2);
    // Missing is missing, never zero; no confirmed service is a real zero.
    const thinPage = await secA.get(`/api/commendations/nominees/${thinN}`);
    const thinKeys = Object.fromEntries(thinPage.body.evidence.criteria.map((c: any) => [c.key, c]));
    expect(thinKeys.vanguard.status).toBe("missing");
    expect(thinKeys.appraisal.status).toBe("missing");
    expect(thinKeys.service).toMatchObject({ status: "unmet", value: 0 });

    expect((await admin.post(`/api/commendations/nominees/${strongN}/decision`, { approve: true })).status).toBe(200);
    expect((await admin.post(`/api/commendations/nominees/${thinN}/decision`, { approve: false })).status).toBe(200);

    // The notice starts today; anyone in the subtree may object to a nominee on it.
    const notice = await admin.post(`/api/commendations/${roundId}/notice`, {
      startsOn: today(),
      endsOn: addDays(today(), 6),
    });
    expect(notice.status).toBe(200);
    const memB = await as(tree.memB);
    const shown = await memB.get(`/api/commendations/${roundId}`);
    expect(shown.status).toBe(200);
    // The 公示 list: the approved nominee by name and branch, no evidence and no decision reasons; not the refused one.
    expect(shown.body.nominees.map((n: any) => n.name)).toEqual(["strongA"]);
    expect(shown.body.nominees[0]).toMatchObject({ orgName: "社区支部", evidence: null });
    const objection = await memB.post(`/api/commendations/nominees/${strongN}/objections`, { text: "服务时长有夸大" });
    expect(objection.status).toBe(201);

    // Not final while the notice runs, nor while an objection is unanswered.
    const early = await admin.post(`/api/commendations/${roundId}/finalise`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("notice_running");
    await endNotice(roundId);
    const late = await memB.post(`/api/commendations/nominees/${strongN}/objections`, { text: "再提一条" });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("outside_window");
    const open = await admin.post(`/api/commendations/${roundId}/finalise`);
    expect(open.status).toBe(409);
    expect(open.body.error.code).toBe("objection_open");
    const committeeView = await admin.get(`/api/commendations/${roundId}`);
    expect(committeeView.body.objections[0]).toMatchObject({ lodgerName: "memB", text: "服务时长有夸大" });
    const answered = await admin.post(`/api/commendations/objections/${objection.body.id}/answer`, {
      outcome: "dismissed",
      answer: "经核实，服务记录均经支部确认",
    });
    expect(answered.status).toBe(200);
    const done = await admin.post(`/api/commendations/${roundId}/finalise`);
    expect(done.status).toBe(200);
    expect(done.body.commended).toBe(1);
    expect((await admin.post(`/api/commendations/${roundId}/finalise`)).status).toBe(409);

    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.kind, "commendation")));
    const mine = events.filter((e) => e.subjectId === strongN || e.subjectId === thinN);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ memberId: strong.id, orgId: tree.branchA.id });
    expect(mine[0]?.summary).toMatchObject({ round: `${YEAR}年度优秀共产党员`, kind: "excellent_member" });
    // The member's own archive shows it.
    const own = await (await as(strong)).get(`/api/archives/${strong.id}`);
    expect(JSON.stringify(own.body)).toContain("commendation");
  });
});

describe("refusals", () => {
  it("a branch nominates only its own members, never itself, and the committee does not nominate members", async () => {
    const roundId = await openRound(await as(tree.admin), tree.committee.id);
    const secA = await as(tree.secA);
    const other = await secA.post(`/api/commendations/${roundId}/nominees`, {
      subjectId: tree.memB.id,
      statement: "x",
    });
    expect(other.status).toBe(404);
    const self = await secA.post(`/api/commendations/${roundId}/nominees`, { subjectId: tree.secA.id, statement: "x" });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe("own_case");
    const byCommittee = await (await as(tree.admin)).post(`/api/commendations/${roundId}/nominees`, {
      subjectId: tree.memA.id,
      statement: "x",
    });
    expect(byCommittee.status).toBe(403);
    const member = await (await as(tree.memA)).post(`/api/commendations/${roundId}/nominees`, {
      subjectId: tree.secA.id,
      statement: "x",
    });
    expect(member.status).toBe(403);
  });

  it("a veto item or an open 不合格 follow-up bars a nomination, and the answer says which record", async () => {
    const roundId = await openRound(await as(tree.admin), tree.committee.id);
    const secA = await as(tree.secA);
    const vetoed = await makeUser("vetoedA", [[tree.branchA, "member"]]);
    const followed = await makeUser("followedA", [[tree.branchA, "member"]]);
    await approvedVeto(vetoed.id, tree.branchA.id);
    await openFollowup(followed.id, tree.branchA.id, cycleA);
    const a = await secA.post(`/api/commendations/${roundId}/nominees`, { subjectId: vetoed.id, statement: "x" });
    expect(a.status).toBe(409);
    expect(a.body.error.code).toBe("not_eligible");
    expect(a.body.error.details).toEqual([
      expect.objectContaining({ reason: "veto", sourceType: "vanguard_adjustment" }),
    ]);
    const b = await secA.post(`/api/commendations/${roundId}/nominees`, { subjectId: followed.id, statement: "x" });
    expect(b.status).toBe(409);
    expect(b.body.error.details).toEqual([expect.objectContaining({ reason: "open_followup" })]);
  });

  it("nobody decides their own nomination; a branch secretary does not decide", async () => {
    const roundId = await openRound(await as(tree.admin), tree.committee.id);
    const both = await makeUser("committeeMemberA", [
      [tree.branchA, "member"],
      [tree.committee, "admin"],
    ]);
    const n = await nominate(await as(tree.secA), roundId, both.id);
    const own = await (await as(both)).post(`/api/commendations/nominees/${n}/decision`, {
      approve: true,
      reason: "x",
    });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("own_case");
    const bySec = await (await as(tree.secA)).post(`/api/commendations/nominees/${n}/decision`, { approve: true });
    expect(bySec.status).toBe(403);
  });

  it("a decision departing from the criteria needs a reason; the quota holds unless a reason is written", async () => {
    const admin = await as(tree.admin);
    const secA = await as(tree.secA);
    const roundId = await openRound(admin, tree.committee.id, { criteria: { serviceHours: 5 } });
    const [p, q, r] = await Promise.all(["pA", "qA", "rA"].map((name) => makeUser(name, [[tree.branchA, "member"]])));
    for (const u of [p!, q!]) await results(u.id, tree.branchA.id, cycleA, { hours: 8 });
    const [np, nq, nr] = [
      await nominate(secA, roundId, p!.id),
      await nominate(secA, roundId, q!.id),
      await nominate(secA, roundId, r!.id),
    ];

    const refuseMet = await admin.post(`/api/commendations/nominees/${np}/decision`, { approve: false });
    expect(refuseMet.status).toBe(422);
    expect(refuseMet.body.error.code).toBe("reason_required");
    expect(refuseMet.body.error.details).toEqual([expect.objectContaining({ key: "service", status: "met" })]);
    const approveUnmet = await admin.post(`/api/commendations/nominees/${nr}/decision`, { approve: true });
    expect(approveUnmet.status).toBe(422);
    expect(approveUnmet.body.error.code).toBe("reason_required");

    expect((await admin.post(`/api/commendations/nominees/${np}/decision`, { approve: true })).status).toBe(200);
    const over = await admin.post(`/api/commendations/nominees/${nq}/decision`, { approve: true });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("quota_full");
    const withReason = await admin.post(`/api/commendations/nominees/${nq}/decision`, {
      approve: true,
      quotaReason: "抗洪抢险中表现突出，党委会研究同意超出名额",
    });
    expect(withReason.status).toBe(200);
    const view = await admin.get(`/api/commendations/${roundId}`);
    expect(view.body.nominees.find((n: any) => n.id === nq)).toMatchObject({
      status: "approved",
      quotaReason: expect.stringContaining("抗洪"),
    });
    // Decided once, on the record.
    expect(
      (await admin.post(`/api/commendations/nominees/${np}/decision`, { approve: false, reason: "x" })).status,
    ).toBe(409);
  });

  it("concurrent approvals cannot overrun the quota", async () => {
    const admin = await as(tree.admin);
    const secA = await as(tree.secA);
    const roundId = await openRound(admin, tree.committee.id, { criteria: { serviceHours: 0 } });
    const users = await Promise.all(["c1", "c2", "c3", "c4"].map((name) => makeUser(name, [[tree.branchA, "member"]])));
    const ids = [];
    for (const u of users) ids.push(await nominate(secA, roundId, u.id));
    const answers = await Promise.all(
      ids.map((id) => admin.post(`/api/commendations/nominees/${id}/decision`, { approve: true })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === "quota_full")).toBe(true);
  });

  it("the notice needs every nominee decided; objections only during it; finalising needs every objection answered", async () => {
    const admin = await as(tree.admin);
    const secA = await as(tree.secA);
    const roundId = await openRound(admin, tree.committee.id, { criteria: { serviceHours: 0 } });
    const u = await makeUser("noticeA", [[tree.branchA, "member"]]);
    const n = await nominate(secA, roundId, u.id);
    const beforeNotice = await (await as(tree.memB)).post(`/api/commendations/nominees/${n}/objections`, { text: "x" });
    expect(beforeNotice.status).toBe(409);
    const undecided = await admin.post(`/api/commendations/${roundId}/notice`, { startsOn: today(), endsOn: today() });
    expect(undecided.status).toBe(409);
    await admin.post(`/api/commendations/nominees/${n}/decision`, { approve: true });
    const past = await admin.post(`/api/commendations/${roundId}/notice`, {
      startsOn: addDays(today(), -3),
      endsOn: today(),
    });
    expect(past.status).toBe(422);
    expect(
      (await admin.post(`/api/commendations/${roundId}/notice`, { startsOn: today(), endsOn: today() })).status,
    ).toBe(200);
    // Nominations are closed once the notice is out.
    const lateNom = await secA.post(`/api/commendations/${roundId}/nominees`, {
      subjectId: tree.memA.id,
      statement: "x",
    });
    expect(lateNom.status).toBe(409);
    const o = await (await as(tree.memA)).post(`/api/commendations/nominees/${n}/objections`, {
      text: "群众反映有不实之处",
    });
    expect(o.status).toBe(201);
    await endNotice(roundId);
    expect((await admin.post(`/api/commendations/${roundId}/finalise`)).body.error.code).toBe("objection_open");
    // An objection upheld takes the approval back; the result then commends nobody.
    const upheld = await admin.post(`/api/commendations/objections/${o.body.id}/answer`, {
      outcome: "upheld",
      answer: "经核实属实",
    });
    expect(upheld.status).toBe(200);
    const done = await admin.post(`/api/commendations/${roundId}/finalise`);
    expect(done.body.commended).toBe(0);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, n));
    expect(events).toHaveLength(0);
  });
});

describe("rights by subtree and secrecy", () => {
  it("another tree sees nothing; a member neither reads others' evidence nor learns of nominees before the notice", async () => {
    const admin = await as(tree.admin);
    const roundId = await openRound(admin, tree.committee.id);
    const n = await nominate(await as(tree.secA), roundId, tree.memA.id);
    const elsewhere = await makeOrg(null, "别的市委", "committee");
    const stranger = await as(await makeUser("stranger", [[elsewhere, "admin"]]));
    expect((await stranger.get(`/api/commendations/${roundId}`)).status).toBe(404);
    expect((await stranger.get(`/api/commendations/nominees/${n}`)).status).toBe(404);
    expect((await stranger.post(`/api/commendations/nominees/${n}/decision`, { approve: true })).status).toBe(404);
    expect((await stranger.get(`/api/orgs/${tree.committee.id}/commendations`)).status).toBe(404);

    const memB = await as(tree.memB);
    const early = await memB.get(`/api/commendations/${roundId}`);
    expect(early.status).toBe(200);
    expect(early.body.nominees).toEqual([]);
    // The evidence page of someone else's nominee answers exactly as one that does not exist.
    const real = await memB.get(`/api/commendations/nominees/${n}`);
    const none = await memB.get("/api/commendations/nominees/aaaaaaaaaaaaaaaaaaaaaaaa");
    expect([real.status, real.body.error.code]).toEqual([none.status, none.body.error.code]);
    // The secretary of the other branch does not see branch A's nominee either.
    expect((await (await as(tree.secB)).get(`/api/commendations/${roundId}`)).body.nominees).toEqual([]);
    // The nominee sees their own page.
    expect((await (await as(tree.memA)).get(`/api/commendations/nominees/${n}`)).status).toBe(200);
    // Rounds are the committee's to open.
    expect((await (await as(tree.secA)).post(`/api/orgs/${tree.branchA.id}/commendations`, {})).status).toBe(400);
    const bySec = await (await as(tree.secA)).post(`/api/orgs/${tree.committee.id}/commendations`, {
      name: "x",
      kind: "excellent_member",
      year: YEAR,
      quota: 1,
      criteria: { serviceHours: 1 },
    });
    expect(bySec.status).toBe(404);
  });
});

describe("先进基层党组织", () => {
  it("the committee nominates branches of its subtree; evidence from the branch's own records; no branch decides its own case", async () => {
    const admin = await as(tree.admin);
    const roundId = await openRound(admin, tree.committee.id, {
      name: `${YEAR}年度先进基层党组织`,
      kind: "advanced_branch",
      criteria: { serviceHours: 5, massesMin: 0.8 },
    });
    const refused = await admin.post(`/api/orgs/${tree.committee.id}/commendations`, {
      name: "x",
      kind: "advanced_branch",
      year: YEAR,
      quota: 1,
      criteria: { appraisal: "excellent" },
    });
    expect(refused.status).toBe(422);
    expect(
      (
        await (
          await as(tree.secA)
        ).post(`/api/commendations/${roundId}/nominees`, { subjectId: tree.branchA.id, statement: "x" })
      ).status,
    ).toBe(403);
    const n = await nominate(admin, roundId, tree.branchB.id);
    const u = await makeUser("serviceB", [[tree.branchB, "member"]]);
    await results(u.id, tree.branchB.id, cycleA, { hours: 7 });
    const page = await admin.get(`/api/commendations/nominees/${n}`);
    expect(page.body.name).toBe("村支部");
    const byKey = Object.fromEntries(page.body.evidence.criteria.map((c: any) => [c.key, c]));
    expect(byKey.service).toMatchObject({ status: "met", value: 7 });
    expect(byKey.masses).toMatchObject({ status: "missing", reason: "no_ratings" });
    const insider = await makeUser("adminInB", [
      [tree.branchB, "member"],
      [tree.committee, "admin"],
    ]);
    const own = await (await as(insider)).post(`/api/commendations/nominees/${n}/decision`, {
      approve: true,
      reason: "x",
    });
    expect(own.body.error.code).toBe("own_case");
  });

  it("reads the branch index for the year: its score is the criterion, and a lagging branch cannot be nominated", async () => {
    const admin = await as(tree.admin);
    const roundId = await openRound(admin, tree.committee.id, {
      name: `${YEAR}年度先进基层党组织（堡垒指数）`,
      kind: "advanced_branch",
      criteria: { vanguardMin: 80 },
    });
    const [from, to] = yearRange(YEAR);
    const indexRow = (
      org: { id: string; path: string; name: string },
      score: number | null,
      status: "scored" | "lagging",
    ) => ({
      id: newId(),
      orgId: org.id,
      orgPath: org.path,
      orgName: org.name,
      periodStart: from,
      periodEnd: to,
      modelId: "m",
      modelVersion: 1,
      sector: "village" as const,
      score,
      status,
      band: status === "lagging" ? ("lagging" as const) : ("80-89" as const),
      inputs: {},
      explanation: {},
      summary: {},
      computedAt: Date.now(),
    });
    const lag = await makeOrg(tree.committee, "涣散支部", "branch");
    const good = await makeOrg(tree.committee, "过硬支部", "branch");
    const scored = indexRow(good, 86, "scored");
    await db()
      .insert(bastionScores)
      .values([indexRow(lag, 0, "lagging"), scored]);
    const refused = await admin.post(`/api/commendations/${roundId}/nominees`, { subjectId: lag.id, statement: "x" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("not_eligible");
    expect(refused.body.error.details).toEqual([expect.objectContaining({ reason: "lagging" })]);
    const n = await nominate(admin, roundId, good.id);
    const page = await admin.get(`/api/commendations/nominees/${n}`);
    expect(page.body.evidence.criteria[0]).toMatchObject({ key: "vanguard", status: "met", value: 86 });
    expect(page.body.evidence.criteria[0].sources).toEqual([
      expect.objectContaining({ type: "bastion_score", id: scored.id }),
    ]);
  });
});
