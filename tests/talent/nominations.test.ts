import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, talentLinks, talentNominees, talentReserves } from "../../schema";
import { dayOf } from "../../worker/lib/day";
import { tokenHash } from "../../worker/masses";
import { nominateNonMember } from "../../worker/talent/nominees";
import { as, Client, db, makeTree } from "../fixtures";
import { fullAssessment } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const person = {
  name: "李大成",
  standing: "返乡创业青年，合作社负责人",
  track: "other" as const,
  reason: "带领乡亲种茶致富",
};
const anon = () => new Client();
const linkFor = (token: string) => `/api/public/talent-nominations/${token}`;

async function links(count = 2, closesOn = "2099-12-31") {
  const r = await (await as(tree.secB)).post(`/api/orgs/${tree.branchB.id}/talent/links`, { count, closesOn });
  expect(r.status).toBe(201);
  return r.body.items.map((i: { token: string }) => i.token) as string[];
}

describe("nominations from the masses through one-time links", () => {
  it("a link shows the branch, nominates once, and the nominee is a record the committee can admit", async () => {
    const [token] = await links(1);
    const view = await anon().get(linkFor(token!));
    expect(view.status).toBe(200);
    expect(view.body).toEqual({ orgName: tree.branchB.name, expiresAt: expect.any(Number) });
    const sent = await anon().post(linkFor(token!), { ...person, contact: "138 0000 0000" });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ received: true });

    const pool = await (await as(tree.admin)).get(`/api/orgs/${tree.branchB.id}/talent/reserves?limit=50`);
    const entry = pool.body.items.find((i: { memberName: string }) => i.memberName === person.name);
    expect(entry).toMatchObject({ source: "masses", status: "nominated", track: "other" });
    const admin = await as(tree.admin);
    const detail = await admin.get(`/api/talent/reserves/${entry.id}`);
    expect(detail.body.nominee).toEqual({ standing: person.standing, contact: "138 0000 0000" });
    expect(detail.body.evidence).toBeNull();
    expect(detail.body.steps[0].actorName).toBeNull();
    // Dated today: a link's nomination is dated the day it arrived.
    const admitted = await admin.post(
      `/api/talent/reserves/${entry.id}/assessment`,
      fullAssessment({ on: dayOf(Date.now()) }),
    );
    expect(admitted.body.status).toBe("admitted");
    // A person without an account has no growth archive; the steps keep the record.
    const archived = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, entry.id));
    expect(archived).toHaveLength(0);
  });

  it("a spent link refuses a second use and writes nothing, even when both race", async () => {
    const [token] = await links(1);
    const [first, second] = await Promise.all([
      anon().post(linkFor(token!), { ...person, name: "王一" }),
      anon().post(linkFor(token!), { ...person, name: "王二" }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    expect([first, second].find((r) => r.status === 409)!.body.error.code).toBe("link_used");
    const again = await anon().get(linkFor(token!));
    expect(again.status).toBe(409);
    const names = (await db().select().from(talentNominees).where(eq(talentNominees.orgId, tree.branchB.id))).map(
      (n) => n.name,
    );
    expect(names.filter((n) => n === "王一" || n === "王二")).toHaveLength(1);
  });

  it("spending a link twice fails the whole write, whatever got past the first read", async () => {
    const [token] = await links(1);
    expect((await anon().post(linkFor(token!), { ...person, name: "先到者" })).status).toBe(201);
    const [spent] = await db()
      .select()
      .from(talentLinks)
      .where(eq(talentLinks.tokenHash, tokenHash(token!)));
    expect(spent!.uses).toBe(1);
    // A second request that read the link before the first spent it writes this same batch.
    const spendAgain = db()
      .update(talentLinks)
      .set({ uses: sql`${talentLinks.uses} + 1` })
      .where(eq(talentLinks.id, spent!.id));
    const late = { ...person, name: "后到者", source: "masses" as const, on: dayOf(Date.now()) };
    await expect(nominateNonMember(db(), null, tree.branchB.id, late, Date.now(), spendAgain)).rejects.toThrow(
      /CHECK constraint failed/,
    );
    expect(await db().select().from(talentNominees).where(eq(talentNominees.name, "后到者"))).toHaveLength(0);
  });

  it("an expired link, a made-up token and a bad body are refused with nothing written", async () => {
    const [token] = await links(1);
    await db()
      .update(talentLinks)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(talentLinks.orgId, tree.branchB.id));
    const before = (await db().select().from(talentReserves)).length;
    const expired = await anon().post(linkFor(token!), person);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe("link_expired");
    const madeUp = await anon().post(linkFor("a".repeat(32)), person);
    expect(madeUp.status).toBe(404);
    expect(madeUp.body.error.code).toBe("link_invalid");
    const [fresh] = await links(1);
    const missing = await anon().post(linkFor(fresh!), { ...person, standing: "" });
    expect(missing.status).toBe(400);
    expect((await db().select().from(talentReserves)).length).toBe(before);
    // The refused body did not spend the link.
    expect((await anon().get(linkFor(fresh!))).status).toBe(200);
  });

  it("says the same whoever is named: a member already in the pool, or anyone", async () => {
    const [a, b] = await links(2);
    const inPool = await anon().post(linkFor(a!), { ...person, name: "memB" });
    const nobody = await anon().post(linkFor(b!), { ...person, name: "从未听说" });
    expect(inPool.body).toEqual(nobody.body);
    expect(inPool.status).toBe(nobody.status);
  });

  it("is rate-limited per address like the rating page", async () => {
    const [token] = await links(1);
    const ip = { "CF-Connecting-IP": "203.0.113.77" };
    let last = 0;
    for (let i = 0; i < 62; i++) last = (await anon().request("GET", linkFor(token!), undefined, ip)).status;
    expect(last).toBe(429);
  });

  it("only a branch's secretary or committee issues links", async () => {
    const member = await (await as(tree.memB)).post(`/api/orgs/${tree.branchB.id}/talent/links`, {
      count: 1,
      closesOn: "2099-01-01",
    });
    expect(member.status).toBe(403);
    const other = await (await as(tree.secA)).post(`/api/orgs/${tree.branchB.id}/talent/links`, {
      count: 1,
      closesOn: "2099-01-01",
    });
    expect([403, 404]).toContain(other.status);
  });
});

describe("nominating a non-member of standing", () => {
  const body = { ...person, name: "张秀英", source: "committee", on: "2026-01-10" };

  it("the branch nominates a person without an account: a nominee record, not a user", async () => {
    const sec = await as(tree.secB);
    const r = await sec.post(`/api/orgs/${tree.branchB.id}/talent/nominees`, body);
    expect(r.status).toBe(201);
    const [entry] = await db().select().from(talentReserves).where(eq(talentReserves.id, r.body.id));
    const [nominee] = await db().select().from(talentNominees).where(eq(talentNominees.id, entry!.memberId));
    expect(nominee).toMatchObject({ name: "张秀英", standing: person.standing, contact: null });
    expect(entry).toMatchObject({ source: "committee", status: "nominated", orgId: tree.branchB.id });
  });

  it("a member's nomination is the members' voice and answers nothing about the pool", async () => {
    const r = await (await as(tree.memB)).post(`/api/orgs/${tree.branchB.id}/talent/nominees`, {
      ...body,
      name: "赵强",
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ received: true });
    const [n] = await db().select().from(talentNominees).where(eq(talentNominees.name, "赵强"));
    const [entry] = await db().select().from(talentReserves).where(eq(talentReserves.memberId, n!.id));
    expect(entry!.source).toBe("members");
  });

  it("refuses a nominee without name or standing, and a branch not the caller's", async () => {
    const sec = await as(tree.secB);
    const { standing: _s, ...noStanding } = body;
    const missing = await sec.post(`/api/orgs/${tree.branchB.id}/talent/nominees`, noStanding);
    expect(missing.status).toBe(400);
    const blank = await sec.post(`/api/orgs/${tree.branchB.id}/talent/nominees`, { ...body, name: "  " });
    expect(blank.status).toBe(400);
    const elsewhere = await sec.post(`/api/orgs/${tree.branchA.id}/talent/nominees`, body);
    expect([403, 404]).toContain(elsewhere.status);
  });
});
