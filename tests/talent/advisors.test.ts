import { env } from "cloudflare:test";
import { and, eq, inArray, min } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  archiveEvents,
  auditLog,
  dueWork,
  memberships,
  notifications,
  talentAdvisorSchedules,
  talentTerms,
} from "../../schema";
import { addDays, addMonths, dayOf } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { rotateBranch } from "../../worker/talent/advisor-jobs";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { recordedTick } from "../lib/cron";

// 轮职参事: a branch's versioned schedule, and the cron job that opens, closes and reminds its terms.

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const today = dayOf(Date.now());
/** A minute past midnight of a day in the branch's zone (Asia/Shanghai). */
const at = (day: string) => Date.parse(`${day}T00:00:00+08:00`) + 60_000;

/** The whole cron on the real local D1: the statements it ran on the due index and the talent tables. */
async function tick(now: number) {
  const { ran } = await recordedTick(now);
  return ran.map((s) => s.sql).filter((s) => /due_work|talent_/.test(s));
}

async function branchWithSecretary(name: string) {
  const branch = await makeOrg(tree.committee, name, "branch");
  const sec = await makeUser(`sec-${name}`, [
    [branch, "secretary"],
    [branch, "member"],
  ]);
  return { branch, sec };
}

/** A member of the branch who joined on `joined`. */
async function member(name: string, branch: { id: string }, joined: string, more: [{ id: string }, "school"][] = []) {
  const u = await makeUser(name, [[branch, "member"], ...more]);
  await db()
    .update(memberships)
    .set({ startedAt: Date.parse(`${joined}T00:00:00Z`) })
    .where(eq(memberships.userId, u.id));
  return u;
}

const schedule = (over: Record<string, unknown> = {}) => ({
  startsOn: addDays(today, 30),
  termMonths: 3,
  seats: 2,
  noticeDays: 7,
  title: "轮职参事",
  duties: "列席支委会，牵头一项为民服务任务",
  ...over,
});

const termsOf = (branchId: string) =>
  db()
    .select()
    .from(talentTerms)
    .where(and(eq(talentTerms.orgId, branchId), eq(talentTerms.kind, "advisor")))
    .orderBy(talentTerms.startsOn, talentTerms.seat);

describe("the rotation", () => {
  it("rotates the members without a post, never-served first, then longest ago; ties by joining, then id", async () => {
    const { branch, sec } = await branchWithSecretary("轮职支部");
    const m1 = await member("m1", branch, "2020-03-01");
    const m2 = await member("m2", branch, "2019-01-01");
    const m3 = await member("m3", branch, "2019-06-01");
    const m4 = await member("m4", branch, "2021-01-01");
    await member("m5-office", branch, "2018-01-01", [[tree.school, "school"]]);
    const m6 = await member("m6-serving", branch, "2018-01-01");
    // Served before: m2's last term ended 2025-06-30, m4's 2024-12-31.
    for (const [who, endsOn] of [
      [m2, "2025-06-30"],
      [m4, "2024-12-31"],
    ] as const) {
      await db()
        .insert(talentTerms)
        .values({
          id: newId(),
          kind: "advisor",
          memberId: who.id,
          orgId: branch.id,
          title: "轮职参事",
          host: branch.name,
          duties: "列席",
          startsOn: addMonths(endsOn, -6),
          endsOn,
          closedOn: endsOn,
          assignedBy: sec.id,
          createdAt: 1,
        });
    }
    const secretary = await as(sec);
    // m6 holds a term made by hand, to the far future: not free to rotate in.
    const hand = await secretary.post("/api/talent/terms", {
      kind: "advisor",
      memberId: m6.id,
      title: "轮职参事",
      host: branch.name,
      duties: "列席支委会",
      startsOn: today,
      endsOn: addMonths(today, 24),
    });
    expect(hand.status).toBe(201);
    const set = await secretary.post(`/api/orgs/${branch.id}/talent/advisors`, schedule());
    expect(set.status).toBe(201);
    expect(set.body.version).toBe(1);
    const view = await secretary.get(`/api/orgs/${branch.id}/talent/advisors`);
    expect(view.body.queue.map((q: { name: string }) => q.name)).toEqual(["m3", "m1", "m4", "m2"]);

    const s0 = addDays(today, 30);
    const s1 = addMonths(s0, 3);
    const s2 = addMonths(s0, 6);
    await tick(at(addDays(s0, -8)));
    expect((await termsOf(branch.id)).filter((t) => t.seat)).toEqual([]);
    await tick(at(addDays(s0, -7))); // the first period opens a week ahead
    await tick(at(addDays(s1, -7))); // the second, while the first still runs
    await tick(at(s1)); // the first has ended
    await tick(at(addDays(s2, -7)));
    const seated = (await termsOf(branch.id)).filter((t) => t.seat);
    const names = new Map([m1, m2, m3, m4].map((m) => [m.id, m.username.split("-")[0]]));
    expect(seated.map((t) => [t.startsOn, t.endsOn, t.seat, names.get(t.memberId), t.closedOn])).toEqual([
      [s0, addDays(s1, -1), 1, "m3", addDays(s1, -1)],
      [s0, addDays(s1, -1), 2, "m1", addDays(s1, -1)],
      [s1, addDays(s2, -1), 1, "m4", null],
      [s1, addDays(s2, -1), 2, "m2", null],
      [s2, addDays(addMonths(s0, 9), -1), 1, "m3", null],
      [s2, addDays(addMonths(s0, 9), -1), 2, "m1", null],
    ]);
  });

  it("a due branch opens its seats once, however many ticks or runs reach it at the same moment", async () => {
    const { branch, sec } = await branchWithSecretary("并发支部");
    for (const [i, joined] of ["2020-01-01", "2020-02-01", "2020-03-01"].entries())
      await member(`c${i}`, branch, joined);
    expect((await (await as(sec)).post(`/api/orgs/${branch.id}/talent/advisors`, schedule())).status).toBe(201);
    const opensAt = at(addDays(today, 23));
    // Two runs of the branch's job at once (both read before either writes, as after a lost lease),
    // then two overlapping ticks, then one more.
    await Promise.all([rotateBranch(env.DB, branch.id, opensAt), rotateBranch(env.DB, branch.id, opensAt)]);
    await Promise.all([tick(opensAt), tick(opensAt)]);
    await tick(opensAt + 60_000);
    const terms = await termsOf(branch.id);
    expect(terms.map((t) => t.seat)).toEqual([1, 2]);
    const ids = terms.map((t) => t.id);
    const events = await db().select().from(archiveEvents).where(inArray(archiveEvents.subjectId, ids));
    expect(events.map((e) => e.kind)).toEqual(["talent.term_opened", "talent.term_opened"]);
    const audits = await db().select().from(auditLog).where(inArray(auditLog.entityId, ids));
    expect(audits).toHaveLength(2);
    const told = await db().select().from(notifications).where(eq(notifications.kind, "advisor_starting"));
    expect(told.filter((n) => terms.some((t) => t.memberId === n.userId))).toHaveLength(2);
  });

  it("an idle tick costs the one claim on the due index", async () => {
    const [first] = await db()
      .select({ at: min(dueWork.dueAt) })
      .from(dueWork);
    const idleAt = first?.at ? first.at - 1 : Date.now();
    expect(await tick(idleAt)).toEqual([
      "UPDATE due_work SET due_at = ?2 WHERE due_at <= ?1 RETURNING kind, subject, ref",
    ]);
  });
});

describe("a term's life", () => {
  it("the advisor records meetings and tasks; the secretary is told before the end; it closes at its end into the archive", async () => {
    const { branch, sec } = await branchWithSecretary("任期支部");
    const a = await member("adv-a", branch, "2020-01-01");
    await member("adv-b", branch, "2020-02-01");
    // A schedule that began a month ago (written as data: the API takes only days to come).
    const startsOn = addMonths(today, -1);
    const endsOn = addDays(addMonths(startsOn, 2), -1);
    await db().insert(talentAdvisorSchedules).values({
      id: newId(),
      orgId: branch.id,
      version: 1,
      startsOn,
      termMonths: 2,
      seats: 1,
      noticeDays: 5,
      title: "轮职参事",
      duties: "列席支委会",
      createdBy: sec.id,
      createdAt: 1,
    });
    await rotateBranch(env.DB, branch.id, Date.now());
    const [term] = await termsOf(branch.id);
    expect(term).toMatchObject({ memberId: a.id, startsOn, endsOn, seat: 1, closedOn: null });

    const advisor = await as(a);
    const mine = await advisor.get("/api/talent/my/terms");
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([term!.id]);
    for (const [kind, work, on] of [
      ["meeting", "列席支委会，讨论环境整治", addDays(today, -1)],
      ["meeting", "列席支委会，讨论年度计划", today],
      ["task", "牵头楼栋议事", today],
    ]) {
      const r = await advisor.post(`/api/talent/terms/${term!.id}/entries`, { kind, work, on });
      expect(r.status).toBe(201);
    }
    const other = await as(tree.memA);
    expect((await other.post(`/api/talent/terms/${term!.id}/entries`, { work: "x", on: today })).status).toBe(404);

    const secNotices = () =>
      db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, sec.id), eq(notifications.kind, "advisor_ending")));
    await tick(at(addDays(endsOn, -6)));
    expect(await secNotices()).toEqual([]);
    await tick(at(addDays(endsOn, -5)));
    await tick(at(addDays(endsOn, -4)));
    const ending = await secNotices();
    expect(ending.map((n) => n.params)).toEqual([{ person: "adv-a", dueOn: endsOn, title: "轮职参事" }]);

    await tick(at(addDays(endsOn, 1)));
    await rotateBranch(env.DB, branch.id, at(addDays(endsOn, 1)));
    const [closed, next] = await termsOf(branch.id);
    expect(closed!.closedOn).toBe(endsOn);
    expect(next!.memberId).not.toBe(a.id); // adv-b rotates in
    const archived = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.subjectId, term!.id), eq(archiveEvents.kind, "talent.term_closed")));
    expect(archived.map((e) => e.summary)).toEqual([
      { kind: "advisor", title: "轮职参事", host: branch.name, endsOn, meetings: 2, tasks: 1, work: 0 },
    ]);
    const own = await advisor.get(`/api/archives/${a.id}`);
    expect(own.body.items.map((e: { kind: string }) => e.kind)).toContain("talent.term_closed");
    const late = await advisor.post(`/api/talent/terms/${term!.id}/entries`, { kind: "task", work: "x", on: today });
    expect(late.status).toBe(409);
  });
});

describe("terms made by hand", () => {
  it("are reminded of (7 days ahead without a schedule) and closed at their end by the same job", async () => {
    const { branch, sec } = await branchWithSecretary("单独支部");
    const a = await member("hand-a", branch, "2020-01-01");
    const endsOn = addDays(today, 10);
    const made = await (await as(sec)).post("/api/talent/terms", {
      kind: "advisor",
      memberId: a.id,
      title: "轮职参事",
      host: branch.name,
      duties: "列席支委会",
      startsOn: today,
      endsOn,
    });
    expect(made.status).toBe(201);
    await tick(at(addDays(endsOn, -7)));
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, sec.id), eq(notifications.kind, "advisor_ending")));
    expect(told).toHaveLength(1);
    await tick(at(addDays(endsOn, 1)));
    const [term] = await termsOf(branch.id);
    expect(term!.closedOn).toBe(endsOn);
    const closed = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.subjectId, made.body.id), eq(archiveEvents.kind, "talent.term_closed")));
    expect(closed).toHaveLength(1);
    // Nothing left for the branch: its due row is gone.
    const rows = await db()
      .select()
      .from(dueWork)
      .where(and(eq(dueWork.kind, "talent_advisor"), eq(dueWork.subject, branch.id)));
    expect(rows).toEqual([]);
  });
});

describe("refusals", () => {
  it("who may set a schedule: the branch's secretary or a committee above; nobody outside; a branch only", async () => {
    const body = schedule();
    expect((await (await as(tree.secB)).post(`/api/orgs/${tree.branchA.id}/talent/advisors`, body)).status).toBe(404);
    expect((await (await as(tree.memA)).post(`/api/orgs/${tree.branchA.id}/talent/advisors`, body)).status).toBe(403);
    expect((await (await as(tree.memA)).get(`/api/orgs/${tree.branchA.id}/talent/advisors`)).status).toBe(403);
    const admin = await as(tree.admin);
    const onCommittee = await admin.post(`/api/orgs/${tree.committee.id}/talent/advisors`, body);
    expect(onCommittee.status).toBe(422);
    expect((await admin.post(`/api/orgs/${tree.branchB.id}/talent/advisors`, body)).status).toBe(201);
    const versions = await db()
      .select()
      .from(talentAdvisorSchedules)
      .where(eq(talentAdvisorSchedules.orgId, tree.branchB.id));
    expect(versions.map((v) => v.version)).toEqual([1]);
  });

  it("bad input changes nothing: past start, no seats, impossible day", async () => {
    const sec = await as(tree.secA);
    const url = `/api/orgs/${tree.branchA.id}/talent/advisors`;
    const past = await sec.post(url, schedule({ startsOn: addDays(today, -1) }));
    expect(past.status).toBe(422);
    expect(past.body.error.details[0].path).toBe("startsOn");
    expect((await sec.post(url, schedule({ seats: 0 }))).status).toBe(400);
    expect((await sec.post(url, schedule({ startsOn: "2027-02-30" }))).status).toBe(400);
    expect((await sec.get(url)).body.versions).toEqual([]);
  });

  it("a new version never overlaps the terms it opened, and keeps the old one; a serving advisor gets no second term", async () => {
    const { branch, sec } = await branchWithSecretary("改版支部");
    const a = await member("v-a", branch, "2020-01-01");
    const secretary = await as(sec);
    const url = `/api/orgs/${branch.id}/talent/advisors`;
    expect((await secretary.post(url, schedule({ seats: 1 }))).status).toBe(201);
    await rotateBranch(env.DB, branch.id, at(addDays(today, 23)));
    const [term] = await termsOf(branch.id);
    expect(term!.memberId).toBe(a.id);
    const overlap = await secretary.post(url, schedule({ startsOn: term!.endsOn, termMonths: 6 }));
    expect(overlap.status).toBe(409);
    expect(overlap.body.error).toMatchObject({ code: "term_overlap", details: { runningUntil: term!.endsOn } });
    const hand = await secretary.post("/api/talent/terms", {
      kind: "advisor",
      memberId: a.id,
      title: "轮职参事",
      host: branch.name,
      duties: "列席",
      startsOn: addDays(term!.endsOn, 1),
      endsOn: addMonths(term!.endsOn, 3),
    });
    expect(hand.status).toBe(409);
    const v2 = await secretary.post(url, schedule({ startsOn: addDays(term!.endsOn, 1), termMonths: 6 }));
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    const view = await secretary.get(url);
    expect(view.body.versions.map((v: { version: number; termMonths: number }) => [v.version, v.termMonths])).toEqual([
      [2, 6],
      [1, 3],
    ]);
    expect(view.body.open.map((t: { id: string; version: number }) => [t.id, t.version])).toEqual([[term!.id, 1]]);
  });
});
