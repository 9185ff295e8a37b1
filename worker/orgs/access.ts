import type { Context } from "hono";
import type { Role } from "../../schema/orgs/values";
import { authorizePath, requireUser } from "../auth/authorize";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { getOrg, type OrgRow } from "./service";

export const ANY_ROLE: readonly Role[] = ["member", "secretary", "school", "admin"];

/** Loads an org and checks that the caller holds one of `roles` over it (404 when it is not theirs to see). */
export async function authorizedOrg(c: Context<AppEnv>, id: string, roles: readonly Role[]): Promise<OrgRow> {
  const user = requireUser(c);
  const org = await getOrg(getDb(c.env.DB), id);
  authorizePath(user, org?.path, roles);
  return org as OrgRow;
}
