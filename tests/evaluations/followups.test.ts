import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, evalFollowupSteps, evalFollowups } from "../../schema";
import { dayOf } from "../../worker/lib/day";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { DAY, followupsFor } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let sec: Client;
let admin: Client;
let admin2: Client;
const m: { id: string; username: string }[] = [];
let f: Record<string, string>;

const ago = (n: number) => dayOf(Date.now() - n * DAY);
const codes = (r: { body: any }) => (r.body.error?.details?.blockers ?? []).map((b: { code: string }) => b.code);
const step = (c: Client, id: string, name: string, takenOn: string, extra: Record<string, unknown> = {}) =>
  c.post(`/api/eval-followups/${id}/steps`, {
    step: name,
    takenOn,
    actor: "支部委员会",
    decision: "同意",
    evidence: "谈话记录、会议记录",
    ...extra,
  });
async function ok(c: Client, id: string, name: string, takenOn: string, extra: Record<string, unknown> = {}) {
  const r = await step(c, id, name, takenOn, extra);
  if (r.status !== 201) throw new Error(`${name} on ${takenOn}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const vote = (entitled: number, yes: number) => ({ entitled, for: yes, against: entitled - yes, abstain: 0 });
const view = async (c: Client, id: string) => (await c.get(`/api/eval-followups/${id}`)).body;
/** Help plan, a talk and 限期改正 that ran out 10 days ago. */
async function educatedAndDue(id: string) {
  await ok(sec, id, "plan", ago(190), { dueOn: ago(120) });
  await ok(sec, id, "talk", ago(180));
  await ok(sec, id, "deadline", ago(100), { dueOn: ago(10) });
}

beforeAll(async () => {
  tree = await makeTree();
  for (let i = 0; i < 6; i++) m.push(await makeUser(`不合格${i}`, [[tree.branchA, "member"]]));
  const second = await makeUser("admin2", [[tree.committee, "admin"]]);
  [sec, admin, admin2] = await Promise.all([as(tree.secA), as(tree.admin), as(second)]);
  f = await followupsFor(
    admin,
    tree.committee.id,
    tree.branchA.id,
    m.map((x) => x.id),
    tree.secA.id,
    200,
  );
});

describe("follow-ups of 不合格", () => {
  it("a 不合格 grade opens a follow-up whose first step is the help plan", async () => {
    const v = await view(sec, f[m[0]!.id]!);
    expect(v.followup).toMatchObject({ status: "open", nextStep: "plan", memberName: "不合格0" });
    expect(v.canRecord).toBe(true);
    expect(v.canApprove).toBe(false);
    const possible = v.options.filter((o: any) => o.blockers.length === 0).map((o: any) => o.step);
    expect(possible).toEqual(["plan", "remove"]);
    // Removal before any refusal to leave stands only on lapsing, and the page says so.
    expect(v.options.find((o: any) => o.step === "remove").condition).toEqual({ code: "lapsed_only", needed: 6 });
    const talk = v.options.find((o: any) => o.step === "talk");
    expect(talk.blockers).toEqual([{ code: "missing_previous", step: "plan" }]);
  });

  it("education first: talks after a plan, 限期改正 only after a talk, persuasion only once its time ran out", async () => {
    const id = f[m[0]!.id]!;
    expect(codes(await step(sec, id, "talk", ago(190)))).toEqual(["missing_previous"]);
    expect(codes(await step(sec, id, "deadline", ago(190), { dueOn: ago(100) }))).toEqual(["missing_previous"]);
    const noDue = await step(sec, id, "plan", ago(190));
    expect(noDue.status).toBe(422);
    expect(noDue.body.error.details[0].path).toBe("dueOn");
    expect(codes(await step(sec, id, "plan", ago(190), { dueOn: ago(195) }))).toEqual(["due_before_taken"]);
    expect(codes(await step(sec, id, "plan", ago(-2), { dueOn: ago(-30) }))).toEqual(["in_future"]);
    expect(codes(await step(sec, id, "plan", ago(210), { dueOn: ago(120) }))).toEqual(["before_previous"]);
    await ok(sec, id, "plan", ago(190), { dueOn: ago(120) });
    expect(codes(await step(sec, id, "plan", ago(189), { dueOn: ago(120) }))).toEqual(["already_done"]);
    expect(codes(await step(sec, id, "deadline", ago(185), { dueOn: ago(100) }))).toEqual(["education_first"]);
    expect(codes(await step(sec, id, "improved", ago(185)))).toEqual(["education_first"]);
    await ok(sec, id, "talk", ago(180));
    await ok(sec, id, "talk", ago(150));
    expect(codes(await step(sec, id, "talk", ago(170)))).toEqual(["before_previous"]);
    expect(codes(await step(sec, id, "persuade", ago(140), vote(9, 8)))).toEqual(["missing_previous"]);
    await ok(sec, id, "deadline", ago(100), { dueOn: ago(10) });
    expect((await view(sec, id)).followup).toMatchObject({ nextStep: "corrected", nextDueOn: ago(10) });
    expect(codes(await step(sec, id, "improved", ago(90)))).toEqual(["in_correction"]);
    const early = await step(sec, id, "persuade", ago(20), vote(9, 8));
    expect(early.body.error.details.blockers).toEqual([{ code: "deadline_not_reached", date: ago(10) }]);
    expect(codes(await step(sec, id, "persuade", ago(5), vote(9, 4)))).toEqual(["vote_not_passed"]);
    expect(codes(await step(sec, id, "withdrew", ago(5)))).toEqual(["approval_missing"]);
    expect((await step(sec, id, "persuade", ago(5), { entitled: 3, for: 3, against: 1, abstain: 0 })).status).toBe(422);
  });

  it("劝其退党 takes effect only when a committee above approves, never its proposer or the branch", async () => {
    const id = f[m[0]!.id]!;
    // The committee admin records the branch meeting's decision; someone else must approve it.
    await ok(admin, id, "persuade", ago(5), vote(9, 8));
    expect((await view(sec, id)).followup.nextStep).toBe("approval");
    expect(codes(await step(sec, id, "talk", ago(4)))).toEqual([]);
    expect(codes(await step(sec, id, "corrected", ago(4)))).toEqual(["awaiting_approval"]);
    expect(codes(await step(sec, id, "approval", ago(3), { approved: true }))).toEqual(["committee_only"]);
    expect(codes(await step(admin, id, "approval", ago(3), { approved: true }))).toEqual(["own_proposal"]);
    expect((await step(admin2, id, "approval", ago(3))).status).toBe(422);
    await ok(admin2, id, "approval", ago(3), { approved: true });
    expect(codes(await step(admin2, id, "approval", ago(3), { approved: true }))).toEqual(["nothing_to_approve"]);
    expect(codes(await step(sec, id, "corrected", ago(2)))).toEqual(["already_done"]);
    expect((await view(sec, id)).followup.nextStep).toBe("withdrew");
  });

  it("除名 after 劝而不退, approved by the committee, closes the follow-up; nothing after it", async () => {
    const id = f[m[0]!.id]!;
    expect(codes(await step(sec, id, "remove", ago(2), vote(9, 8)))).toEqual(["missing_previous"]);
    await ok(sec, id, "declined", ago(2));
    expect((await view(sec, id)).followup.nextStep).toBe("remove");
    await ok(sec, id, "remove", ago(1), { ...vote(9, 7), grounds: "declined" });
    await ok(admin, id, "approval", ago(0), { approved: true });
    const v = await view(sec, id);
    expect(v.followup).toMatchObject({ status: "closed", outcome: "removed", nextStep: null, nextDueOn: null });
    expect(v.options).toEqual([]);
    expect(v.canRecord).toBe(false);
    expect(codes(await step(sec, id, "talk", ago(0)))).toEqual(["followup_closed"]);
    // Every step is in the member's growth archive, in the same batch as the step.
    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.kind, "followup"), eq(archiveEvents.memberId, m[0]!.id)))
      .orderBy(asc(archiveEvents.occurredAt));
    expect(events.map((e) => (e.summary as { step: string }).step)).toEqual([
      "plan",
      "talk",
      "talk",
      "deadline",
      "persuade",
      "talk",
      "approval",
      "declined",
      "remove",
      "approval",
    ]);
    expect(events.at(-1)!.summary).toMatchObject({ approved: true, outcome: "removed" });
  });

  it("education that works closes the follow-up: 经教育已转变, or 按期改正 after 限期改正", async () => {
    const a = f[m[1]!.id]!;
    await ok(sec, a, "plan", ago(60), { dueOn: ago(10) });
    await ok(sec, a, "talk", ago(50));
    await ok(sec, a, "improved", ago(5));
    expect((await view(sec, a)).followup).toMatchObject({ status: "closed", outcome: "improved" });
    const b = f[m[2]!.id]!;
    await ok(sec, b, "plan", ago(60), { dueOn: ago(40) });
    await ok(sec, b, "talk", ago(50));
    await ok(sec, b, "deadline", ago(40), { dueOn: ago(-20) });
    await ok(sec, b, "corrected", ago(1));
    expect((await view(sec, b)).followup).toMatchObject({ status: "closed", outcome: "corrected" });
  });

  it("a refused persuasion is void: the branch may bring it again, and the member may withdraw once it stands", async () => {
    const id = f[m[3]!.id]!;
    await educatedAndDue(id);
    await ok(sec, id, "persuade", ago(8), vote(9, 5));
    await ok(admin, id, "approval", ago(7), { approved: false });
    const after = await view(sec, id);
    expect(after.followup.nextStep).toBe("corrected");
    expect(codes(await step(sec, id, "withdrew", ago(6)))).toEqual(["approval_missing"]);
    await ok(sec, id, "persuade", ago(6), vote(9, 8));
    await ok(admin, id, "approval", ago(5), { approved: true });
    await ok(sec, id, "withdrew", ago(4));
    expect((await view(sec, id)).followup).toMatchObject({ status: "closed", outcome: "withdrew" });
  });

  it("自行脱党: removal without the earlier steps needs six months lapsed", async () => {
    const id = f[m[4]!.id]!;
    const short = await step(sec, id, "remove", ago(3), { ...vote(9, 8), grounds: "lapsed", lapsedMonths: 5 });
    expect(short.body.error.details.blockers).toEqual([{ code: "lapsed_short", n: 5, needed: 6 }]);
    await ok(sec, id, "remove", ago(3), { ...vote(9, 8), grounds: "lapsed", lapsedMonths: 7 });
    expect((await view(sec, id)).followup.nextStep).toBe("approval");
  });

  it("two committee members answering one proposal at once: one answer stands", async () => {
    const id = f[m[4]!.id]!;
    const answers = await Promise.all([
      step(admin, id, "approval", ago(1), { approved: true }),
      step(admin2, id, "approval", ago(1), { approved: false }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await db().select().from(evalFollowupSteps).where(eq(evalFollowupSteps.followupId, id));
    expect(rows.filter((r) => r.step === "approval")).toHaveLength(1);
  });

  it("a correction is a new step naming the one it corrects; the original stays and the deadline follows it", async () => {
    const id = f[m[5]!.id]!;
    const plan = await ok(sec, id, "plan", ago(30), { dueOn: ago(-5) });
    expect((await view(sec, id)).followup.nextDueOn).toBe(ago(-5));
    const fix = { takenOn: ago(30), actor: "支部书记", decision: "帮扶计划", evidence: "计划书", dueOn: ago(-40) };
    const noReason = await sec.post(`/api/eval-followups/${id}/steps/${plan.id}/corrections`, fix);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe("reason");
    const r = await sec.post(`/api/eval-followups/${id}/steps/${plan.id}/corrections`, { ...fix, reason: "期限笔误" });
    expect(r.status).toBe(201);
    const v = await view(sec, id);
    expect(v.followup.nextDueOn).toBe(ago(-40));
    expect(v.steps.map((s: any) => [s.step, s.correctsId, s.dueOn])).toEqual([
      ["plan", null, ago(-5)],
      ["plan", plan.id, ago(-40)],
    ]);
    const member = await as(m[5]!);
    const own = await member.post(`/api/eval-followups/${id}/steps/${plan.id}/corrections`, {
      ...fix,
      reason: "本人修改",
    });
    expect(codes(own)).toEqual(["own_case"]);
    const [row] = await db().select().from(evalFollowups).where(eq(evalFollowups.id, id));
    expect(row!.nextDueOn).toBe(ago(-40));
  });

  it("a secretary of a party group inside the branch does not keep its follow-ups", async () => {
    const group = await makeOrg(tree.branchA, "第一党小组", "group");
    const groupSec = await as(await makeUser("组长", [[group, "secretary"]]));
    expect((await groupSec.get(`/api/eval-followups/${f[m[5]!.id]}`)).status).toBe(404);
  });
});
