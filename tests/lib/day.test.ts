import { describe, expect, it } from "vitest";
import { dayIn } from "../../worker/lib/day";

describe("dayIn", () => {
  it("turns at local midnight to the minute, asked in any order, in zones a quarter or half hour off", () => {
    const cases: [string, string][] = [
      ["Asia/Shanghai", "2026-12-31T16:00:00Z"], // +08:00
      ["Asia/Kathmandu", "2026-12-31T18:15:00Z"], // +05:45
      ["Asia/Kolkata", "2026-12-31T18:30:00Z"], // +05:30
      ["America/St_Johns", "2027-01-01T03:30:00Z"], // -03:30
    ];
    for (const [zone, midnight] of cases) {
      const at = Date.parse(midnight);
      // Later, then earlier, then within the same minutes again: each answer is its own minute's.
      for (const [ms, day] of [
        [at, "2027-01-01"],
        [at - 1, "2026-12-31"],
        [at + 59_999, "2027-01-01"],
        [at - 60_000, "2026-12-31"],
        [at - 1, "2026-12-31"],
        [at, "2027-01-01"],
      ] as const)
        expect(dayIn(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toBe(day);
    }
  });
});
