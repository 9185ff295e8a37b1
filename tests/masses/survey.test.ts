import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ITEMS } from "../../schema/masses/values";
import { branchRoundResults, branchRoundsQuery } from "../../worker/masses";
import { as, db, makeTree } from "../fixtures";
import { anon, answerAll, type Tree } from "./helpers";

// 民测: a satisfaction survey of the branch's service to the masses, through the rating machinery with
// its own items; its per-branch result is what the branch index (堡垒指数) reads.

let tree: Tree;
beforeAll(async () => {
  tree = await makeTree();
});

async function survey(branch: { id: string }, secretary: { username: string }, n: number, answer = "satisfied") {
  const sec = await as(secretary);
  const r = await sec.post(`/api/orgs/${branch.id}/rating-rounds`, {
    title: "民测",
    target: "survey",
    tokensPerRatee: n + 1,
    closesOn: "2999-12-31",
  });
  expect(r.status).toBe(201);
  for (const [i, t] of (r.body.tokens as { token: string }[]).slice(0, n).entries()) {
    expect((await answerAll(anon(), t.token, i === 0 ? "unsatisfied" : answer)).status).toBe(201);
  }
  return { id: r.body.round.id as string, sec, tokens: r.body.tokens as { token: string }[] };
}

const results = async (path: string, ids: string[]) => {
  const p = { path, target: "survey" as const, periodStart: Date.now() - 86_400_000, periodEnd: Date.now() + 60_000 };
  return branchRoundResults(await branchRoundsQuery(db(), { ...p, now: Date.now() }), ids);
};

describe("民测 survey", () => {
  it("runs on the survey items, rates the branch itself, and a committee template replaces them", async () => {
    const { tokens } = await survey(tree.branchA, tree.secA, 0);
    const view = await anon().get(tokens[0]!.token);
    expect(view.body).toMatchObject({
      target: "survey",
      rateeName: "社区支部",
      answers: ["satisfied", "basic", "unsatisfied"],
    });
    expect(view.body.items.map((i: { key: string }) => i.key)).toEqual(DEFAULT_ITEMS.survey.map((i) => i.key));
    const admin = await as(tree.admin);
    const items = [{ key: "visits", label: { "zh-CN": "入户走访", "zh-TW": "入戶走訪", en: "Home visits" } }];
    const saved = await admin.post(`/api/orgs/${tree.committee.id}/rating-templates`, {
      target: "survey",
      name: "民测",
      items,
    });
    expect(saved.status).toBe(201);
    const pledgeTemplate = await admin.post(`/api/orgs/${tree.committee.id}/rating-templates`, {
      target: "pledge",
      name: "x",
      items,
    });
    expect(pledgeTemplate.status).toBe(400);
    const again = await survey(tree.branchA, tree.secA, 0);
    expect((await anon().get(again.tokens[0]!.token)).body.items).toEqual(items);
    // The branch's 民评 keeps its own items.
    const sec = await as(tree.secA);
    const eff = await sec.get(`/api/orgs/${tree.branchA.id}/rating-template?target=branch`);
    expect(eff.body.items).toEqual(DEFAULT_ITEMS.branch);
  });

  it("gives each branch its satisfaction once the survey closes with k answers; missing otherwise", async () => {
    const a = await survey(tree.branchA, tree.secA, 5);
    const b = await survey(tree.branchB, tree.secB, 3);
    const ids = [tree.branchA.id, tree.branchB.id];
    // Open: nothing counts yet, whatever has arrived.
    let out = await results(tree.committee.path, ids);
    expect(out.get(tree.branchA.id)).toMatchObject({ missing: true, reason: "no_survey" });
    expect((await a.sec.post(`/api/rating-rounds/${a.id}/close`)).status).toBe(200);
    expect((await b.sec.post(`/api/rating-rounds/${b.id}/close`)).status).toBe(200);
    out = await results(tree.committee.path, ids);
    expect((await anon().get(a.tokens[5]!.token)).status).toBe(410);
    const got = out.get(tree.branchA.id);
    expect(got && "value" in got && got.value).toBeCloseTo(4 / 5);
    expect(got && "sources" in got && got.sources).toEqual([{ type: "rating_round", id: a.id, value: 5 }]);
    expect(out.get(tree.branchB.id)).toMatchObject({ missing: true, reason: "below_k", detail: { ratings: 3 } });
    // A branch scoring itself reads only its own subtree.
    const own = await results(tree.branchB.path, ids);
    expect(own.get(tree.branchA.id)).toMatchObject({ missing: true, reason: "no_survey" });
  });
});
