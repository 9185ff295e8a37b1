import { beforeAll, describe, expect, it } from "vitest";
import { commendationNominees, memberships, orgs, users } from "../../schema";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { as, db, makeOrg, makeTree } from "../fixtures";
import { openRound, results, yearCycle } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

/** Members of fresh branches under the committee, each nominated into the round (written directly). */
async function nominees(roundId: string, branches: number, perBranch: number) {
  const now = Date.now();
  const orgRows = [];
  const userRows = [];
  const memberRows = [];
  const nomineeRows = [];
  for (let b = 0; b < branches; b++) {
    const id = newId();
    orgRows.push({
      id,
      parentId: tree.committee.id,
      path: `${tree.committee.path}${id}/`,
      name: `支部${b}`,
      kind: "branch" as const,
      orgType: "community" as const,
      createdAt: now,
    });
    for (let i = 0; i < perBranch; i++) {
      const uid = newId();
      userRows.push({
        id: uid,
        username: `n-${uid}`,
        displayName: `党员${b}-${i}`,
        passwordHash: "x",
        passwordSalt: "x",
        passwordIterations: 1,
        createdAt: now,
        updatedAt: now,
      });
      memberRows.push({ id: newId(), userId: uid, orgId: id, role: "member" as const, startedAt: now });
      nomineeRows.push({
        id: newId(),
        roundId,
        subjectId: uid,
        orgId: id,
        statement: "事迹",
        nominatedBy: tree.secA.id,
        nominatedAt: now,
      });
    }
  }
  await db().batch([
    ...chunkedInserts(db(), orgs, orgRows),
    ...chunkedInserts(db(), users, userRows),
    ...chunkedInserts(db(), memberships, memberRows),
    ...chunkedInserts(db(), commendationNominees, nomineeRows),
  ] as [any, ...any[]]);
  return { orgRows, userRows };
}

describe("a round of many nominees", () => {
  it("reads every member nominee's evidence beyond D1's 100 bound parameters", async () => {
    const admin = await as(tree.admin);
    const roundId = await openRound(admin, tree.committee.id, {
      criteria: { vanguardMin: 60, appraisal: "qualified", serviceHours: 2, massesMin: 0.5 },
      quota: 10,
    });
    const { orgRows, userRows } = await nominees(roundId, 30, 5);
    const cycle = await yearCycle(orgRows[29]!);
    await results(userRows[149]!.id, orgRows[29]!.id, cycle, { hours: 3 });
    const r = await admin.get(`/api/commendations/${roundId}`);
    expect(r.status).toBe(200);
    expect(r.body.nominees).toHaveLength(150);
    const last = r.body.nominees.find((n: any) => n.subjectId === userRows[149]!.id);
    expect(last.evidence.criteria.find((c: any) => c.key === "service")).toMatchObject({ status: "met", value: 3 });
  });

  it("reads every branch nominee's evidence beyond D1's 100 bound parameters", async () => {
    const admin = await as(tree.admin);
    const roundId = await openRound(admin, tree.committee.id, {
      kind: "advanced_branch",
      criteria: { serviceHours: 1, vanguardMin: 60, massesMin: 0.5 },
    });
    const branches = [];
    for (let b = 0; b < 120; b++) branches.push(await makeOrg(tree.committee, `先进${b}`, "branch", "village"));
    const now = Date.now();
    await db().batch(
      chunkedInserts(
        db(),
        commendationNominees,
        branches.map((o) => ({
          id: newId(),
          roundId,
          subjectId: o.id,
          orgId: o.id,
          statement: "事迹",
          nominatedBy: tree.admin.id,
          nominatedAt: now,
        })),
      ) as [any, ...any[]],
    );
    const r = await admin.get(`/api/commendations/${roundId}`);
    expect(r.status).toBe(200);
    expect(r.body.nominees).toHaveLength(120);
    expect(r.body.nominees.every((n: any) => n.evidence.criteria.length === 3)).toBe(true);
  });
});
