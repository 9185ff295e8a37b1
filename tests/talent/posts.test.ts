import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, memberships, talentApplications, talentPosts, talentTerms } from "../../schema";
import { addDays, dayEnd, dayOf, dayStart } from "../../worker/lib/day";
import { scoreBranch } from "../../worker/vanguard/branch";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const today = () => dayOf(Date.now());
const post = (over: Record<string, unknown> = {}) => ({
  title: "社区网格员",
  place: "community",
  host: "幸福社区居委会",
  duties: "每周两次入户走访，协助处理群众诉求",
  startsOn: addDays(today(), 10),
  endsOn: addDays(today(), 100),
  ...over,
});

async function published(over: Record<string, unknown> = {}) {
  const r = await (await as(tree.admin)).post(`/api/orgs/${tree.committee.id}/talent/posts`, post(over));
  if (r.status !== 201) throw new Error(`publish: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** Time passes: the accepted term's dates move into the past, as if the post had run. */
async function ran(termId: string, startsOn: string, endsOn: string) {
  await db().update(talentTerms).set({ startsOn, endsOn }).where(eq(talentTerms.id, termId));
}

describe("practice posts: publish, apply, decide", () => {
  it("a member applies once; the committee accepts with a reason; the term opens in the archive", async () => {
    const member = await makeUser("applicant", [[tree.branchB, "member"]]);
    const postId = await published();
    const me = await as(member);
    const open = await me.get("/api/talent/posts");
    expect(open.body.items.find((p: { id: string }) => p.id === postId)).toMatchObject({ application: null });
    const applied = await me.post(`/api/talent/posts/${postId}/applications`, { motivation: "想在社区一线锻炼" });
    expect(applied.status).toBe(201);
    const twice = await me.post(`/api/talent/posts/${postId}/applications`, { motivation: "再报一次" });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("conflict");
    const detail = await (await as(tree.admin)).get(`/api/talent/posts/${postId}`);
    expect(detail.body.applications).toHaveLength(1);
    expect(detail.body.applications[0]).toMatchObject({ memberId: member.id, status: "applied" });

    const admin = await as(tree.admin);
    const accepted = await admin.post(`/api/talent/applications/${applied.body.id}/decision`, {
      decision: "accept",
      on: today(),
      reason: "群众基础好，党委研究同意",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe("accepted");
    const again = await admin.post(`/api/talent/applications/${applied.body.id}/decision`, {
      decision: "decline",
      on: today(),
      reason: "x",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("out_of_order");
    const [term] = await db().select().from(talentTerms).where(eq(talentTerms.postId, postId));
    expect(term).toMatchObject({ memberId: member.id, orgId: tree.branchB.id, kind: "practice", place: "community" });
    const mine = await me.get("/api/talent/posts");
    expect(mine.body.items.find((p: { id: string }) => p.id === postId).application).toMatchObject({
      status: "accepted",
      reason: "群众基础好，党委研究同意",
    });
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, term!.id));
    expect(events.map((e) => e.kind)).toEqual(["talent.term_opened"]);
  });

  it("a declined application says why, opens no term and leaves nothing in the archive", async () => {
    const member = await makeUser("declined", [[tree.branchA, "member"]]);
    const postId = await published();
    const applied = await (await as(member)).post(`/api/talent/posts/${postId}/applications`, { motivation: "报名" });
    const r = await (await as(tree.admin)).post(`/api/talent/applications/${applied.body.id}/decision`, {
      decision: "decline",
      on: today(),
      reason: "本期岗位已满",
    });
    expect(r.body).toEqual({ status: "declined", termId: null });
    const [app] = await db().select().from(talentApplications).where(eq(talentApplications.id, applied.body.id));
    expect(app).toMatchObject({ status: "declined", reason: "本期岗位已满", decidedBy: tree.admin.id });
    expect(await db().select().from(talentTerms).where(eq(talentTerms.postId, postId))).toHaveLength(0);
    expect(await db().select().from(archiveEvents).where(eq(archiveEvents.memberId, member.id))).toHaveLength(0);
  });

  it("refusals: rights by subtree, own application, after the start, bad dates", async () => {
    const other = await makeOrg(null, "另一市委", "committee");
    const otherAdmin = await makeUser("otherAdmin", [[other, "admin"]]);
    const outsider = await makeUser("outsider", [[await makeOrg(other, "外支部", "branch", "village"), "member"]]);
    const postId = await published();
    // A member of another committee's subtree does not see the post nor apply to it.
    const out = await as(outsider);
    expect((await out.get("/api/talent/posts")).body.items.map((p: { id: string }) => p.id)).not.toContain(postId);
    expect((await out.post(`/api/talent/posts/${postId}/applications`, { motivation: "x" })).status).toBe(404);
    // Only the committee publishes; a secretary does not.
    const sec = await as(tree.secA);
    expect((await sec.post(`/api/orgs/${tree.branchA.id}/talent/posts`, post())).status).toBe(403);
    const admin = await as(tree.admin);
    expect(
      (await admin.post(`/api/orgs/${tree.committee.id}/talent/posts`, post({ endsOn: addDays(today(), 5) }))).status,
    ).toBe(422);
    expect((await admin.post(`/api/orgs/${tree.committee.id}/talent/posts`, post({ startsOn: today() }))).status).toBe(
      422,
    );
    const applied = await (await as(tree.memA)).post(`/api/talent/posts/${postId}/applications`, { motivation: "x" });
    const decision = { decision: "accept", on: today(), reason: "同意" };
    // Another committee and the branch secretary do not decide; the date must have come.
    expect(
      (await (await as(otherAdmin)).post(`/api/talent/applications/${applied.body.id}/decision`, decision)).status,
    ).toBe(404);
    expect((await sec.post(`/api/talent/applications/${applied.body.id}/decision`, decision)).status).toBe(404);
    const future = { ...decision, on: addDays(today(), 1) };
    expect((await admin.post(`/api/talent/applications/${applied.body.id}/decision`, future)).status).toBe(422);
    // A committee member who applies does not accept their own application.
    const adminMember = await makeUser("postAdminMember", [
      [tree.committee, "admin"],
      [tree.branchB, "member"],
    ]);
    const ownApp = await (await as(adminMember)).post(`/api/talent/posts/${postId}/applications`, { motivation: "x" });
    const own = await (await as(adminMember)).post(`/api/talent/applications/${ownApp.body.id}/decision`, decision);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("own_case");
    // Once the post has started, applications are closed.
    const started = await published({ startsOn: addDays(today(), 1) });
    await db().update(talentPosts).set({ startsOn: today() }).where(eq(talentPosts.id, started));
    const late = await (await as(tree.memB)).post(`/api/talent/posts/${started}/applications`, { motivation: "x" });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("out_of_order");
  });
});

describe("practice posts: the member's record, the host's evaluation, the vanguard indicator", () => {
  it("dated entries in the term, the evaluation at the end in the archive, and the index reads it", async () => {
    const member = await makeUser("practiser2", [[tree.branchA, "member"]]);
    const peer = await makeUser("noPost", [[tree.branchA, "member"]]);
    await db().update(memberships).set({ startedAt: 0 });
    const postId = await published();
    const me = await as(member);
    const applied = await me.post(`/api/talent/posts/${postId}/applications`, { motivation: "报名" });
    const admin = await as(tree.admin);
    const { termId } = (
      await admin.post(`/api/talent/applications/${applied.body.id}/decision`, {
        decision: "accept",
        on: today(),
        reason: "同意",
      })
    ).body;
    const [from, to] = [addDays(today(), -90), addDays(today(), -1)];
    await ran(termId, from, to);

    // Work entries: only by the member, dated within the term and not in the future.
    const entry = { on: addDays(from, 3), work: "走访12户，收集诉求5条" };
    expect((await me.post(`/api/talent/terms/${termId}/entries`, entry)).status).toBe(201);
    expect((await me.post(`/api/talent/terms/${termId}/entries`, { ...entry, on: addDays(from, -1) })).status).toBe(
      422,
    );
    expect((await me.post(`/api/talent/terms/${termId}/entries`, { ...entry, on: addDays(today(), 1) })).status).toBe(
      422,
    );
    expect((await (await as(peer)).post(`/api/talent/terms/${termId}/entries`, entry)).status).toBe(404);
    expect((await admin.post(`/api/talent/terms/${termId}/entries`, entry)).status).toBe(404);
    const seen = await (await as(tree.secA)).get(`/api/talent/terms/${termId}`);
    expect(seen.body.entries.map((e: { work: string }) => e.work)).toEqual([entry.work]);
    expect((await (await as(tree.secB)).get(`/api/talent/terms/${termId}`)).status).toBe(404);

    // Before the evaluation the index has the post but no grade: missing, not 0.
    const period = [dayStart(from), dayEnd(to)] as const;
    const score = async () => {
      const r = await scoreBranch(db(), tree.branchA.id, period[0], period[1], Date.now(), { store: false });
      return new Map(r.members.map((m) => [m.memberId, m.explanation.lines.find((l) => l.key === "practice")!]));
    };
    expect((await score()).get(member.id)).toMatchObject({ status: "missing", reason: "not_evaluated" });

    const evaluation = { on: addDays(to, -1), grade: "competent", assessment: "走访扎实" };
    const early = await admin.post(`/api/talent/terms/${termId}/close`, evaluation);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("out_of_order");
    expect((await admin.post(`/api/talent/terms/${termId}/close`, { ...evaluation, on: to })).status).toBe(200);
    expect((await me.post(`/api/talent/terms/${termId}/entries`, { ...entry, on: to })).status).toBe(409);
    const archive = await me.get(`/api/archives/${member.id}`);
    expect(archive.body.items.find((e: { kind: string }) => e.kind === "talent.term_closed").summary).toMatchObject({
      grade: "competent",
    });

    const items = await score();
    // competent = 0.8 of the item's 5 bonus points.
    expect(items.get(member.id)).toMatchObject({ status: "ok", value: 0.8, contribution: 4 });
    expect(items.get(member.id)!.sources).toEqual([expect.objectContaining({ type: "talent_term", id: termId })]);
    expect(items.get(peer.id)).toMatchObject({ status: "missing", reason: "no_post", contribution: 0 });
  });
});
