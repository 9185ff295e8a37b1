import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { offlineCredits, orglifeMeetings, orgs } from "../../schema";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { behindSummary, branchYear, standingPage } from "../../worker/orglife/reports";
import { as, db, makeOrg, makeUser } from "../fixtures";
import { addBranches, meterStatements } from "../lib/scale";

// An ended year: every period is over, whatever today is.
const YEAR = 2025;

/** One held lecture a branch, so every branch costs its page the same index rows. */
const lectures = (branches: { id: string }[]) =>
  chunkedInserts(
    db(),
    orglifeMeetings,
    branches.map((b) => ({
      id: newId(),
      branchId: b.id,
      kind: "lecture",
      topic: "党课",
      meetingOn: `${YEAR}-03-10`,
      status: "held" as const,
      createdBy: "seed",
      createdAt: 0,
    })),
  );

describe("the committee's branches against the rhythm, page by page", () => {
  it("a page reads the same statements and rows at 100 branches as at 2,000; paging returns each once, in order", async () => {
    const committee = await makeOrg(null, "分页市委", "committee");
    const [org] = await db().select().from(orgs).where(eq(orgs.id, committee.id));
    const now = Date.now();
    const measure = async () => {
      const first = await meterStatements(() => standingPage(db(), org!, YEAR, now, { limit: 20 }));
      const p1 = first.result;
      const second = await meterStatements(() => standingPage(db(), org!, YEAR, now, { limit: 20, after: p1.next! }));
      const whole = await meterStatements(() => behindSummary(db(), org!, YEAR, now));
      return {
        pages: [first, second],
        sizes: [p1.items.length, second.result.items.length],
        summary: whole.result,
        whole,
      };
    };
    // A town beside the city: its page must not feel the city grow.
    const town = await makeOrg(null, "分页镇党委", "committee");
    const [townOrg] = await db().select().from(orgs).where(eq(orgs.id, town.id));
    await addBranches(town, 30, lectures);
    const townPage = async () => {
      const m = await meterStatements(() => standingPage(db(), townOrg!, YEAR, now, { limit: 20 }));
      return { statements: m.statements.length, rowsRead: m.rowsRead };
    };
    const townBefore = await townPage();
    await addBranches(committee, 100, lectures);
    const small = await measure();
    await addBranches(committee, 1900, lectures);
    const large = await measure();
    expect(await townPage()).toEqual(townBefore);

    expect(large.sizes).toEqual([20, 20]);
    for (const [i, p] of large.pages.entries()) {
      expect(p.statements.length).toBe(3);
      // The same rows to within a few index steps: the page's 21 branches and their lectures, not the subtree's.
      expect(Math.abs(p.rowsRead - small.pages[i]!.rowsRead)).toBeLessThanOrEqual(4);
      expect(p.rowsRead).toBeLessThan(200);
    }
    // The totals read the subtree (one statement's worth of rows per branch), and say so by their numbers.
    expect([small.summary.branches, large.summary.branches]).toEqual([100, 2000]);
    expect(large.whole.statements.length).toBe(3);
    expect(large.whole.rowsRead).toBeGreaterThan(10 * small.whole.rowsRead);
    console.log(
      `orglife standing page: ${small.pages[0]!.rowsRead} rows at 100 branches, ${large.pages[0]!.rowsRead} at 2,000; summary ${small.whole.rowsRead} → ${large.whole.rowsRead}`,
    );

    // Through the API: every branch once, in path order, 200 a page.
    const admin = await as(await makeUser("pagesAdmin", [[committee, "admin"]]));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const q: string = after ? `&after=${after}` : "";
      const r = await admin.get(`/api/orgs/${committee.id}/orglife/behind?year=${YEAR}&limit=200${q}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((b: { branchId: string }) => b.branchId));
      after = r.body.next;
    } while (after);
    const expected = await db()
      .select({ id: orgs.id })
      .from(orgs)
      .where(eq(orgs.parentId, committee.id))
      .orderBy(asc(orgs.path));
    expect(seen).toEqual(expected.map((o) => o.id));
  }, 120_000);

  it("a key from another subtree reads nothing outside the caller's", async () => {
    const mine = await makeOrg(null, "本市委", "committee");
    const other = await makeOrg(null, "他市委", "committee");
    const [ours] = await addBranches(mine, 1);
    const [theirs] = await addBranches(other, 1);
    const admin = await as(await makeUser("pagesAdmin2", [[mine, "admin"]]));
    for (const after of [theirs!.id, ours!.id]) {
      const r = await admin.get(`/api/orgs/${mine.id}/orglife/behind?after=${after}`);
      expect(r.status).toBe(200);
      for (const b of r.body.items) expect(b.branchId).toBe(ours!.id);
    }
    expect((await admin.get(`/api/orgs/${other.id}/orglife/behind?after=${theirs!.id}`)).status).toBe(404);
  });
});

describe("a branch's year", () => {
  it("reads its own offline credits, not the tenant's: another tree's grow, its cost does not", async () => {
    const committee = await makeOrg(null, "学时市委", "committee");
    const branch = await makeOrg(committee, "学时支部", "branch", "community");
    await makeUser("本支部党员", [[branch, "member"]]);
    const far = await makeOrg(await makeOrg(null, "另一市委", "committee"), "另一支部", "branch", "village");
    const org = (await db().select().from(orgs).where(eq(orgs.id, branch.id)))[0]!;
    const rowsRead = async () =>
      (await meterStatements(() => branchYear(db(), org, YEAR, Date.UTC(YEAR + 1, 0, 10)))).rowsRead;
    const before = await rowsRead();
    // 20 people of the other tree, 5 study meetings' credits each.
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await makeUser(`远${i}`, [[far, "member"]]));
    const credits = people.flatMap((p) =>
      Array.from({ length: 5 }, (_, k) => ({
        id: newId(),
        userId: p.id,
        orgId: far.id,
        sourceMeetingId: `meeting-${k}`,
        title: "学习会",
        studiedOn: `${YEAR}-0${k + 1}-15`,
        hours: 2,
        createdAt: 0,
      })),
    );
    for (const write of chunkedInserts(db(), offlineCredits, credits)) await write;
    // Without the (org, day) index the branch's credits were found by reading every credit of the tenant.
    expect((await rowsRead()) - before).toBeLessThan(credits.length / 20);
  });
});
