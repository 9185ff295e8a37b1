import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { as, Client, makeTree, makeUser } from "../fixtures";
import { readAll } from "./helpers";

/**
 * Attacker tests: a secretary (or the ratee) who reads every endpoint before and after one rating must
 * learn nothing about it, and no comment text leaves the server for a ratee below the threshold.
 */
let tree: Awaited<ReturnType<typeof makeTree>>;
let quiet: { id: string; username: string };
beforeAll(async () => {
  tree = await makeTree();
  quiet = await makeUser("quiet", [[tree.branchA, "member"]]);
});

const DAY = 86_400_000;
const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const today = shanghaiDay(Date.now());
const yesterday = shanghaiDay(Date.now() - DAY);
const monthAgo = shanghaiDay(Date.now() - 30 * DAY);
const all = (answer: string) => ({ attitude: answer, example: answer, solving: answer, integrity: answer });
let ip = 0;
const rate = (token: string, answer: string, comment?: string) =>
  new Client().request(
    "POST",
    `/api/public/ratings/${token}`,
    { answers: all(answer), ...(comment ? { comment } : {}) },
    { "CF-Connecting-IP": `10.2.0.${++ip}` },
  );

async function makeRound(body: Record<string, unknown> = {}) {
  const sec = await as(tree.secA);
  const r = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
    title: "民评",
    target: "member",
    rateeIds: [tree.memA.id, quiet.id],
    tokensPerRatee: 8,
    closesOn: "2999-12-31",
    ...body,
  });
  expect(r.status).toBe(201);
  const tokens = r.body.tokens as { token: string; rateeId: string }[];
  return { id: r.body.round.id as string, tokensOf: (id: string) => tokens.filter((t) => t.rateeId === id) };
}

async function readEverything(roundId: string) {
  const sec = await as(tree.secA);
  const admin = await as(tree.admin);
  const me = await as(tree.memA);
  const period = `from=${monthAgo}&to=${today}`;
  await admin.post(`/api/orgs/${tree.branchA.id}/vanguard/score`, { from: monthAgo, to: today });
  const urls: [Client, string][] = [
    [sec, `/api/rating-rounds/${roundId}`],
    [sec, `/api/rating-rounds/${roundId}/comments?status=pending`],
    [sec, `/api/rating-rounds/${roundId}/comments?status=approved`],
    [sec, `/api/rating-rounds/${roundId}/comments?status=rejected`],
    [sec, `/api/rating-rounds/${roundId}/verify`],
    [sec, `/api/orgs/${tree.branchA.id}/rating-rounds`],
    [admin, `/api/orgs/${tree.committee.id}/rating-rounds`],
    [sec, `/api/orgs/${tree.branchA.id}/vanguard/preview?${period}`],
    [me, `/api/vanguard/members/${tree.memA.id}/preview?${period}`],
    [sec, `/api/orgs/${tree.branchA.id}/vanguard?${period}`],
    [me, `/api/vanguard/members/${tree.memA.id}/scores`],
    [me, `/api/archives/${tree.memA.id}/export`],
    [sec, `/api/archives/${tree.memA.id}/export?format=csv`],
  ];
  return readAll(urls);
}

describe("anonymity of the masses' ratings", () => {
  it("k below 5 is refused by the API, and a stored lower k still counts as 5", async () => {
    const sec = await as(tree.secA);
    for (const k of [1, 3, 4]) {
      const r = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
        title: "x",
        target: "branch",
        tokensPerRatee: 1,
        closesOn: "2999-12-31",
        k,
      });
      expect(r.status, `k=${k}`).toBe(400);
      expect(r.body.error.details[0].path).toBe("k");
    }
    const round = await makeRound();
    await env.DB.prepare("UPDATE rating_rounds SET k_threshold = 3 WHERE id = ?").bind(round.id).run();
    for (const t of round.tokensOf(tree.memA.id).slice(0, 4))
      expect((await rate(t.token, "satisfied")).status).toBe(201);
    expect((await sec.post(`/api/rating-rounds/${round.id}/close`)).status).toBe(200);
    const res = await sec.get(`/api/rating-rounds/${round.id}`);
    expect(res.body.round.kThreshold).toBe(5);
    const a = res.body.ratees.find((r: { rateeId: string }) => r.rateeId === tree.memA.id);
    expect(a).toMatchObject({ count: 4, shown: false, withheld: "below_k", satisfaction: null, items: null });
    const preview = await sec.get(`/api/orgs/${tree.branchA.id}/vanguard/preview?from=${monthAgo}&to=${today}`);
    expect(preview.status).toBe(200);
  });

  it("reading every endpoint before and after one rating in an open round isolates nothing", async () => {
    const round = await makeRound();
    const tokens = round.tokensOf(tree.memA.id);
    for (const t of tokens.slice(0, 6)) expect((await rate(t.token, "satisfied", "很好")).status).toBe(201);
    const before = await readEverything(round.id);
    // The one rating the attacker wants to see: the only "unsatisfied", with a comment nobody else wrote.
    expect((await rate(tokens[6]!.token, "unsatisfied", "秘密意见")).status).toBe(201);
    const after = await readEverything(round.id);
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain("秘密意见");
    const results = (await (await as(tree.secA)).get(`/api/rating-rounds/${round.id}`)).body;
    const a = results.ratees.find((r: { rateeId: string }) => r.rateeId === tree.memA.id);
    // Participation is visible (the secretary handed the links out), the answers are not.
    expect(a).toMatchObject({ count: 7, shown: false, withheld: "open", satisfaction: null, comments: null });
  });

  it("after the round closes, results count whole rounds only: no choice of period splits one", async () => {
    const round = await makeRound();
    const tokens = round.tokensOf(tree.memA.id);
    for (const t of tokens.slice(0, 5)) expect((await rate(t.token, "satisfied")).status).toBe(201);
    // The first five ratings arrived days ago, the sixth today: a period ending yesterday must not
    // count five of them while a period ending today counts six.
    await env.DB.prepare("UPDATE ratings SET created_at = created_at - ? WHERE round_id = ?")
      .bind(3 * DAY, round.id)
      .run();
    expect((await rate(tokens[5]!.token, "unsatisfied")).status).toBe(201);
    const sec = await as(tree.secA);
    expect((await sec.post(`/api/rating-rounds/${round.id}/close`)).status).toBe(200);
    const res = await sec.get(`/api/rating-rounds/${round.id}`);
    const a = res.body.ratees.find((r: { rateeId: string }) => r.rateeId === tree.memA.id);
    expect(a).toMatchObject({ count: 6, shown: true, withheld: null });
    expect(a.satisfaction).toBeCloseTo(5 / 6);
    const masses = async (to: string) => {
      const r = await sec.get(`/api/orgs/${tree.branchA.id}/vanguard/preview?from=${monthAgo}&to=${to}`);
      expect(r.status).toBe(200);
      const one = await (await as(tree.memA)).get(
        `/api/vanguard/members/${tree.memA.id}/preview?from=${monthAgo}&to=${to}`,
      );
      return one.body.inputs.masses;
    };
    const untilYesterday = await masses(yesterday);
    const untilToday = await masses(today);
    expect(untilYesterday.value).toBeUndefined();
    expect(untilToday.sources).toContainEqual({ type: "rating_round", id: round.id, value: 6 });
  });

  it("no comment text for a ratee below the threshold, even after the round closes", async () => {
    const round = await makeRound();
    for (const t of round.tokensOf(tree.memA.id).slice(0, 5)) {
      expect((await rate(t.token, "satisfied", "群众很满意")).status).toBe(201);
    }
    for (const t of round.tokensOf(quiet.id).slice(0, 2)) {
      expect((await rate(t.token, "basic", "只有两人评价的留言")).status).toBe(201);
    }
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const readAll = async () => {
      const bodies = [];
      for (const c of [sec, admin]) {
        bodies.push((await c.get(`/api/rating-rounds/${round.id}`)).body);
        for (const status of ["pending", "approved", "rejected"]) {
          bodies.push((await c.get(`/api/rating-rounds/${round.id}/comments?status=${status}`)).body);
        }
      }
      return JSON.stringify(bodies);
    };
    // Open round: no comment text at all, since a new one would point at the person who just rated.
    const open = await readAll();
    expect(open).not.toContain("只有两人评价的留言");
    expect(open).not.toContain("群众很满意");
    expect((await sec.post(`/api/rating-rounds/${round.id}/close`)).status).toBe(200);
    const closed = await readAll();
    expect(closed).not.toContain("只有两人评价的留言");
    const pending = await sec.get(`/api/rating-rounds/${round.id}/comments?status=pending`);
    expect(pending.body.items.map((c: { comment: string }) => c.comment)).toEqual(Array(5).fill("群众很满意"));
    // Guessing the hidden rating's id does not let anyone publish it.
    const hidden = await env.DB.prepare("SELECT id FROM ratings WHERE round_id = ? AND ratee_id = ? LIMIT 1")
      .bind(round.id, quiet.id)
      .first<{ id: string }>();
    const forced = await sec.post(`/api/ratings/${hidden!.id}/comment`, { approve: true });
    expect(forced.status).toBe(409);
    const res = await sec.get(`/api/rating-rounds/${round.id}`);
    expect(res.body.ratees.find((r: { rateeId: string }) => r.rateeId === quiet.id)).toMatchObject({
      shown: false,
      withheld: "below_k",
      comments: null,
    });
  });
});
