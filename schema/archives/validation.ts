import * as z from "zod/mini";
import { pageFields } from "../common/validation";
import { ARCHIVE_KINDS } from "./kinds";

const filters = {
  kind: z.optional(z.enum(ARCHIVE_KINDS)),
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
};
/** Words to find in the events' summaries (titles, labels, notes). */
const search = { q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))) };
export const archiveQuery = z.object({ ...pageFields, ...filters, ...search });
export const exportQuery = z.object({ ...filters, format: z._default(z.enum(["json", "csv", "xlsx"]), "json") });
