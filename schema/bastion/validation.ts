import * as z from "zod/mini";
import { calendarDate, pageFields } from "../common/validation";
import { modelItem } from "../vanguard/validation";
import { BANDS, SECTORS } from "./values";

const items = z.array(modelItem).check(z.minLength(1), z.maxLength(20));
export const bastionModelBody = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  definition: z.object({
    common: items,
    sectors: z.object(
      Object.fromEntries(SECTORS.map((s) => [s, items])) as Record<(typeof SECTORS)[number], typeof items>,
    ),
    lagging: z.array(modelItem).check(z.maxLength(20)),
    noSecretaryMonths: z.number().check(z.int(), z.minimum(1), z.maximum(36)),
    lifeNotHeld: z.optional(
      z.object({
        kinds: z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/))).check(z.minLength(1), z.maxLength(20)),
        months: z.number().check(z.int(), z.minimum(1), z.maximum(36)),
      }),
    ),
  }),
});

const instant = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(8_640_000_000_000));
/** A stored period, exactly as /bastion/periods lists it (epoch ms). */
export const periodParams = z.object({ start: instant, end: instant });
/** One band's page of the overview (lagging first by default), with the counts of every band. */
export const overviewQuery = z.object({
  ...periodParams.shape,
  ...pageFields,
  band: z._default(z.enum(BANDS), "lagging"),
});

export const handItemBody = z.object({
  itemKey: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,30}$/)),
  points: z.number().check(z.minimum(0), z.maximum(100)),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  evidence: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)),
  occurredOn: calendarDate,
});

/** On-demand scoring: an exact stored period (ms) or calendar days from/to. */
export const scoreBody = z.object({
  start: z.optional(instant),
  end: z.optional(instant),
  from: z.optional(calendarDate),
  to: z.optional(calendarDate),
});
