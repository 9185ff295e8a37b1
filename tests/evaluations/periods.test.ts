import { describe, expect, it } from "vitest";
import {
  currentPhase,
  cycleWindows,
  nextPeriods,
  periodOf,
  upcomingCycles,
  zonedMidnight,
} from "../../schema/evaluations/periods";
import { DEFAULT_WINDOWS } from "../../schema/evaluations/values";

const iso = (ms: number) => new Date(ms).toISOString();

describe("period computation", () => {
  it("starts periods at local midnight in the org's time zone", () => {
    // 2026-03-31 20:00 UTC is already April 1st in Shanghai.
    const t = Date.UTC(2026, 2, 31, 20);
    expect(iso(periodOf(t, "monthly", "Asia/Shanghai").start)).toBe("2026-03-31T16:00:00.000Z");
    expect(periodOf(t, "monthly", "Asia/Shanghai").label).toBe("2026-04");
    expect(periodOf(t, "monthly", "UTC").label).toBe("2026-03");
    expect(periodOf(t, "quarterly", "Asia/Shanghai").label).toBe("2026-Q2");
    expect(periodOf(t, "quarterly", "UTC").label).toBe("2026-Q1");
    expect(periodOf(t, "half_yearly", "Asia/Shanghai").label).toBe("2026-H1");
    expect(periodOf(t, "yearly", "Asia/Shanghai").label).toBe("2026");
  });

  it("crosses year ends and month ends of every length", () => {
    const nye = Date.UTC(2026, 11, 31, 17); // 2027-01-01 01:00 in Shanghai
    expect(periodOf(nye, "yearly", "Asia/Shanghai").label).toBe("2027");
    expect(periodOf(nye, "yearly", "America/New_York").label).toBe("2026");
    const feb = periodOf(Date.UTC(2028, 1, 29, 12), "monthly", "UTC");
    expect(iso(feb.end)).toBe("2028-03-01T00:00:00.000Z");
    const h2 = periodOf(Date.UTC(2026, 11, 15), "half_yearly", "UTC");
    expect([iso(h2.start), iso(h2.end), h2.label]).toEqual([
      "2026-07-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
      "2026-H2",
    ]);
    const next = nextPeriods(Date.UTC(2026, 10, 20), "quarterly", "Asia/Shanghai", 4).map((p) => p.label);
    expect(next).toEqual(["2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3"]);
    const months = nextPeriods(Date.UTC(2026, 0, 31), "monthly", "UTC", 3);
    expect(months.map((p) => (p.end - p.start) / 86_400_000)).toEqual([31, 28, 31]);
  });

  it("previews only cycles still to come: a period whose windows have all closed is left out", () => {
    // Yearly windows close on day 25: in July 2026 the 2026 cycle is over, the next one is 2027.
    const july = Date.UTC(2026, 6, 1);
    const labels = (now: number) =>
      upcomingCycles(now, "yearly", DEFAULT_WINDOWS, "Asia/Shanghai", 3).map((c) => c.period.label);
    expect(labels(july)).toEqual(["2027", "2028", "2029"]);
    for (const c of upcomingCycles(july, "yearly", DEFAULT_WINDOWS, "Asia/Shanghai", 3)) {
      expect(c.closesAt).toBeGreaterThan(july);
    }
    // Early in January the current year's windows are still open, so it comes first.
    expect(labels(Date.UTC(2026, 0, 5))).toEqual(["2026", "2027", "2028"]);
    // Monthly: on the 28th, this month's windows (to day 25) are past.
    const monthly = upcomingCycles(Date.UTC(2026, 4, 28), "monthly", DEFAULT_WINDOWS, "UTC", 2);
    expect(monthly.map((c) => c.period.label)).toEqual(["2026-06", "2026-07"]);
  });

  it("follows daylight saving time: day offsets are local days, not 24-hour steps", () => {
    // New York springs forward on 2026-03-08: March 1 starts at 05:00Z, March 15 at 04:00Z.
    expect(iso(zonedMidnight(2026, 3, 1, "America/New_York"))).toBe("2026-03-01T05:00:00.000Z");
    expect(iso(zonedMidnight(2026, 3, 15, "America/New_York"))).toBe("2026-03-15T04:00:00.000Z");
    const p = periodOf(Date.UTC(2026, 2, 10), "monthly", "America/New_York");
    const w = cycleWindows(p, DEFAULT_WINDOWS, "America/New_York");
    expect(iso(w.windows.analysis!.closesAt)).toBe("2026-03-15T04:00:00.000Z");
    expect(iso(w.closesAt)).toBe("2026-03-26T04:00:00.000Z");
    // Far east of UTC.
    expect(iso(periodOf(Date.UTC(2026, 0, 1, 9), "yearly", "Pacific/Kiritimati").start)).toBe(
      "2025-12-31T10:00:00.000Z",
    );
  });

  it("rolls offsets past a short month into the next", () => {
    const p = periodOf(Date.UTC(2026, 1, 10), "monthly", "Asia/Shanghai");
    const w = cycleWindows(p, { analysis: { from: 0, to: 28 } }, "Asia/Shanghai");
    expect(iso(w.windows.analysis!.closesAt)).toBe(iso(p.end));
  });

  it("names the current phase, the latest when windows overlap", () => {
    const p = periodOf(Date.UTC(2026, 5, 3), "monthly", "UTC");
    const w = cycleWindows(p, DEFAULT_WINDOWS, "UTC").windows;
    expect(currentPhase(w, Date.UTC(2026, 5, 2))).toBe("analysis");
    expect(currentPhase(w, Date.UTC(2026, 5, 12))).toBe("appraisal");
    expect(currentPhase(w, Date.UTC(2026, 5, 22))).toBe("decision");
    expect(currentPhase(w, Date.UTC(2026, 5, 27))).toBe(null);
  });
});

describe("windows to the end of the period", () => {
  it("a window reaching past a short quarter closes with the quarter, so its last days stay open", () => {
    const q1 = periodOf(Date.UTC(2025, 1, 10), "quarterly", "Asia/Shanghai"); // 90 days
    const whole = { from: 0, to: 92 };
    const w = cycleWindows(q1, { analysis: whole, appraisal: whole, decision: whole }, "Asia/Shanghai");
    expect(w.windows.analysis).toEqual({ opensAt: q1.start, closesAt: q1.end });
    expect(w.closesAt).toBe(q1.end);
    expect(currentPhase(w.windows, q1.end - 60_000)).not.toBeNull();
  });
});
