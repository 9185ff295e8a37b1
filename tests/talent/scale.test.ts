import { describe, expect, it } from "vitest";
import { orgs, talentReserves } from "../../schema";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { coverage } from "../../worker/talent/coverage";
import { listReserves } from "../../worker/talent/pool";
import { as, db, makeOrg, makeUser } from "../fixtures";
import { countingDb } from "../vanguard/helpers";

describe("coverage at the size of a city", () => {
  it("3,000 branches in one report, in one round trip after the org lookup", async () => {
    const city = await makeOrg(null, "规模测试市委", "committee");
    const now = Date.now();
    const branches = Array.from({ length: 3000 }, (_, i) => {
      const id = newId();
      return {
        id,
        parentId: city.id,
        path: `${city.path}${id}/`,
        name: `村${String(i).padStart(4, "0")}`,
        kind: "branch" as const,
        orgType: "village" as const,
        createdAt: now,
      };
    });
    // Every third village has its two top-post reserves, so it is short only of the others.
    const reserves = branches
      .filter((_, i) => i % 3 === 0)
      .flatMap((b) =>
        [0, 1].map(() => ({
          id: newId(),
          memberId: newId(),
          orgId: b.id,
          track: "top" as const,
          source: "committee" as const,
          status: "admitted" as const,
          lastOn: "2026-01-01",
          createdAt: now,
        })),
      );
    const writes = [...chunkedInserts(db(), orgs, branches), ...chunkedInserts(db(), talentReserves, reserves)];
    await db().batch(writes as [(typeof writes)[number], ...typeof writes]);
    const admin = await as(await makeUser("scaleAdmin", [[city, "admin"]]));
    const started = Date.now();
    const report = await admin.get(`/api/orgs/${city.id}/talent/coverage`);
    const ms = Date.now() - started;
    expect(report.status).toBe(200);
    expect(report.body.branches).toBe(3000);
    expect(report.body.short).toHaveLength(3000);
    const covered = report.body.short.filter(
      (s: { gaps: { track: string }[] }) => !s.gaps.some((g) => g.track === "top"),
    );
    expect(covered).toHaveLength(1000);
    console.log(`coverage of 3,000 branches: ${ms} ms`);
    // Fixed whatever the size of the tree: the coverage and a page of the pool overview.
    const counted = countingDb();
    await coverage(counted.db, city.path);
    expect(counted.counts).toEqual({ roundTrips: 1, statements: 2 });
    const page = countingDb();
    const rows = await listReserves(page.db, city.path, { limit: 50, offset: 0 });
    expect(rows).toHaveLength(51);
    expect(page.counts).toEqual({ roundTrips: 1, statements: 1 });
  }, 60_000);
});
