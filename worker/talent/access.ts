import type { Role } from "../../schema/orgs/values";
import { authorizePath, hasRoleOver } from "../auth";
import type { Caller } from "../env";
import { ApiError } from "../lib/errors";
import { parentPath } from "../lib/paths";
import { authorizedUser } from "../roster";

/** Who reads a branch's pool, terms and selections: its secretary and the committees above it. */
export const READERS: readonly Role[] = ["secretary", "admin"];
/** Who decides entry, plans, reviews and appointments: the committee (组织掌握). */
export const DECIDERS: readonly Role[] = ["admin"];

/**
 * A member of a branch the caller holds one of `roles` over, with that branch. Anyone not theirs
 * to see answers 404, so an id from elsewhere reveals nothing.
 */
export async function authorizedMemberOf(caller: Caller, memberId: string, roles: readonly Role[]) {
  const found = await authorizedUser(caller, memberId, roles);
  const branch = found.held.find((h) => h.role === "member" && hasRoleOver(caller.user, h.path, roles));
  if (!found.branchId || !branch) throw new ApiError(409, "no_branch", "this person belongs to no branch of yours");
  return {
    id: found.user.id,
    name: found.user.displayName,
    branchId: found.branchId,
    branchPath: branch.path,
    held: found.held,
  };
}

/** Nobody decides their own case. */
export function notOwnCase(caller: Caller, memberId: string) {
  if (caller.user.id === memberId) throw new ApiError(403, "own_case", "nobody decides their own case");
}

/** A branch's secretary is chosen by the committee above it, never by one on the branch itself. */
export function authorizeHigher(caller: Caller, branchPath: string) {
  authorizePath(caller.user, branchPath, READERS, "selection");
  const above = parentPath(branchPath);
  if (!above || !hasRoleOver(caller.user, above, DECIDERS)) {
    throw new ApiError(403, "higher_committee_only", "the committee above the branch decides");
  }
}
