import { beforeAll, describe, expect, it } from "vitest";
import { END, START, seedRecords } from "../bastion/helpers";
import { as, makeTree } from "../fixtures";
import { staleNameCopies } from "./helpers";

// Renaming orgs: every copy of an org's name another feature keeps (to sort by it through an index) takes
// the new name in the rename's own batch; records that say what was so when written keep the old one.
let tree: Awaited<ReturnType<typeof makeTree>>;

beforeAll(async () => {
  tree = await makeTree();
  await seedRecords(tree);
  const admin = await as(tree.admin);
  for (const b of [tree.branchA, tree.branchB])
    expect((await admin.post(`/api/orgs/${b.id}/bastion/score`, { start: START, end: END })).status).toBe(200);
  const sec = await as(tree.secA);
  expect(
    (await sec.post(`/api/orgs/${tree.branchA.id}/members`, { username: "rename.member", displayName: "新党员" }))
      .status,
  ).toBe(201);
});

describe("renaming orgs", () => {
  it("leaves no copy of a former name behind but in records kept as written", async () => {
    const admin = await as(tree.admin);
    const orgs = [tree.committee, tree.school, tree.branchA, tree.branchB];
    for (const [i, o] of orgs.entries())
      expect((await admin.patch(`/api/orgs/${o.id}`, { name: `更名后的第${i + 1}个组织` })).status).toBe(200);
    expect(await staleNameCopies(orgs.map((o) => o.name))).toEqual([]);
  });
});
