import * as z from "zod/mini";
import { id } from "./validation";

/** A host name as a request's URL gives it (lower case, no port). */
const host = z.string().check(z.regex(/^[a-z0-9.-]{1,253}$/));

/** The operator's directory entry (PUT /api/ops/tenants/:id); the rest is checked against the directory. */
export const tenantEntryBody = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  hosts: z.array(host).check(z.minLength(1), z.maxLength(20)),
  binding: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/)),
  root: z.string().check(z.minLength(1), z.maxLength(400)),
  parent: z.optional(id),
  parentOrg: z.optional(id),
});
