import { beforeAll, describe, expect, it } from "vitest";
import { applicant, ok } from "../development/helpers";
import { as, type Client, makeOrg, makeUser } from "../fixtures";
import { stalePathCopies } from "./helpers";

// A branch keeps reading a development record up to the person's transfer away from it. Which branch
// that was is decided by its id's path now: when the old branch later moves from committee A to B, B's
// committee reads that history and A's no longer does.
let A: Awaited<ReturnType<typeof makeOrg>>;
let B: typeof A;
let from: typeof A;
let rootAdmin: Client;
let adminA: Client;
let adminB: Client;
let caseId: string;

beforeAll(async () => {
  const root = await makeOrg(null, "省委", "committee");
  A = await makeOrg(root, "甲区委", "committee");
  B = await makeOrg(root, "乙区委", "committee");
  from = await makeOrg(A, "原支部", "branch");
  const to = await makeOrg(root, "新支部", "branch");
  rootAdmin = await as(await makeUser("root", [[root, "admin"]]));
  adminA = await as(await makeUser("adminA", [[A, "admin"]]));
  adminB = await as(await makeUser("adminB", [[B, "admin"]]));
  const sec = await as(await makeUser("sec", [[from, "secretary"]]));
  caseId = (await applicant(sec, from.id, "2025-01-10")).caseId;
  await ok(rootAdmin, caseId, "transfer", "2025-03-01", { toOrgId: to.id, decision: "组织关系转接" });
});

describe("a development record's former branch after that branch moves", () => {
  it("is read by the committee now above the branch, and by the one it left as an unknown case", async () => {
    const before = await adminA.get(`/api/development/cases/${caseId}`);
    expect([before.status, before.body.movedAway]).toEqual([200, true]);
    expect((await adminB.get(`/api/development/cases/${caseId}`)).status).toBe(404);

    expect((await rootAdmin.post(`/api/orgs/${from.id}/move`, { parentId: B.id })).status).toBe(200);
    const [got, none] = [
      await adminA.get(`/api/development/cases/${caseId}`),
      await adminA.get("/api/development/cases/no-such-case"),
    ];
    expect([got.status, got.body]).toEqual([none.status, none.body]);
    const now = await adminB.get(`/api/development/cases/${caseId}`);
    expect([now.status, now.body.movedAway]).toEqual([200, true]);
    expect(now.body.steps.map((s: { step: string }) => s.step)).toEqual(["application", "transfer"]);
    expect(await stalePathCopies()).toEqual([]);
  });
});
