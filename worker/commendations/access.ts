import type { Role } from "../../schema/orgs/values";
import { hasRoleOver, type SessionUser } from "../auth";
import type { Caller } from "../env";
import { ApiError, forbidden, notFound } from "../lib/errors";
import type { LoadedNominee, LoadedRound } from "./service";

/** The committee that runs a round decides it (组织决定). */
export const DECIDERS: readonly Role[] = ["admin"];
/** Branches nominate their own members: the branch's secretary. */
export const NOMINATORS: readonly Role[] = ["secretary"];
/** Who reads a nominee's evidence besides the committee and the nominee: the branch that put them forward. */
const BRANCH_READERS: readonly Role[] = ["secretary", "admin"];

/** In the subtree: a role on the round's org or above it, or on any org inside it. */
export const inSubtree = (user: SessionUser, path: string) =>
  user.memberships.some((m) => path.startsWith(m.orgPath) || m.orgPath.startsWith(path));

/** A round is visible to everyone in its subtree (公示 is public there); to anyone else it does not exist. */
export function visibleRound(caller: Caller, loaded: LoadedRound | undefined): LoadedRound {
  if (!loaded || !inSubtree(caller.user, loaded.orgPath)) throw notFound("commendation round");
  return loaded;
}

export const isCommittee = (caller: Caller, round: LoadedRound) => hasRoleOver(caller.user, round.orgPath, DECIDERS);

/** Someone in the subtree who is not on the committee is refused (403), not told the round is missing. */
export function committeeOnly(caller: Caller, round: LoadedRound) {
  if (!isCommittee(caller, round)) throw forbidden();
}

/** A nominee's evidence: the committee, the branch that nominated, and the nominee. */
export const mayReadEvidence = (caller: Caller, round: LoadedRound, n: { subjectId: string; orgPath: string }) =>
  isCommittee(caller, round) || hasRoleOver(caller.user, n.orgPath, BRANCH_READERS) || n.subjectId === caller.user.id;

/**
 * Nobody decides their own case: not a member about themselves, nor anyone holding a role in a
 * nominated branch about that branch.
 */
export function notOwnCase(caller: Caller, loaded: LoadedNominee) {
  const own =
    loaded.round.target === "member"
      ? loaded.nominee.subjectId === caller.user.id
      : caller.user.memberships.some((m) => m.orgPath.startsWith(loaded.orgPath));
  if (own) throw new ApiError(403, "own_case", "nobody decides their own case");
}
