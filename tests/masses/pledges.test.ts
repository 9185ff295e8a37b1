import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PLEDGES } from "../../schema/masses/values";
import { newId } from "../../worker/lib/ids";
import { as, makeTree, makeUser } from "../fixtures";
import { anon, answerAll, monthAgo, pledgeRound, setPledges, type Tree, thisYear, today } from "./helpers";

// 民考 (承诺、践诺、评诺): pledges made, approved, worked on, and checked by the masses at year end.

let tree: Tree;
let other: { id: string; username: string };
let idle: { id: string; username: string };
beforeAll(async () => {
  tree = await makeTree();
  other = await makeUser("other", [[tree.branchA, "member"]]);
  idle = await makeUser("idle", [[tree.branchA, "member"]]);
});

describe("pledges", () => {
  it("a member proposes, the branch approves or rejects, and sets pledges itself", async () => {
    const me = await as(other);
    const mine = await me.post("/api/my/pledges", { orgId: tree.branchA.id, year: 2030, text: "每月走访两户困难群众" });
    expect(mine.status).toBe(201);
    expect(mine.body.status).toBe("proposed");
    const nope = await me.post("/api/my/pledges", { orgId: tree.branchB.id, year: 2030, text: "在别的支部承诺" });
    expect(nope.status).toBe(422);
    const sec = await as(tree.secA);
    expect((await sec.post(`/api/pledges/${mine.body.id}/decision`, { approve: true })).status).toBe(200);
    expect((await sec.post(`/api/pledges/${mine.body.id}/decision`, { approve: false })).status).toBe(409);
    const set = await sec.post(`/api/orgs/${tree.branchA.id}/pledges`, {
      memberId: other.id,
      year: 2030,
      text: "帮助社区老人使用智能手机",
    });
    expect(set.body.status).toBe("approved");
    const outsider = await sec.post(`/api/orgs/${tree.branchA.id}/pledges`, {
      memberId: tree.memB.id,
      year: 2030,
      text: "别的支部的党员",
    });
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.details[0].path).toBe("memberId");
    const list = await sec.get(`/api/orgs/${tree.branchA.id}/pledges?year=2030`);
    expect(list.body.items.map((p: { status: string }) => p.status)).toEqual(["approved", "approved"]);
    // Another branch's secretary sees nothing of it and cannot decide.
    const secB = await as(tree.secB);
    expect((await secB.get(`/api/orgs/${tree.branchA.id}/pledges?year=2030`)).status).toBe(404);
    expect((await secB.post(`/api/pledges/${mine.body.id}/decision`, { approve: false })).status).toBe(404);
    // A member cannot decide on pledges.
    expect((await me.post(`/api/pledges/${mine.body.id}/decision`, { approve: true })).status).toBe(403);
  });

  it(`at most ${MAX_PLEDGES} pledges a year, even when sent at once`, async () => {
    const me = await as(idle);
    const replies = await Promise.all(
      Array.from({ length: MAX_PLEDGES + 3 }, (_, i) =>
        me.post("/api/my/pledges", { orgId: tree.branchA.id, year: 2031, text: `承诺第 ${i + 1} 项` }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(MAX_PLEDGES);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === "quota_exceeded")).toBe(true);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM pledges WHERE member_id = ? AND year = 2031")
      .bind(idle.id)
      .first<{ n: number }>();
    expect(stored?.n).toBe(MAX_PLEDGES);
    // A rejected pledge frees its place.
    const sec = await as(tree.secA);
    expect((await sec.post(`/api/pledges/${replies[0]!.body.id}/decision`, { approve: false })).status).toBe(200);
    expect((await me.post("/api/my/pledges", { orgId: tree.branchA.id, year: 2031, text: "换一项承诺" })).status).toBe(
      201,
    );
  });

  it("only the member records progress, and only on an approved pledge", async () => {
    const ids = await setPledges(tree, [[other, ["组织一次垃圾分类宣传"]]], 2032);
    const pledgeId = ids.get(other.id)![0]!;
    const me = await as(other);
    expect((await me.post(`/api/pledges/${pledgeId}/progress`, { note: "三月在小区门口设点宣传" })).status).toBe(201);
    expect((await me.post(`/api/pledges/${pledgeId}/progress`, { note: "" })).status).toBe(400);
    expect((await (await as(tree.memA)).post(`/api/pledges/${pledgeId}/progress`, { note: "代写" })).status).toBe(403);
    expect((await (await as(tree.memB)).post(`/api/pledges/${pledgeId}/progress`, { note: "代写" })).status).toBe(404);
    const proposed = await me.post("/api/my/pledges", { orgId: tree.branchA.id, year: 2032, text: "尚未批准的承诺" });
    expect((await me.post(`/api/pledges/${proposed.body.id}/progress`, { note: "还没批准" })).status).toBe(409);
    const mine = await me.get("/api/my/pledges?year=2032");
    const done = mine.body.items.find((p: { id: string }) => p.id === pledgeId);
    expect(done.updates.map((u: { note: string }) => u.note)).toEqual(["三月在小区门口设点宣传"]);
    expect(mine.body.branches).toContainEqual({ id: tree.branchA.id, name: "社区支部" });
  });
});

describe("the masses check pledges at year end", () => {
  it("each link shows only its member's pledges, answered kept or not kept", async () => {
    await setPledges(tree, [
      [other, ["每周为独居老人送餐", "调解邻里纠纷"]],
      [tree.memA, ["维护社区绿地"]],
    ]);
    const round = await pledgeRound(tree, 5);
    expect(round.tokensOf(idle.id)).toHaveLength(0);
    const person = anon();
    const token = round.tokensOf(other.id)[0]!.token;
    const view = await person.get(token);
    expect(view.body).toMatchObject({ target: "pledge", rateeName: "other", answers: ["kept", "not_kept"] });
    expect(view.body.items.map((i: { label: { "zh-CN": string } }) => i.label["zh-CN"])).toEqual([
      "每周为独居老人送餐",
      "调解邻里纠纷",
    ]);
    expect(JSON.stringify(view.body)).not.toContain("维护社区绿地");
    const keys = view.body.items.map((i: { key: string }) => i.key);
    const scale = await person.post(token, Object.fromEntries(keys.map((k: string) => [k, "satisfied"])));
    expect(scale.status).toBe(422);
    const foreign = await person.post(token, { [keys[0]]: "kept", p_elsewhere: "kept" });
    expect(foreign.status).toBe(422);
    expect((await person.post(token, { [keys[0]]: "kept", [keys[1]]: "not_kept" })).status).toBe(201);
    expect((await person.get(token)).body.error.code).toBe("token_used");
  });

  it("a pledge round needs a year with approved pledges", async () => {
    const sec = await as(tree.secA);
    const body = { title: "评诺", target: "pledge", tokensPerRatee: 2, closesOn: "2999-12-31" };
    const noYear = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, body);
    expect(noYear.status).toBe(422);
    expect(noYear.body.error.details[0].path).toBe("year");
    const empty = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, { ...body, year: 2040 });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details[0].code).toBe("too_small");
    await setPledges(tree, [[tree.memA, ["整理社区图书角"]]], 2041);
    const chosen = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
      ...body,
      year: 2041,
      rateeIds: [tree.memA.id],
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.tokens).toHaveLength(2);
    // Members without a pledge that year cannot be chosen, however many are sent.
    const many = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
      ...body,
      year: 2041,
      rateeIds: [tree.memA.id, ...Array.from({ length: 150 }, () => newId())],
    });
    expect(many.status).toBe(422);
    expect(many.body.error.details[0]).toMatchObject({ path: "rateeIds", code: "not_a_member" });
  });

  it("results per pledge only after close and at k; the vanguard index gets the share kept", async () => {
    const year = thisYear;
    const round = await pledgeRound(tree, 7, year);
    const memA = round.tokensOf(tree.memA.id);
    for (const [i, t] of memA.slice(0, 6).entries()) {
      expect((await answerAll(anon(), t.token, i < 4 ? "kept" : "not_kept")).status).toBe(201);
    }
    for (const t of round.tokensOf(other.id).slice(0, 2)) {
      expect((await answerAll(anon(), t.token, "kept")).status).toBe(201);
    }
    const open = await round.sec.get(`/api/rating-rounds/${round.id}`);
    expect(open.body.answers).toEqual(["kept", "not_kept"]);
    for (const r of open.body.ratees) expect(r).toMatchObject({ shown: false, withheld: "open", items: null });
    expect((await round.sec.post(`/api/rating-rounds/${round.id}/close`)).status).toBe(200);
    const closed = await round.sec.get(`/api/rating-rounds/${round.id}`);
    const a = closed.body.ratees.find((r: { rateeId: string }) => r.rateeId === tree.memA.id);
    expect(a).toMatchObject({ count: 6, shown: true });
    expect(a.satisfaction).toBeCloseTo(4 / 6);
    expect(a.items).toHaveLength(1);
    expect(a.items[0]).toMatchObject({ kept: 4, not_kept: 2 });
    const o = closed.body.ratees.find((r: { rateeId: string }) => r.rateeId === other.id);
    expect(o).toMatchObject({ count: 2, shown: false, withheld: "below_k", items: null });

    const period = `from=${monthAgo}&to=${today}`;
    const input = async (who: { id: string; username: string }) =>
      (await (await as(who)).get(`/api/vanguard/members/${who.id}/preview?${period}`)).body.inputs.pledges;
    const mine = await input(tree.memA);
    expect(mine.value).toBeCloseTo(4 / 6);
    expect(mine.sources).toContainEqual({ type: "rating_round", id: round.id, value: 6 });
    expect(await input(other)).toMatchObject({ missing: true, reason: "below_k" });
    expect(await input(idle)).toMatchObject({ missing: true, reason: "no_pledges" });
    const preview = await (await as(tree.memA)).get(`/api/vanguard/members/${tree.memA.id}/preview?${period}`);
    const line = preview.body.explanation.lines.find((l: { key: string }) => l.key === "pledges");
    expect(line).toMatchObject({ status: "ok", part: "bonus" });
    expect(line.points).toBeCloseTo(5 * (4 / 6), 1);
  });
});
