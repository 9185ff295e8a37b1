import * as z from "zod/mini";

export const pageFields = {
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 0),
};
export const pageQuery = z.object(pageFields);
/** Every entity id in a body, query or path: random text, never a number in sequence. */
export const id = z.string().check(z.minLength(1), z.maxLength(40));
export const idParam = z.object({ id });
/** A page that starts after the row of id `after` in the list's order (a keyset: no rows skipped to reach it). */
export const keysetFields = { limit: pageFields.limit, after: z.optional(id) };
export const keysetQuery = z.object(keysetFields);

/** True for "YYYY-MM-DD" naming a day that exists: no month 13, no 2023-02-29. */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d);
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** The one date check for API bodies, queries and importers; fails with the message "invalid_date". */
export const calendarDate = z.string().check(z.refine(isCalendarDate, { error: "invalid_date" }));

/** Every table export answers in either format: CSV (the default) or an Excel workbook. */
export const sheetFormat = z._default(z.enum(["csv", "xlsx"]), "csv");
export const sheetQuery = z.object({ format: sheetFormat });

/** A report's calendar year; omitted: the current one. */
export const reportYearQuery = z.object({
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
});
