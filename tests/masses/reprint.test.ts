import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { as, Client, makeTree, makeUser } from "../fixtures";

// A lost QR sheet: tokens are stored only as hashes, so the unused ones are issued anew (voiding the
// printed codes) and the used ones stay counted.

let tree: Awaited<ReturnType<typeof makeTree>>;
let other: { id: string; username: string };
beforeAll(async () => {
  tree = await makeTree();
  other = await makeUser("other", [[tree.branchA, "member"]]);
});

const all = (answer: string) => ({ attitude: answer, example: answer, solving: answer, integrity: answer });
let ip = 0;
const anon = () => {
  const headers = { "CF-Connecting-IP": `10.9.0.${++ip}` };
  const c = new Client();
  return {
    get: (token: string) => c.request("GET", `/api/public/ratings/${token}`, undefined, headers),
    post: (token: string) => c.request("POST", `/api/public/ratings/${token}`, { answers: all("satisfied") }, headers),
  };
};
type Token = { token: string; rateeId: string; rateeName: string; n: number };

async function makeRound(tokensPerRatee = 3) {
  const sec = await as(tree.secA);
  const r = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
    title: "民评",
    target: "member",
    rateeIds: [tree.memA.id, other.id],
    tokensPerRatee,
    closesOn: "2999-12-31",
  });
  expect(r.status).toBe(201);
  return { sec, id: r.body.round.id as string, tokens: r.body.tokens as Token[] };
}

const counts = async (sec: Client, id: string) =>
  (await sec.get(`/api/rating-rounds/${id}`)).body.ratees.map((r: Record<string, unknown>) => ({
    rateeId: r.rateeId,
    issued: r.issued,
    used: r.used,
    count: r.count,
  }));

describe("reprinting a round's QR sheet", () => {
  it("issues new codes for the unused links in place: the old printed codes stop working, counts stay", async () => {
    const { sec, id, tokens } = await makeRound();
    const [used, ...unused] = tokens.filter((t) => t.rateeId === tree.memA.id);
    expect((await anon().post(used!.token)).status).toBe(201);
    const before = await counts(sec, id);
    const hashes = await env.DB.prepare("SELECT count(*) AS n FROM rating_tokens WHERE round_id = ?").bind(id).first();

    const r = await sec.post(`/api/rating-rounds/${id}/reprint`);
    expect(r.status).toBe(200);
    const fresh = r.body.tokens as Token[];
    // Five unused links (two of memA, three of other), numbered afresh per person.
    expect(fresh).toHaveLength(5);
    expect(fresh.filter((t) => t.rateeId === tree.memA.id).map((t) => t.n)).toEqual([1, 2]);
    expect(fresh.filter((t) => t.rateeId === other.id).map((t) => [t.n, t.rateeName])).toEqual([
      [1, "other"],
      [2, "other"],
      [3, "other"],
    ]);
    for (const t of fresh) expect(tokens.map((o) => o.token)).not.toContain(t.token);

    // The lost codes are refused; the used one is still used; the new ones work.
    for (const t of [...unused, ...tokens.filter((t) => t.rateeId === other.id)]) {
      expect((await anon().get(t.token)).body.error.code).toBe("token_invalid");
    }
    expect((await anon().get(used!.token)).body.error.code).toBe("token_used");
    expect(await counts(sec, id)).toEqual(before);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM rating_tokens WHERE round_id = ?").bind(id).first()).toEqual(
      hashes,
    );
    expect((await anon().post(fresh[0]!.token)).status).toBe(201);
    const after = await counts(sec, id);
    expect(after.reduce((s: number, r: { used: number }) => s + r.used, 0)).toBe(2);
    expect(after.reduce((s: number, r: { issued: number }) => s + r.issued, 0)).toBe(6);
    const chain = await sec.get(`/api/rating-rounds/${id}/verify`);
    expect(chain.body).toMatchObject({ ok: true, count: 2, usedTokens: 2 });
    // Stored only as hashes, as before.
    const stored = JSON.stringify(
      (await env.DB.prepare("SELECT * FROM rating_tokens WHERE round_id = ?").bind(id).all()).results,
    );
    for (const t of fresh) expect(stored).not.toContain(t.token);
  });

  it("reissues a sheet larger than one statement's worth of parameters, all at once", async () => {
    const { sec, id } = await makeRound(40);
    const r = await sec.post(`/api/rating-rounds/${id}/reprint`);
    expect(r.body.tokens).toHaveLength(80);
    expect(new Set(r.body.tokens.map((t: Token) => t.token)).size).toBe(80);
    expect((await anon().get(r.body.tokens[79].token)).status).toBe(200);
  });

  it("is the runners' only, and refused once the round has closed", async () => {
    const { sec, id } = await makeRound();
    expect((await (await as(tree.memA)).post(`/api/rating-rounds/${id}/reprint`)).status).toBe(403);
    expect((await (await as(tree.secB)).post(`/api/rating-rounds/${id}/reprint`)).status).toBe(404);
    expect((await sec.post(`/api/rating-rounds/${id}/close`)).status).toBe(200);
    const closed = await sec.post(`/api/rating-rounds/${id}/reprint`);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe("round_closed");
  });
});
