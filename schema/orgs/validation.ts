import * as z from "zod/mini";
import { ORG_KINDS, ORG_TYPES, ROLES } from "./values";

const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const timeZone = z.string().check(
  z.refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "unknown time zone"),
);

export const createOrgBody = z.object({
  parentId: z.string().check(z.minLength(1)),
  name,
  kind: z.enum(ORG_KINDS),
  orgType: z.enum(ORG_TYPES),
  timeZone: z.optional(timeZone),
});

export const updateOrgBody = z.object({
  name: z.optional(name),
  orgType: z.optional(z.enum(ORG_TYPES)),
  timeZone: z.optional(timeZone),
});

export const moveOrgBody = z.object({ parentId: z.string().check(z.minLength(1)) });
export const grantRoleBody = z.object({ orgId: z.string().check(z.minLength(1)), role: z.enum(ROLES) });
