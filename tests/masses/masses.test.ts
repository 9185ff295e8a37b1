import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ratingRounds, ratings } from "../../schema";
import { as, Client, db, makeTree, makeUser } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
let extra: { id: string; username: string }[];
beforeAll(async () => {
  tree = await makeTree();
  extra = [];
  for (let i = 0; i < 2; i++) extra.push(await makeUser(`m${i}`, [[tree.branchA, "member"]]));
});

const future = "2999-12-31";
const all = (answer: string) => ({ attitude: answer, example: answer, solving: answer, integrity: answer });
let ip = 0;
/** A person without an account, on their own IP (rate limits are per IP). */
const anon = (n = ++ip) => {
  const c = new Client();
  return {
    get: (token: string) =>
      c.request("GET", `/api/public/ratings/${token}`, undefined, { "CF-Connecting-IP": `10.0.0.${n}` }),
    post: (token: string, body: unknown) =>
      c.request("POST", `/api/public/ratings/${token}`, body, { "CF-Connecting-IP": `10.0.0.${n}` }),
  };
};

async function makeRound(tokensPerRatee = 6, rateeIds = [tree.memA.id]) {
  const sec = await as(tree.secA);
  const r = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
    title: "2026 年度民评",
    target: "member",
    rateeIds,
    tokensPerRatee,
    closesOn: future,
  });
  expect(r.status).toBe(201);
  return r.body as { round: { id: string }; tokens: { token: string; rateeId: string }[] };
}

describe("reverse assessment", () => {
  it("creates a round with one-time tokens stored only as hashes", async () => {
    const { round, tokens } = await makeRound(3, [tree.memA.id, extra[0]!.id]);
    expect(tokens).toHaveLength(6);
    const stored = await env.DB.prepare("SELECT token_hash FROM rating_tokens WHERE round_id = ?").bind(round.id).all();
    const text = JSON.stringify(stored.results);
    for (const t of tokens) expect(text).not.toContain(t.token);
    const view = await anon().get(tokens.find((t) => t.rateeId === tree.memA.id)!.token);
    expect(view.status).toBe(200);
    expect(view.body.rateeName).toBe("memA");
    expect(view.body.items.map((i: { key: string }) => i.key)).toEqual(["attitude", "example", "solving", "integrity"]);
  });

  it("a token works once, even under concurrent submits", async () => {
    const { round, tokens } = await makeRound(2);
    const token = tokens[0]!.token;
    const replies = await Promise.all(
      Array.from({ length: 4 }, (_, i) => anon(100 + i).post(token, { answers: all("satisfied") })),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === "token_used")).toBe(true);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(3);
    const replay = await anon().post(token, { answers: all("satisfied") });
    expect(replay.body.error.code).toBe("token_used");
    expect((await anon().get(token)).body.error.code).toBe("token_used");
    const rows = await db().select().from(ratings).where(eq(ratings.roundId, round.id));
    expect(rows).toHaveLength(1);
    // Nothing on the rating row points at a token.
    expect(Object.keys(rows[0]!).some((k) => /token/i.test(k))).toBe(false);
  });

  it("concurrent submits of different tokens chain without forking", async () => {
    const { round, tokens } = await makeRound(8);
    const replies = await Promise.all(tokens.map((t, i) => anon(150 + i).post(t.token, { answers: all("basic") })));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const sec = await as(tree.secA);
    const v = await sec.get(`/api/rating-rounds/${round.id}/verify`);
    expect(v.body).toMatchObject({ ok: true, count: 8, firstBroken: null, usedTokens: 8, countMatches: true });
  });

  it("refuses forged, malformed, expired and closed tokens with clear codes", async () => {
    const forged = "a".repeat(32);
    expect((await anon().get(forged)).body.error.code).toBe("token_invalid");
    expect((await anon().post(forged, { answers: all("satisfied") })).status).toBe(404);
    expect((await anon().get("not-a-token")).status).toBe(404);
    const { round, tokens } = await makeRound(2);
    await db()
      .update(ratingRounds)
      .set({ closesAt: Date.now() - 1 })
      .where(eq(ratingRounds.id, round.id));
    const expired = await anon().post(tokens[0]!.token, { answers: all("satisfied") });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe("token_expired");
    const second = await makeRound(2);
    const sec = await as(tree.secA);
    expect((await sec.post(`/api/rating-rounds/${second.round.id}/close`)).status).toBe(200);
    expect((await anon().get(second.tokens[0]!.token)).status).toBe(410);
  });

  it("refuses incomplete answers without using the token; CSRF still applies", async () => {
    const { tokens } = await makeRound(1);
    const t = tokens[0]!.token;
    const partial = await anon().post(t, { answers: { attitude: "satisfied" } });
    expect(partial.status).toBe(422);
    expect((await anon().post(t, { answers: { ...all("satisfied"), bogus: "basic" } })).status).toBe(422);
    expect((await anon().post(t, { answers: all("great") })).status).toBe(400);
    const cross = await new Client().request(
      "POST",
      `/api/public/ratings/${t}`,
      { answers: all("satisfied") },
      {
        Origin: "https://evil.example",
      },
    );
    expect(cross.status).toBe(403);
    expect((await anon().post(t, { answers: all("satisfied") })).status).toBe(201);
  });

  it("rate limits per token and per IP", async () => {
    const { tokens } = await makeRound(1);
    const person = anon(200);
    for (let i = 0; i < 5; i++) expect((await person.post(tokens[0]!.token, { answers: {} })).status).toBe(422);
    const limited = await person.post(tokens[0]!.token, { answers: all("satisfied") });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBeTruthy();
    const flood = anon(201);
    let last = 0;
    for (let i = 0; i < 61; i++) last = (await flood.get("b".repeat(32))).status;
    expect(last).toBe(429);
  });

  it("withholds results while the round is open, shows them and approved comments at k once it closes", async () => {
    const { round, tokens } = await makeRound(6);
    const sec = await as(tree.secA);
    for (let i = 0; i < 4; i++) {
      const a = i === 0 ? all("unsatisfied") : all("satisfied");
      expect(
        (await anon().post(tokens[i]!.token, { answers: a, comment: i === 1 ? "很热心" : undefined })).status,
      ).toBe(201);
    }
    let res = await sec.get(`/api/rating-rounds/${round.id}`);
    const before = res.body.ratees.find((r: { rateeId: string }) => r.rateeId === tree.memA.id);
    expect(before).toMatchObject({ count: 4, shown: false, satisfaction: null, items: null, comments: null });
    expect((await anon().post(tokens[4]!.token, { answers: all("basic") })).status).toBe(201);
    res = await sec.get(`/api/rating-rounds/${round.id}`);
    const open = res.body.ratees.find((r: { rateeId: string }) => r.rateeId === tree.memA.id);
    expect(open).toMatchObject({ count: 5, shown: false, withheld: "open", satisfaction: null, comments: null });
    expect((await sec.get(`/api/rating-rounds/${round.id}/comments`)).body.items).toEqual([]);
    expect((await sec.post(`/api/rating-rounds/${round.id}/close`)).status).toBe(200);
    res = await sec.get(`/api/rating-rounds/${round.id}`);
    const after = res.body.ratees.find((r: { rateeId: string }) => r.rateeId === tree.memA.id);
    expect(after.shown).toBe(true);
    expect(after.satisfaction).toBeCloseTo(4 / 5);
    expect(after.items[0]).toMatchObject({ key: "attitude", satisfied: 3, basic: 1, unsatisfied: 1 });
    expect(after.comments).toEqual([]);
    const pending = await sec.get(`/api/rating-rounds/${round.id}/comments`);
    expect(pending.body.items).toHaveLength(1);
    expect((await sec.post(`/api/ratings/${pending.body.items[0].id}/comment`, { approve: true })).status).toBe(200);
    res = await sec.get(`/api/rating-rounds/${round.id}`);
    expect(res.body.ratees.find((r: { rateeId: string }) => r.rateeId === tree.memA.id).comments).toEqual(["很热心"]);
  });

  it("the chain verification catches an edited, a deleted and a truncated rating", async () => {
    const { round, tokens } = await makeRound(4);
    for (const t of tokens) expect((await anon().post(t.token, { answers: all("satisfied") })).status).toBe(201);
    const sec = await as(tree.secA);
    const url = `/api/rating-rounds/${round.id}/verify`;
    expect((await sec.get(url)).body.ok).toBe(true);
    await env.DB.prepare(
      `UPDATE ratings SET answers = '{"attitude":"unsatisfied","example":"satisfied","solving":"satisfied","integrity":"satisfied"}' WHERE round_id = ? AND seq = 2`,
    )
      .bind(round.id)
      .run();
    expect((await sec.get(url)).body).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: "content_mismatch" } });
    await env.DB.prepare("DELETE FROM ratings WHERE round_id = ? AND seq = 2").bind(round.id).run();
    expect((await sec.get(url)).body.firstBroken).toEqual({ seq: 2, reason: "missing" });
    await env.DB.prepare("DELETE FROM ratings WHERE round_id = ? AND seq >= 2").bind(round.id).run();
    expect((await sec.get(url)).body.firstBroken).toEqual({ seq: 2, reason: "head_mismatch" });
  });

  it("rights by subtree: members cannot run rounds, other branches see nothing", async () => {
    const { round } = await makeRound(1);
    const mem = await as(tree.memA);
    expect((await mem.get(`/api/rating-rounds/${round.id}`)).status).toBe(403);
    expect(
      (
        await mem.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
          title: "x",
          target: "branch",
          tokensPerRatee: 1,
          closesOn: future,
        })
      ).status,
    ).toBe(403);
    const secB = await as(tree.secB);
    expect((await secB.get(`/api/rating-rounds/${round.id}`)).status).toBe(404);
    expect((await secB.get(`/api/rating-rounds/${round.id}/verify`)).status).toBe(404);
    expect((await secB.get(`/api/orgs/${tree.branchA.id}/rating-rounds`)).status).toBe(404);
    const bad = await secB.post(`/api/orgs/${tree.branchB.id}/rating-rounds`, {
      title: "x",
      target: "member",
      rateeIds: [tree.memA.id],
      tokensPerRatee: 1,
      closesOn: future,
    });
    expect(bad.status).toBe(422);
    const admin = await as(tree.admin);
    expect((await admin.get(`/api/rating-rounds/${round.id}`)).status).toBe(200);
    expect((await admin.get(`/api/orgs/${tree.committee.id}/rating-rounds`)).body.items.length).toBeGreaterThan(0);
  });

  it("a committee template overrides the default items for new rounds", async () => {
    const admin = await as(tree.admin);
    const items = [{ key: "help", label: { "zh-CN": "帮扶", "zh-TW": "幫扶", en: "Help" } }];
    expect(
      (await admin.post(`/api/orgs/${tree.committee.id}/rating-templates`, { target: "branch", name: "T", items }))
        .status,
    ).toBe(201);
    expect(
      (await admin.post(`/api/orgs/${tree.branchA.id}/rating-templates`, { target: "branch", name: "T", items }))
        .status,
    ).toBe(422);
    const sec = await as(tree.secA);
    const eff = await sec.get(`/api/orgs/${tree.branchA.id}/rating-template?target=branch`);
    expect(eff.body.items).toEqual(items);
    const r = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
      title: "支部民评",
      target: "branch",
      tokensPerRatee: 2,
      closesOn: future,
    });
    expect(r.status).toBe(201);
    const view = await anon().get(r.body.tokens[0].token);
    expect(view.body).toMatchObject({ target: "branch", rateeName: "社区支部", items });
  });
});
