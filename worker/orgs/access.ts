import type { Role } from "../../schema/orgs/values";
import { authorizePath, rideAlong } from "../auth";
import type { Caller } from "../env";
import { getOrg, type OrgRow, orgById, readOrg } from "./service";

export const ANY_ROLE: readonly Role[] = ["member", "secretary", "school", "admin"];

// Orgs this isolate has read: on a read by a remembered session (worker/auth/speculation.ts) the check
// is made on the remembered row, and the row itself rides in the request's first batch and must still
// be exactly that, or the request runs again the ordinary way. Never trusted, so never stale.
const seen = new Map<string, OrgRow>();
const MAX_SEEN = 5_000;

function keep(org: OrgRow) {
  seen.delete(org.id);
  if (seen.size >= MAX_SEEN) seen.delete(seen.keys().next().value as string);
  seen.set(org.id, Object.freeze({ ...org }));
}

/** Loads an org and checks that the caller holds one of `roles` over it (404 when it is not theirs to see). */
export async function authorizedOrg(caller: Caller, id: string, roles: readonly Role[]): Promise<OrgRow> {
  const user = caller.user;
  const hint = seen.get(id);
  const same = (rows: unknown[]) => !!rows[0] && JSON.stringify(readOrg(rows[0])) === JSON.stringify(hint);
  if (hint && rideAlong(caller.db.$client, orgById(id), same)) {
    authorizePath(user, hint.path, roles);
    return hint;
  }
  const org = await getOrg(caller.db, id);
  if (org) keep(org);
  authorizePath(user, org?.path, roles);
  return org as OrgRow;
}
