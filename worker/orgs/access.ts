import type { Role } from "../../schema/orgs/values";
import { authorizePath } from "../auth";
import type { Caller } from "../env";
import { getOrg, type OrgRow } from "./service";

export const ANY_ROLE: readonly Role[] = ["member", "secretary", "school", "admin"];

/** Loads an org and checks that the caller holds one of `roles` over it (404 when it is not theirs to see). */
export async function authorizedOrg(caller: Caller, id: string, roles: readonly Role[]): Promise<OrgRow> {
  const user = caller.user;
  const org = await getOrg(caller.db, id);
  authorizePath(user, org?.path, roles);
  return org as OrgRow;
}
