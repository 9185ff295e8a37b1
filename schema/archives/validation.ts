import * as z from "zod/mini";
import { pageFields } from "../common/validation";
import { ARCHIVE_KINDS } from "./kinds";

const filters = {
  kind: z.optional(z.enum(ARCHIVE_KINDS)),
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
};
export const archiveQuery = z.object({ ...pageFields, ...filters });
export const exportQuery = z.object({ ...filters, format: z._default(z.enum(["json", "csv"]), "json") });
