import { beforeAll, describe, expect, it } from "vitest";
import { as, type Client, makeTree, makeUser } from "../fixtures";
import { anon, monthAgo, pledgeRound, readAll, setPledges, type Tree, thisYear, today } from "./helpers";

/**
 * Attacker tests for 评诺, under the same rules as 民评: the secretary, the member and the committee
 * reading every endpoint before and after one pledge rating learn nothing about it.
 */
let tree: Tree;
let quiet: { id: string; username: string };
beforeAll(async () => {
  tree = await makeTree();
  quiet = await makeUser("quiet", [[tree.branchA, "member"]]);
  await setPledges(tree, [
    [tree.memA, ["每月义务理发一次", "帮扶一户困难家庭"]],
    [quiet, ["参加社区巡逻"]],
  ]);
});

async function readEverything(roundId: string) {
  const sec = await as(tree.secA);
  const admin = await as(tree.admin);
  const me = await as(tree.memA);
  const period = `from=${monthAgo}&to=${today}`;
  const urls: [Client, string][] = [
    [sec, `/api/rating-rounds/${roundId}`],
    [sec, `/api/rating-rounds/${roundId}/comments?status=pending`],
    [sec, `/api/rating-rounds/${roundId}/verify`],
    [sec, `/api/orgs/${tree.branchA.id}/rating-rounds`],
    [sec, `/api/orgs/${tree.branchA.id}/pledges?year=${thisYear}`],
    [admin, `/api/rating-rounds/${roundId}`],
    [admin, `/api/orgs/${tree.committee.id}/chain-seals`],
    [me, `/api/my/pledges?year=${thisYear}`],
    [me, `/api/vanguard/members/${tree.memA.id}/preview?${period}`],
    [sec, `/api/orgs/${tree.branchA.id}/vanguard/preview?${period}`],
    [me, `/api/archives/${tree.memA.id}/export`],
  ];
  return readAll(urls);
}

describe("anonymity of the masses' pledge checks", () => {
  it("reading every endpoint before and after one pledge rating in an open round isolates nothing", async () => {
    const round = await pledgeRound(tree, 8);
    const tokens = round.tokensOf(tree.memA.id);
    const view = await anon().get(tokens[0]!.token);
    const keys: string[] = view.body.items.map((i: { key: string }) => i.key);
    const kept = Object.fromEntries(keys.map((k) => [k, "kept"]));
    for (const t of tokens.slice(0, 6)) expect((await anon().post(t.token, kept, "说到做到")).status).toBe(201);
    const before = await readEverything(round.id);
    const notKept = Object.fromEntries(keys.map((k) => [k, "not_kept"]));
    expect((await anon().post(tokens[6]!.token, notKept, "承诺没兑现")).status).toBe(201);
    const after = await readEverything(round.id);
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain("承诺没兑现");
  });

  it("after close, a member below k shows nothing: not in results, comments, seal check or the index", async () => {
    const round = await pledgeRound(tree, 6);
    for (const t of round.tokensOf(tree.memA.id).slice(0, 5)) {
      const v = await anon().get(t.token);
      const answers = Object.fromEntries(v.body.items.map((i: { key: string }) => [i.key, "kept"]));
      expect((await anon().post(t.token, answers)).status).toBe(201);
    }
    for (const t of round.tokensOf(quiet.id).slice(0, 2)) {
      const v = await anon().get(t.token);
      const answers = Object.fromEntries(v.body.items.map((i: { key: string }) => [i.key, "not_kept"]));
      expect((await anon().post(t.token, answers, "只有两人的评诺留言")).status).toBe(201);
    }
    expect((await round.sec.post(`/api/rating-rounds/${round.id}/close`)).status).toBe(200);
    const res = await round.sec.get(`/api/rating-rounds/${round.id}`);
    const q = res.body.ratees.find((r: { rateeId: string }) => r.rateeId === quiet.id);
    expect(q).toMatchObject({ count: 2, shown: false, withheld: "below_k", items: null, satisfaction: null });
    const bodies: unknown[] = [res.body];
    for (const status of ["pending", "approved", "rejected"]) {
      bodies.push((await round.sec.get(`/api/rating-rounds/${round.id}/comments?status=${status}`)).body);
    }
    const check = await anon().check(res.body.seal.code, res.body.seal.fingerprint);
    expect(check.body.status).toBe("intact");
    bodies.push(check.body);
    const me = await as(quiet);
    const index = await me.get(`/api/vanguard/members/${quiet.id}/preview?from=${monthAgo}&to=${today}`);
    expect(index.body.inputs.pledges).toMatchObject({ missing: true, reason: "below_k" });
    bodies.push(index.body);
    const text = JSON.stringify(bodies);
    expect(text).not.toContain("只有两人的评诺留言");
    expect(text).not.toContain('not_kept":2');
  });
});
