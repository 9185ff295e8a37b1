import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bastionScores, memberships } from "../../schema";
import { branchDetail, overview } from "../../worker/bastion/overview";
import { getOrg } from "../../worker/orgs";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { countingDb } from "../vanguard/helpers";
import { DAY, END, holdYearly, PERIOD, START, seedRecords } from "./helpers";

// The committee's overview: branches by band and lagging status, by name inside each; never a leaderboard.
let tree: Awaited<ReturnType<typeof makeTree>>;
const named: Record<string, { id: string; path: string }> = {};

beforeAll(async () => {
  tree = await makeTree();
  await seedRecords(tree);
  const admin = await as(tree.admin);
  // Three branches whose names run against their scores (duty points 7, 2, 5 of 8; service 0 of 20;
  // the same organisational life each).
  for (const [name, duty] of [
    ["A 支部", 7],
    ["B 支部", 2],
    ["C 支部", 5],
  ] as const) {
    const b = await makeOrg(tree.committee, name, "branch", "community");
    const sec = await makeUser(`m-${name}`, [
      [b, "member"],
      [b, "secretary"],
    ]);
    await holdYearly(b.id, sec.id);
    named[name] = b;
    const r = await admin.post(`/api/orgs/${b.id}/bastion/items`, {
      itemKey: "duty",
      points: duty,
      reason: "年终考核",
      evidence: "考核表",
      occurredOn: "2025-12-01",
    });
    expect(r.status).toBe(201);
    await admin.post(`/api/orgs/${b.id}/bastion/score`, { start: START, end: END });
  }
  // Branch B of the fixture: no secretary since early 2025, so lagging.
  await db()
    .update(memberships)
    .set({ endedAt: START + DAY })
    .where(eq(memberships.userId, tree.secB.id));
  for (const b of [tree.branchA, tree.branchB])
    await admin.post(`/api/orgs/${b.id}/bastion/score`, { start: START, end: END });
  // One more branch never scored for the period.
  named.unscored = await makeOrg(tree.committee, "D 支部", "branch", "school");
});

const scoreBand = async (orgId: string) =>
  (await db().select({ band: bastionScores.band }).from(bastionScores).where(eq(bastionScores.orgId, orgId)))[0]!.band;

describe("committee overview", () => {
  it("counts branches per band, lagging and unscored included", async () => {
    const admin = await as(tree.admin);
    const r = await admin.get(`/api/orgs/${tree.committee.id}/bastion?${PERIOD}`);
    expect(r.status).toBe(200);
    expect(r.body.bands).toMatchObject({ lagging: 1, "0-59": 3, unscored: 1 });
    const total = Object.values(r.body.bands as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(6);
    const lagging = r.body.items.find((i: any) => i.orgId === tree.branchB.id);
    expect(lagging).toMatchObject({ band: "lagging", status: "lagging", score: 0 });
    const line = lagging.explanation.lines.find((l: any) => l.key === "no_secretary");
    expect(line).toMatchObject({ group: "lagging", status: "ok", value: 1 });
    // The default page is the lagging band; the branches never scored have theirs.
    expect(r.body.items.map((i: any) => i.orgId)).toEqual([tree.branchB.id]);
    const unscored = await admin.get(`/api/orgs/${tree.committee.id}/bastion?${PERIOD}&band=unscored`);
    expect(unscored.body.items).toEqual([
      expect.objectContaining({ orgId: named.unscored!.id, band: "unscored", explanation: null }),
    ]);
  });

  it("no leaderboard: inside a band by name, never by score, and no rank anywhere", async () => {
    const admin = await as(tree.admin);
    const r = await admin.get(`/api/orgs/${tree.committee.id}/bastion?${PERIOD}&band=0-59`);
    const items = r.body.items as { name: string; score: number }[];
    expect(items.map((i) => i.name)).toEqual(["A 支部", "B 支部", "C 支部"]);
    const scores = items.map((i) => i.score);
    // The scores run with duty 7, 2, 5: neither ascending nor descending, so the order cannot be by score.
    expect(scores).not.toEqual([...scores].sort((a, b) => a - b));
    expect(scores).not.toEqual([...scores].sort((a, b) => b - a));
    const all = await admin.get(`/api/orgs/${tree.committee.id}/bastion?${PERIOD}&band=lagging`);
    for (const body of [r.body, all.body])
      expect(JSON.stringify(body)).not.toMatch(/"(rank|ranking|position|place)"\s*:/i);
    // Pages keep the same order: a page of 2 and the rest.
    const p1 = await admin.get(`/api/orgs/${tree.committee.id}/bastion?${PERIOD}&band=0-59&limit=2`);
    const p2 = await admin.get(`/api/orgs/${tree.committee.id}/bastion?${PERIOD}&band=0-59&limit=2&offset=2`);
    expect([...p1.body.items, ...p2.body.items].map((i: any) => i.name)).toEqual(["A 支部", "B 支部", "C 支部"]);
    expect(p2.body.nextOffset).toBeNull();
  });

  it("a page of the overview is one round trip, a branch's named explanation two, whatever the subtree", async () => {
    const page = countingDb();
    await overview(page.db, tree.committee.path, { start: START, end: END, band: "0-59", limit: 50, offset: 0 });
    expect(page.counts.roundTrips).toBe(1);
    const detail = countingDb();
    const r = await branchDetail(detail.db, (await getOrg(db(), tree.branchA.id))!, START, END);
    expect(detail.counts.roundTrips).toBe(2);
    expect(r!.hand.map((h) => h.key)).toEqual(["duty", "community_work", "discipline"]);
  });

  it("lists the stored periods with the cycle label", async () => {
    const admin = await as(tree.admin);
    const r = await admin.get(`/api/orgs/${tree.committee.id}/bastion/periods`);
    expect(r.body.items[0]).toMatchObject({ periodStart: START, periodEnd: END, branches: 5, label: "2025年度" });
  });

  it("rights by subtree: a secretary sees only their branch; others get what a random id gets", async () => {
    const secA = await as(tree.secA);
    const own = await secA.get(
      `/api/orgs/${tree.branchA.id}/bastion?${PERIOD}&band=${await scoreBand(tree.branchA.id)}`,
    );
    expect(own.body.items.map((i: any) => i.orgId)).toEqual([tree.branchA.id]);
    expect((await secA.get(`/api/orgs/${tree.branchA.id}/bastion/score?${PERIOD}`)).status).toBe(200);
    const random = await secA.get(`/api/orgs/nosuchbranch00000000000/bastion/score?${PERIOD}`);
    for (const path of [
      `/api/orgs/${tree.branchB.id}/bastion/score?${PERIOD}`,
      `/api/orgs/${tree.committee.id}/bastion?${PERIOD}`,
      `/api/orgs/${named["A 支部"]!.id}/bastion/score?${PERIOD}`,
    ]) {
      const r = await secA.get(path);
      expect(r.status, path).toBe(random.status);
      expect(r.body, path).toEqual(random.body);
    }
    // The branch may not assess or score itself; a member may not read the index.
    const item = { itemKey: "duty", points: 10, reason: "自评", evidence: "自报", occurredOn: "2025-12-01" };
    expect((await secA.post(`/api/orgs/${tree.branchA.id}/bastion/items`, item)).status).toBe(403);
    expect((await secA.post(`/api/orgs/${tree.branchA.id}/bastion/score`, { start: START, end: END })).status).toBe(
      403,
    );
    const memA = await as(tree.memA);
    expect((await memA.get(`/api/orgs/${tree.branchA.id}/bastion/score?${PERIOD}`)).status).toBe(403);
    // Another committee's admin sees nothing of this one.
    const other = await makeTree();
    const stranger = await as(other.admin);
    const r = await stranger.get(`/api/orgs/${tree.committee.id}/bastion?${PERIOD}`);
    expect(r.status).toBe(404);
    expect((await stranger.post(`/api/orgs/${tree.branchA.id}/bastion/items`, item)).status).toBe(404);
  });

  it("an admin who belongs to the branch does not assess it", async () => {
    const both = await makeUser("both", [
      [tree.committee, "admin"],
      [tree.branchA, "member"],
    ]);
    const r = await (await as(both)).post(`/api/orgs/${tree.branchA.id}/bastion/items`, {
      itemKey: "duty",
      points: 10,
      reason: "自己的支部",
      evidence: "x",
      occurredOn: "2025-12-01",
    });
    expect(r.status).toBe(403);
  });
  it("a renamed branch is listed under its new name, in the place that name sorts to, on every page", async () => {
    const admin = await as(tree.admin);
    const renamed = await admin.patch(`/api/orgs/${named["A 支部"]!.id}`, { name: "E 支部" });
    expect(renamed.status).toBe(200);
    const band = `/api/orgs/${tree.committee.id}/bastion?${PERIOD}&band=0-59`;
    const whole = await admin.get(band);
    expect(whole.body.items.map((i: any) => i.name)).toEqual(["B 支部", "C 支部", "E 支部"]);
    const p1 = await admin.get(`${band}&limit=2`);
    const p2 = await admin.get(`${band}&limit=2&offset=2`);
    expect([...p1.body.items, ...p2.body.items].map((i: any) => i.name)).toEqual(["B 支部", "C 支部", "E 支部"]);
    const detail = await admin.get(`/api/orgs/${named["A 支部"]!.id}/bastion/score?${PERIOD}`);
    expect(detail.body.org.name).toBe("E 支部");
    expect(JSON.stringify(detail.body)).not.toContain("A 支部");
  });
});
