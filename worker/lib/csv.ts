import Papa from "papaparse";
import { wallClock } from "./day";

/** Leading characters that make Excel, WPS or LibreOffice read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A Date cell is a moment (ISO 8601 in CSV, a date-time in Excel); a `CalendarDay` is a day without a time. */
export type CsvCell = string | number | boolean | Date | null | undefined;

/** A YYYY-MM-DD day as a cell: the same text in CSV, an Excel date in a workbook. */
export class CalendarDay extends Date {
  constructor(day: string) {
    super(`${day}T00:00:00Z`);
  }
}

/**
 * A moment as the wall clock of an org's zone: "2026-03-01 09:30" in CSV, that date-time in a workbook
 * (a sheet has no zones; a plain Date cell is UTC).
 */
export class LocalTime extends Date {
  constructor(ms: number, timeZone: string) {
    super(wallClock(ms, timeZone).getTime());
  }
}

function dateText(d: Date) {
  if (d instanceof CalendarDay) return d.toISOString().slice(0, 10);
  if (d instanceof LocalTime) return d.toISOString().slice(0, 16).replace("T", " ");
  return d.toISOString();
}

/** Text cells that could run as a formula get a leading single quote; numbers are left as numbers. */
export function guardCell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return dateText(v);
  if (typeof v !== "string") return String(v);
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** Undoes `guardCell` on import, so an exported file reads back to what was written. */
export const unguardCell = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

/**
 * The one CSV writer for every export: formula guard, RFC 4180 quoting and CRLF, and a UTF-8 BOM so
 * Chinese Excel opens the file as UTF-8 instead of GBK.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const data = [header, ...rows].map((r) => r.map(guardCell));
  return `\uFEFF${Papa.unparse(data, { newline: "\r\n", quotes: false })}\r\n`;
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise GB18030 as Chinese Excel writes it. */
export function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}
