import { beforeAll, describe, expect, it } from "vitest";
import { as, type Client, makeOrg, makeUser } from "../fixtures";
import { countDrift, keptCounts } from "../orgs/helpers";

type Org = Awaited<ReturnType<typeof makeOrg>>;
let city: Org;
let branchA: Org;
let branchB: Org;
let admin: Client;
let secA: Client;

beforeAll(async () => {
  city = await makeOrg(null, "计数市委", "committee");
  branchA = await makeOrg(city, "计数一支部", "branch");
  branchB = await makeOrg(city, "计数二支部", "branch");
  admin = await as(await makeUser("count-admin", [[city, "admin"]]));
  secA = await as(await makeUser("count-secA", [[branchA, "secretary"]]));
});

/** The distinct members on every page of an org's roster, inactive ones included, as the reader sees it. */
async function rosterPeople(c: Client, orgId: string) {
  const people = new Set<string>();
  let after: string | null = null;
  let total: number | undefined;
  do {
    const r: {
      status: number;
      body: { items: { id: string; caseId: string | null }[]; next: string | null; total: number };
    } = await c.get(`/api/orgs/${orgId}/members?limit=200&inactive=1${after ? `&after=${after}` : ""}`);
    expect(r.status).toBe(200);
    for (const row of r.body.items) if (row.caseId === null) people.add(row.id);
    total = r.body.total;
    after = r.body.next;
  } while (after);
  return { people: people.size, total };
}

/** Each org's member count as the org tree shows it to the reader. */
async function treeCounts(c: Client) {
  const r = await c.get("/api/orgs");
  expect(r.status).toBe(200);
  return new Map<string, number>(
    r.body.items.map((o: { id: string; subtreeMembers: number }) => [o.id, o.subtreeMembers] as const),
  );
}

/** The count shown for an org (the roster's header and the org tree) to the reader, beside the people on its roster. */
async function shown(c: Client, orgId: string) {
  const roster = await rosterPeople(c, orgId);
  return { header: roster.total, tree: (await treeCounts(c)).get(orgId), roster: roster.people };
}
const counted = (n: number) => ({ header: n, tree: n, roster: n });

describe("member counts count people", () => {
  it("a person in two branches of a committee is one of its members, and one of each branch's", async () => {
    const before = (await keptCounts(city.id))!.subtree;
    const both = await makeUser("count-both", [
      [branchA, "member"],
      [branchB, "member"],
    ]);
    expect(await shown(admin, city.id)).toEqual(counted(before + 1));
    expect(await shown(admin, branchA.id)).toEqual(counted(1));
    expect(await shown(admin, branchB.id)).toEqual(counted(1));
    expect(await countDrift()).toEqual([]);

    // Leaves branch B: still one at the committee, none in B.
    const leave = (orgId: string) => admin.post(`/api/users/${both.id}/roles/revoke`, { orgId, role: "member" });
    expect((await leave(branchB.id)).status).toBe(200);
    expect(await shown(admin, city.id)).toEqual(counted(before + 1));
    expect(await shown(admin, branchA.id)).toEqual(counted(1));
    expect(await shown(admin, branchB.id)).toEqual(counted(0));

    // Back in B, then out of both: none anywhere.
    const join = (orgId: string) => admin.post(`/api/users/${both.id}/roles`, { orgId, role: "member" });
    expect((await join(branchB.id)).status).toBe(201);
    expect(await shown(admin, city.id)).toEqual(counted(before + 1));
    expect((await leave(branchA.id)).status).toBe(200);
    expect((await leave(branchB.id)).status).toBe(200);
    expect(await shown(admin, city.id)).toEqual(counted(before));
    expect(await shown(admin, branchA.id)).toEqual(counted(0));
    expect(await shown(admin, branchB.id)).toEqual(counted(0));
    expect(await countDrift()).toEqual([]);
  });

  it("a transfer within the committee keeps its count; a deactivated member still counts, as the roster lists them", async () => {
    const mover = await makeUser("count-mover", [[branchA, "member"]]);
    const cityBefore = (await keptCounts(city.id))!.subtree;
    expect((await admin.post(`/api/users/${mover.id}/transfer`, { toOrgId: branchB.id })).status).toBe(200);
    expect((await keptCounts(city.id))!.subtree).toBe(cityBefore);
    expect((await admin.post(`/api/users/${mover.id}/deactivate`)).status).toBe(200);
    const b = await shown(admin, branchB.id);
    expect(b.header).toBe(b.roster);
    expect(await countDrift()).toEqual([]);
  });

  it("an archive refused for members left names how many people, from the kept count", async () => {
    const district = await makeOrg(city, "计数区委", "committee");
    const [one, two] = [await makeOrg(district, "区一支部", "branch"), await makeOrg(district, "区二支部", "branch")];
    await makeUser("count-twice", [
      [one, "member"],
      [two, "member"],
    ]);
    const r = await admin.post(`/api/orgs/${district.id}/archive`);
    expect(r.status).toBe(409);
    expect(r.body.error.details).toEqual({ members: 1 });
  });

  it("attacker: a secretary's counts say no more than their roster shows, and do not move with another branch", async () => {
    // Someone in branch A is also in branch B, which secretary A cannot see.
    const shared = await makeUser("count-shared", [
      [branchA, "member"],
      [branchB, "member"],
    ]);
    const visible = await treeCounts(secA);
    expect([...visible.keys()]).toEqual([branchA.id]);
    const own = await shown(secA, branchA.id);
    expect(own.header).toBe(own.roster);
    expect(own.tree).toBe(own.roster);
    // The committee's count and roster stay closed to them.
    const committee = await secA.get(`/api/orgs/${city.id}/members?limit=1`);
    expect(committee.status).toBe(404);
    expect(committee.body.total).toBeUndefined();

    // The shared member leaves B, and B gains someone: nothing secretary A reads changes.
    const read = async () => JSON.stringify([(await secA.get("/api/orgs")).body, await shown(secA, branchA.id)]);
    const before = await read();
    expect(
      (await admin.post(`/api/users/${shared.id}/roles/revoke`, { orgId: branchB.id, role: "member" })).status,
    ).toBe(200);
    await makeUser("count-newcomer", [[branchB, "member"]]);
    expect(await read()).toBe(before);
  });
});
