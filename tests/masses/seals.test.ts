import { env } from "cloudflare:test";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { chainSeals, ratingRounds, ratings } from "../../schema";
import { grouped } from "../../schema/masses/values";
import { chainHash, genesisHash } from "../../worker/masses/chain";
import { sealExpiredRounds } from "../../worker/masses/seals";
import { as, db, makeTree } from "../fixtures";
import { anon, answerAll, type Tree } from "./helpers";

// Tamper evidence that does not rest on the database alone: closing a round records its chain head
// with the committee above, the notice prints a fingerprint, and anyone can check the results later.

let tree: Tree;
beforeAll(async () => {
  tree = await makeTree();
});

async function closedRound(target: "member" | "branch" | "survey" = "survey", n = 5) {
  const sec = await as(tree.secA);
  const r = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
    title: `${target} 测评`,
    target,
    ...(target === "member" ? { rateeIds: [tree.memA.id] } : {}),
    tokensPerRatee: n + 1,
    closesOn: "2999-12-31",
  });
  expect(r.status).toBe(201);
  const id = r.body.round.id as string;
  for (const [i, t] of (r.body.tokens as { token: string }[]).slice(0, n).entries()) {
    expect((await answerAll(anon(), t.token, i === 0 ? "basic" : "satisfied")).status).toBe(201);
  }
  expect((await sec.post(`/api/rating-rounds/${id}/close`)).status).toBe(200);
  const res = await sec.get(`/api/rating-rounds/${id}`);
  return { id, sec, seal: res.body.seal as { code: string; fingerprint: string; ratings: number } };
}

describe("chain seals", () => {
  it("closing records the head with the committee above; the notice gets a code and a fingerprint", async () => {
    const { id, sec, seal } = await closedRound();
    expect(seal.code).toMatch(/^[a-z2-7]{8}$/);
    expect(seal.fingerprint).toMatch(/^[a-z2-7]{16}$/);
    expect(seal.ratings).toBe(5);
    const [row] = await db().select().from(chainSeals).where(eq(chainSeals.roundId, id));
    expect(row?.committeeId).toBe(tree.committee.id);
    const [round] = await db().select().from(ratingRounds).where(eq(ratingRounds.id, id));
    expect(row?.headHash).toBe(round?.headHash);
    // Neither the head nor the salt ever leaves the server: the fingerprint cannot be tested offline.
    const body = JSON.stringify((await sec.get(`/api/rating-rounds/${id}`)).body);
    expect(body).not.toContain(row!.headHash);
    expect(body).not.toContain(row!.salt);
    // Closing again changes nothing.
    expect((await sec.post(`/api/rating-rounds/${id}/close`)).status).toBe(200);
    expect((await sec.get(`/api/rating-rounds/${id}`)).body.seal).toEqual(seal);
    const check = await anon().check(grouped(seal.code), grouped(seal.fingerprint));
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ status: "intact", title: "survey 测评", recordedRatings: 5, currentRatings: 5 });
    expect(JSON.stringify(check.body)).not.toContain(row!.salt);
  });

  it("the committee sees the seals it holds; the branch's roles cannot read that list", async () => {
    const { id, seal } = await closedRound("branch");
    const admin = await as(tree.admin);
    const list = await admin.get(`/api/orgs/${tree.committee.id}/chain-seals`);
    expect(list.status).toBe(200);
    const mine = list.body.items.find((s: { roundId: string }) => s.roundId === id);
    expect(mine).toMatchObject({ code: seal.code, fingerprint: seal.fingerprint, orgName: "社区支部" });
    expect(mine.salt).toBeUndefined();
    expect(mine.headHash).toBeUndefined();
    expect((await (await as(tree.secA)).get(`/api/orgs/${tree.branchA.id}/chain-seals`)).status).toBe(403);
    // The committee is above them: it is not theirs to see at all.
    expect((await (await as(tree.secA)).get(`/api/orgs/${tree.committee.id}/chain-seals`)).status).toBe(404);
    expect((await (await as(tree.memA)).get(`/api/orgs/${tree.committee.id}/chain-seals`)).status).toBe(404);
  });

  it("altering a stored rating after close is detected, even with the whole chain rewritten", async () => {
    const { id, sec, seal } = await closedRound("member");
    const person = anon();
    const url = `/api/rating-rounds/${id}/verify`;
    expect((await sec.get(url)).body.ok).toBe(true);
    // Someone with write access to the database turns a 基本满意 into 满意 …
    await env.DB.prepare(`UPDATE ratings SET answers = replace(answers, '"basic"', '"satisfied"') WHERE round_id = ?`)
      .bind(id)
      .run();
    expect((await sec.get(url)).body.ok).toBe(false);
    expect((await person.check(seal.code, seal.fingerprint)).body.status).toBe("altered");
    // … and then recomputes every hash and the round's head, so the chain checks out on its own.
    const rows = await db().select().from(ratings).where(eq(ratings.roundId, id)).orderBy(asc(ratings.seq));
    let prev = genesisHash(id);
    for (const r of rows) {
      const hash = chainHash(r, prev);
      await db().update(ratings).set({ prevHash: prev, hash }).where(eq(ratings.id, r.id));
      prev = hash;
    }
    await db().update(ratingRounds).set({ headHash: prev }).where(eq(ratingRounds.id, id));
    expect((await sec.get(url)).body.ok).toBe(true);
    // The committee's record and the printed fingerprint still tell.
    const check = await person.check(seal.code, seal.fingerprint);
    expect(check.body).toMatchObject({ status: "altered", recordedRatings: 5, currentRatings: 5 });
    // A deleted rating too.
    await env.DB.prepare("DELETE FROM ratings WHERE round_id = ? AND seq = 5").bind(id).run();
    expect((await person.check(seal.code, seal.fingerprint)).body).toMatchObject({
      status: "altered",
      currentRatings: 4,
    });
  });

  it("a wrong fingerprint, an unknown code and bad input are told apart; checks are rate limited", async () => {
    const { seal } = await closedRound();
    const person = anon();
    const wrong = seal.fingerprint.replace(/^./, (c) => (c === "a" ? "b" : "a"));
    expect((await person.check(seal.code, wrong)).body.status).toBe("fingerprint_mismatch");
    const unknown = await person.check("aaaaaaaa", seal.fingerprint);
    expect(unknown.status).toBe(404);
    expect((await person.check("short", seal.fingerprint)).status).toBe(400);
    expect((await person.check(seal.code, "not a fingerprint!")).status).toBe(400);
    let last = 0;
    for (let i = 0; i < 61; i++) last = (await person.check(seal.code, seal.fingerprint)).status;
    expect(last).toBe(429);
  });

  it("a round that closes by its closing day is sealed by the scheduled job", async () => {
    const sec = await as(tree.secA);
    const r = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
      title: "到期的民测",
      target: "survey",
      tokensPerRatee: 2,
      closesOn: "2999-12-31",
    });
    const id = r.body.round.id as string;
    expect((await answerAll(anon(), r.body.tokens[0].token, "satisfied")).status).toBe(201);
    expect((await sec.get(`/api/rating-rounds/${id}`)).body.seal).toBeNull();
    await sealExpiredRounds(db(), Date.now());
    expect((await sec.get(`/api/rating-rounds/${id}`)).body.seal).toBeNull();
    await db()
      .update(ratingRounds)
      .set({ closesAt: Date.now() - 1000 })
      .where(eq(ratingRounds.id, id));
    expect(await sealExpiredRounds(db(), Date.now())).toBeGreaterThan(0);
    const sealed = (await sec.get(`/api/rating-rounds/${id}`)).body.seal;
    expect(sealed).toMatchObject({ ratings: 1 });
    expect((await anon().check(sealed.code, sealed.fingerprint)).body.status).toBe("intact");
  });
});
