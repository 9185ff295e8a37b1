import * as z from "zod/mini";
import { pageFields } from "../common/validation";
import { SERVICE_CATEGORIES, SERVICE_STATUSES } from "./values";

export const dateString = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const serviceBody = z.object({
  category: z.enum(SERVICE_CATEGORIES),
  servedOn: dateString,
  hours: z.number().check(z.gt(0), z.maximum(24)),
  place: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  peopleServed: z.number().check(z.int(), z.minimum(0), z.maximum(100000)),
  description: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
});

export const serviceListQuery = z.object({ ...pageFields, status: z.optional(z.enum(SERVICE_STATUSES)) });
export const rejectBody = z.object({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) });
