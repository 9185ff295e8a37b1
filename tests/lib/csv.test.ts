import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { guardCell, toCsv, unguardCell } from "../../worker/lib/csv";

describe("CSV writer", () => {
  it("guards every formula lead character, quotes per RFC 4180, starts with a BOM", () => {
    const evil = ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", 'a "q", b', "多行\n文本", "安全"];
    const csv = toCsv(
      ["h1"],
      evil.map((e) => [e]),
    );
    expect(csv.startsWith("\uFEFFh1\r\n")).toBe(true);
    const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true })
      .data.slice(1)
      .map((r) => r[0]);
    expect(back).toEqual(["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'a "q", b', "多行\n文本", "安全"]);
    expect(csv).toContain('"a ""q"", b"');
    expect(back.map((b) => unguardCell(b as string))).toEqual(evil);
  });
  it("leaves numbers as numbers", () => {
    expect(guardCell(-5)).toBe("-5");
    expect(guardCell(null)).toBe("");
  });
});
