import type { Context } from "hono";
import { requireUser } from "../auth/authorize";
import type { AppEnv } from "../env";
import { authorizedUser } from "../roster/access";

/** A member reads their own archive; a secretary their branch's members'; a committee its subtree's. */
export async function authorizedArchive(c: Context<AppEnv>, memberId: string) {
  const caller = requireUser(c);
  const found = await authorizedUser(
    c,
    memberId,
    caller.id === memberId ? ["member", "secretary", "admin"] : ["secretary", "admin"],
  );
  return {
    id: found.user.id,
    displayName: found.user.displayName,
    username: found.user.username,
    branchName: found.branchName,
    branchId: found.branchId,
  };
}
