import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orgs, talentReserves } from "../../schema";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { coveragePage, coverageSummary } from "../../worker/talent/coverage";
import { listReserves } from "../../worker/talent/pool";
import { as, db, makeOrg, makeUser } from "../fixtures";
import { addBranches, meterStatements } from "../lib/scale";
import { countingDb } from "../vanguard/helpers";

/** Two admitted top-post reserves a village: each is short only of the other tracks, at the same cost a branch. */
const twoTop = (branches: { id: string }[]) =>
  chunkedInserts(
    db(),
    talentReserves,
    branches.flatMap((b) =>
      [0, 1].map(() => ({
        id: newId(),
        memberId: newId(),
        orgId: b.id,
        track: "top" as const,
        source: "committee" as const,
        status: "admitted" as const,
        lastOn: "2026-01-01",
        createdAt: 0,
      })),
    ),
  );

describe("coverage at the size of a city", () => {
  it("a page reads the same statements and rows at 100 branches as at 2,000; paging returns each once, in order", async () => {
    const city = await makeOrg(null, "规模测试市委", "committee");
    const measure = async () => {
      const first = await meterStatements(() => coveragePage(db(), city.path, { limit: 20 }));
      const p1 = first.result;
      const second = await meterStatements(() => coveragePage(db(), city.path, { limit: 20, after: p1.next! }));
      const whole = await meterStatements(() => coverageSummary(db(), city.path));
      return { pages: [first, second], items: [...p1.items, ...second.result.items], summary: whole.result, whole };
    };
    // A town beside the city: its page must not feel the city grow.
    const town = await makeOrg(null, "规模测试镇党委", "committee");
    await addBranches(town, 30, twoTop);
    const townPage = async () => {
      const m = await meterStatements(() => coveragePage(db(), town.path, { limit: 20 }));
      return { statements: m.statements.length, rowsRead: m.rowsRead };
    };
    const townBefore = await townPage();
    await addBranches(city, 100, twoTop);
    const small = await measure();
    await addBranches(city, 1900, twoTop);
    const large = await measure();
    expect(await townPage()).toEqual(townBefore);

    expect(large.items).toHaveLength(40);
    for (const b of large.items) expect(b.gaps.map((g) => g.track)).toEqual(["other", "activist"]);
    for (const [i, p] of large.pages.entries()) {
      expect(p.statements.length).toBe(2);
      // The same rows to within a few index steps: the page's 21 branches and their reserves, not the city's.
      expect(Math.abs(p.rowsRead - small.pages[i]!.rowsRead)).toBeLessThanOrEqual(4);
      expect(p.rowsRead).toBeLessThan(200);
    }
    // How many meet the targets reads the subtree: one row per branch and its reserves.
    expect(small.summary).toEqual({ branches: 100, met: 0 });
    expect(large.summary).toEqual({ branches: 2000, met: 0 });
    expect(large.whole.rowsRead).toBeGreaterThan(10 * small.whole.rowsRead);
    console.log(
      `coverage page: ${small.pages[0]!.rowsRead} rows at 100 branches, ${large.pages[0]!.rowsRead} at 2,000; summary ${small.whole.rowsRead} → ${large.whole.rowsRead}`,
    );

    // Through the API: every branch once, in path order, 200 a page.
    const admin = await as(await makeUser("scaleAdmin", [[city, "admin"]]));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const q: string = after ? `&after=${after}` : "";
      const r = await admin.get(`/api/orgs/${city.id}/talent/coverage?limit=200${q}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((b: { orgId: string }) => b.orgId));
      after = r.body.next;
    } while (after);
    const expected = await db()
      .select({ id: orgs.id })
      .from(orgs)
      .where(eq(orgs.parentId, city.id))
      .orderBy(asc(orgs.path));
    expect(seen).toEqual(expected.map((o) => o.id));

    // A page of the pool overview: one statement too.
    const page = countingDb();
    const rows = await listReserves(page.db, city.path, { limit: 50, offset: 0 });
    expect(rows).toHaveLength(51);
    expect(page.counts).toEqual({ roundTrips: 1, statements: 1 });
  }, 120_000);
});
