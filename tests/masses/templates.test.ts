import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ITEMS } from "../../schema/masses/values";
import { as, makeOrg, makeTree, makeUser } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
let other: { id: string; path: string };
let otherAdmin: { username: string };
beforeAll(async () => {
  tree = await makeTree();
  other = await makeOrg(null, "另一市委", "committee");
  otherAdmin = await makeUser("otherAdmin", [[other, "admin"]]);
});

const body = (items: unknown = DEFAULT_ITEMS.member, target = "member") => ({ target, name: "模板", items });
const url = (id: string) => `/api/orgs/${id}/rating-templates`;
const read = (id: string, target = "member") => `/api/orgs/${id}/rating-template?target=${target}`;

describe("rating template endpoints refuse", () => {
  it("members: 404 on the committee, 403 on their own branch", async () => {
    const m = await as(tree.memA);
    expect((await m.get(read(tree.committee.id))).status).toBe(404);
    expect((await m.post(url(tree.committee.id), body())).status).toBe(404);
    expect((await m.post(url(tree.branchA.id), body())).status).toBe(403);
  });

  it("secretaries: 403 on their branch, 404 on the committee and another branch", async () => {
    const s = await as(tree.secA);
    expect((await s.post(url(tree.branchA.id), body())).status).toBe(403);
    expect((await s.post(url(tree.committee.id), body())).status).toBe(404);
    expect((await s.post(url(tree.branchB.id), body())).status).toBe(404);
    expect((await s.get(read(tree.branchB.id))).status).toBe(404);
  });

  it("an admin of another subtree, and guessed ids: 404", async () => {
    const o = await as(otherAdmin);
    expect((await o.get(read(tree.committee.id))).status).toBe(404);
    expect((await o.post(url(tree.committee.id), body())).status).toBe(404);
    const a = await as(tree.admin);
    expect((await a.post(url(other.id), body())).status).toBe(404);
    expect((await a.post(url("no-such-org"), body())).status).toBe(404);
  });

  it("bad bodies: 400 and nothing saved", async () => {
    const a = await as(tree.admin);
    const one = DEFAULT_ITEMS.member[0]!;
    const bad = [
      {},
      body([]),
      body(DEFAULT_ITEMS.member, "nobody"),
      body([{ ...one, key: "Bad Key" }]),
      body([{ ...one, label: { ...one.label, en: " " } }]),
      body(Array.from({ length: 21 }, (_, i) => ({ ...one, key: `k${i}` }))),
      { ...body(), name: "" },
    ];
    for (const b of bad) {
      const r = await a.post(url(tree.committee.id), b);
      expect(r.status, JSON.stringify(b).slice(0, 80)).toBe(400);
    }
    // Well-formed but inconsistent (repeated keys, not a committee): 422.
    expect((await a.post(url(tree.committee.id), body([one, one]))).status).toBe(422);
    expect((await a.post(url(tree.branchA.id), body())).status).toBe(422);
    expect((await a.get(read(tree.committee.id))).body.id).toBeNull();
    expect((await a.get(`/api/orgs/${tree.committee.id}/rating-template?target=x`)).status).toBe(400);
  });
});
