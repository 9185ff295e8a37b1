import * as z from "zod/mini";
import { password, username } from "../auth/validation";
import { calendarDate, pageFields } from "../common/validation";

export const memberFields = {
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
  phone: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^[0-9+\- ]{5,20}$/)))),
  gender: z.optional(z.nullable(z.enum(["male", "female"]))),
  joinedPartyOn: z.optional(z.nullable(calendarDate)),
  // A cadre (干部) is held to the cadres' study quota; the mark gives no rights.
  cadre: z.optional(z.boolean()),
};

export const addMemberBody = z.object({ username, ...memberFields, password: z.optional(password) });
export const updateMemberBody = z.partial(z.object(memberFields));
export const transferBody = z.object({ toOrgId: z.string().check(z.minLength(1)) });

export const rosterQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(50))),
  limit: pageFields.limit,
  // The page's key as the last page answered it (`next`): opaque to the client.
  after: z.optional(z.string().check(z.maxLength(400))),
  inactive: z.optional(z.enum(["1", "0"])),
});

/** The out-letter: the destination tenant and its branch (picked by name from that tenant's list). */
export const transferOutBody = z.object({
  tenant: z.string().check(z.minLength(1), z.maxLength(64)),
  toOrgId: z.string().check(z.minLength(1), z.maxLength(64)),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
});
export const transferRefusalBody = z.object({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) });
export const tenantParam = z.object({ tenant: z.string().check(z.minLength(1), z.maxLength(64)) });
export const branchSearchQuery = z.object({ q: z.optional(z.string().check(z.maxLength(50))) });
