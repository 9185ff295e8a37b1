import { unzipSync } from "fflate";
import type { Context, TypedResponse } from "hono";
import Papa from "papaparse";
import { readSheet } from "read-excel-file/universal";
import writeXlsxFile, { type Cell } from "write-excel-file/universal";
import { CalendarDay, CSV_CONTENT_TYPE, type CsvCell, decodeCsv, guardCell, toCsv } from "./csv";
import { ApiError } from "./errors";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export type SheetFormat = "csv" | "xlsx";
/** What an export computes once and writes in either format. */
export interface Table {
  header: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}

/** Columns are sized to what they hold, within reason; a CJK character is two wide, as Excel shows it. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const SIZED_ROWS = 500;
const textWidth = (s: string) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);

function xlsxCell(v: CsvCell): Cell {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date)
    return { value: v, type: Date, format: v instanceof CalendarDay ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm" };
  if (typeof v === "number") return { value: v, type: Number };
  if (typeof v === "boolean") return { value: v, type: Boolean };
  // A text cell is never evaluated, but it becomes a formula once edited or saved as CSV: same guard.
  return { value: guardCell(v), type: String };
}

/** The workbook twin of `toCsv`: one sheet, bold frozen header, real numbers and dates, sized columns. */
async function toXlsx({ header, rows }: Table) {
  const sample = rows.slice(0, SIZED_ROWS);
  const columns = header.map((h, i) => ({
    width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...[h, ...sample.map((r) => guardCell(r[i]))].map(textWidth)) + 2),
  }));
  const data: Cell[][] = [
    header.map((h) => ({ value: h, type: String, fontWeight: "bold" as const })),
    ...rows.map((r) => r.map(xlsxCell)),
  ];
  const blob = await writeXlsxFile(data, { columns, stickyRowsCount: 1 }).toBlob();
  return blob.arrayBuffer();
}

const SHEET_TYPES = { csv: CSV_CONTENT_TYPE, xlsx: XLSX_CONTENT_TYPE } as const;

/**
 * `attachment` with the file's name for every browser: an ASCII stand-in in `filename` and the real
 * name, UTF-8 percent-encoded, in `filename*` (RFC 6266 / RFC 5987): 档案-张三.xlsx arrives as itself.
 */
export function attachment(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Every export answers through this: the same table as CSV or as an Excel workbook. Typed with its media
 * types, which the OpenAPI document reads off the route (worker/docs/responses.mjs).
 */
export async function sheetFile<F extends SheetFormat>(
  c: Context,
  format: F,
  name: string,
  table: Table,
  headers: Record<string, string> = {},
) {
  const body = format === "xlsx" ? await toXlsx(table) : toCsv(table.header, table.rows);
  const res: Response = c.body(body, 200, {
    ...headers,
    "Content-Type": SHEET_TYPES[format],
    "Content-Disposition": attachment(`${name}.${format}`),
  });
  return res as Response & TypedResponse<string | ArrayBuffer, 200, (typeof SHEET_TYPES)[F]>;
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls
/** A workbook whose parts unpack past this is refused before anything is inflated (a zip bomb). */
const MAX_UNZIPPED = 30_000_000;

const unsupported = () => new ApiError(415, "unsupported_type", "send a CSV file or an .xlsx workbook");

const pad = (n: number) => String(n).padStart(2, "0");
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  return String(v);
}

async function workbookRows(bytes: ArrayBuffer) {
  let unzipped = 0;
  try {
    unzipSync(new Uint8Array(bytes), {
      filter: (f) => {
        unzipped += f.originalSize;
        return false;
      },
    });
    if (unzipped > MAX_UNZIPPED) throw new ApiError(413, "too_large", "the workbook unpacks to more than 30 MB");
    return (await readSheet(bytes)).map((r) => r.map(cellText));
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw unsupported();
  }
}

/**
 * An uploaded table as CSV text for the importer's parser: CSV bytes decoded (UTF-8 or GB18030), or the
 * first sheet of an .xlsx with the title rows above its header left out, as Chinese offices save them.
 * `headerRow` is the header's row number in the file, so per-row errors name the row the user sees.
 */
export async function readTable(bytes: ArrayBuffer, isHeader: (cells: string[]) => boolean) {
  const head = new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 512));
  if (startsWith(head, ZIP)) {
    const rows = await workbookRows(bytes);
    const at = Math.max(0, rows.findIndex(isHeader));
    return { text: Papa.unparse(rows.slice(at), { newline: "\r\n" }), headerRow: at + 1 };
  }
  if (startsWith(head, OLE) || head.includes(0)) throw unsupported();
  return { text: decodeCsv(bytes), headerRow: 1 };
}
