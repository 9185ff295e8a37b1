import { beforeAll, describe, expect, it } from "vitest";
import { as, makeTree } from "../fixtures";
import { held } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
// A year that has ended: every period of the rhythm is over, whatever today is.
const YEAR = 2025;
beforeAll(async () => {
  tree = await makeTree();
  const secA = await as(tree.secA);
  const secB = await as(tree.secB);
  for (const m of ["02", "05", "08", "11"]) await held(secA, tree.branchA.id, "lecture", `${YEAR}-${m}-10`);
  // Two lectures in one quarter meet that quarter once; the other three are missed.
  await held(secB, tree.branchB.id, "lecture", `${YEAR}-01-10`);
  await held(secB, tree.branchB.id, "lecture", `${YEAR}-03-10`);
  await held(secB, tree.branchB.id, "life_meeting", `${YEAR}-12-20`);
});

type KindSum = { kind: string; met: number; missed: number };

describe("the committee's year by kind (the chart of organisational life against the rhythm)", () => {
  it("adds up the ended periods met and missed over every branch, for each kind with a rhythm", async () => {
    const admin = await as(tree.admin);
    const view = (await admin.get(`/api/orgs/${tree.committee.id}/orglife/behind/summary?year=${YEAR}`)).body;
    const kinds = new Map((view.kinds as KindSum[]).map((k) => [k.kind, [k.met, k.missed]]));
    expect(kinds.get("lecture")).toEqual([5, 3]);
    expect(kinds.get("life_meeting")).toEqual([1, 1]);
    expect(kinds.get("theme_day")).toEqual([0, 24]);
    expect(kinds.get("general_meeting")).toEqual([0, 8]);
    // Every branch's periods are counted once: met + missed is the rhythm's periods times the branches.
    expect([...kinds.values()].map(([met, missed]) => met! + missed!).sort((a, b) => a - b)).toEqual([
      2, 8, 8, 24, 24, 24,
    ]);
  });

  it("a branch sees only its own sums, and nobody outside the committee reads them", async () => {
    const admin = await as(tree.admin);
    const one = (await admin.get(`/api/orgs/${tree.branchB.id}/orglife/behind/summary?year=${YEAR}`)).body;
    expect((one.kinds as KindSum[]).find((k) => k.kind === "lecture")).toMatchObject({ met: 1, missed: 3 });
    for (const who of [tree.secA, tree.memA])
      for (const path of ["behind/summary", "behind"]) {
        const r = await (await as(who)).get(`/api/orgs/${tree.committee.id}/orglife/${path}?year=${YEAR}`);
        expect([403, 404]).toContain(r.status);
        expect(r.body.kinds ?? r.body.items).toBeUndefined();
      }
  });
});
