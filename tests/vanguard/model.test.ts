import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MODEL } from "../../schema/vanguard/values";
import { as, makeOrg, makeTree, makeUser } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
let other: { id: string; path: string };
let otherAdmin: { username: string };
beforeAll(async () => {
  tree = await makeTree();
  other = await makeOrg(null, "另一市委", "committee");
  otherAdmin = await makeUser("otherAdmin", [[other, "admin"]]);
});

const body = (definition: unknown = DEFAULT_MODEL) => ({ name: "测试模型", definition });
const url = (id: string) => `/api/orgs/${id}/vanguard/models`;

describe("vanguard model endpoints refuse", () => {
  it("members: 404 on the committee, 403 on their own branch", async () => {
    const m = await as(tree.memA);
    expect((await m.get(`/api/orgs/${tree.committee.id}/vanguard/model`)).status).toBe(404);
    expect((await m.post(url(tree.committee.id), body())).status).toBe(404);
    expect((await m.post(url(tree.branchA.id), body())).status).toBe(403);
    expect((await m.get(`/api/orgs/${tree.branchA.id}/vanguard/model`)).status).toBe(200);
  });

  it("secretaries: 403 on their branch, 404 on the committee and another branch", async () => {
    const s = await as(tree.secA);
    expect((await s.post(url(tree.branchA.id), body())).status).toBe(403);
    expect((await s.post(url(tree.committee.id), body())).status).toBe(404);
    expect((await s.post(url(tree.branchB.id), body())).status).toBe(404);
  });

  it("an admin of another subtree, and guessed ids: 404", async () => {
    const o = await as(otherAdmin);
    expect((await o.get(`/api/orgs/${tree.committee.id}/vanguard/model`)).status).toBe(404);
    expect((await o.post(url(tree.committee.id), body())).status).toBe(404);
    const a = await as(tree.admin);
    expect((await a.post(url(other.id), body())).status).toBe(404);
    expect((await a.post(url("no-such-org"), body())).status).toBe(404);
  });

  it("bad bodies: 400 and nothing saved", async () => {
    const a = await as(tree.admin);
    const item0 = DEFAULT_MODEL.items[0]!;
    const bad = [
      {},
      { name: "", definition: DEFAULT_MODEL },
      body({ ...DEFAULT_MODEL, bonusCap: 101 }),
      body({ ...DEFAULT_MODEL, deductionCap: -1 }),
      body({ ...DEFAULT_MODEL, items: [] }),
      body({ ...DEFAULT_MODEL, items: [{ ...item0, rule: { kind: "ratio", target: 0 } }] }),
      body({ ...DEFAULT_MODEL, items: [{ ...item0, part: "extra" }] }),
    ];
    for (const b of bad) {
      const r = await a.post(url(tree.committee.id), b);
      expect(r.status, JSON.stringify(b).slice(0, 80)).toBe(400);
    }
    // Well-formed but inconsistent (base ≠ the base items' maxima, repeated keys, not a committee): 422.
    expect((await a.post(url(tree.committee.id), body({ ...DEFAULT_MODEL, base: 61 }))).status).toBe(422);
    const twice = { ...DEFAULT_MODEL, items: [...DEFAULT_MODEL.items, item0] };
    expect((await a.post(url(tree.committee.id), body(twice))).status).toBe(422);
    expect((await a.post(url(tree.branchA.id), body())).status).toBe(422);
    expect((await a.get(`/api/orgs/${tree.committee.id}/vanguard/model`)).body.version).toBe(0);
    const ok = await a.post(url(tree.committee.id), body({ ...DEFAULT_MODEL, bonusCap: 15 }));
    expect(ok.status).toBe(201);
    expect((await a.get(`/api/orgs/${tree.branchA.id}/vanguard/model`)).body).toMatchObject({
      version: 1,
      definition: { bonusCap: 15 },
    });
  });
});
