import type { Caller } from "../env";
import { authorizedUser } from "../roster";

/** A member reads their own archive; a secretary their branch's members'; a committee its subtree's. */
export async function authorizedArchive(caller: Caller, memberId: string) {
  const found = await authorizedUser(
    caller,
    memberId,
    caller.user.id === memberId ? ["member", "secretary", "admin"] : ["secretary", "admin"],
  );
  return {
    id: found.user.id,
    displayName: found.user.displayName,
    username: found.user.username,
    branchName: found.branchName,
    branchId: found.branchId,
  };
}
