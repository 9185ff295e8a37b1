import type { Step } from "../../schema/development/values";
import type { Role } from "../../schema/orgs/values";
import { authorizePath, hasRoleOver } from "../auth";
import type { Caller } from "../env";
import { notFound } from "../lib/errors";
import { isCommitteeStep } from "./pipeline";
import { type LoadedCase, loadCase } from "./record";
import { refused } from "./service";

export const KEEPERS: readonly Role[] = ["secretary", "admin"];

/**
 * The record up to the person's move away from a branch the caller keeps (or kept it for): a branch
 * keeps the history it wrote, and sees nothing recorded after the move.
 */
function formerBranchCase(caller: Caller, loaded: LoadedCase): LoadedCase | undefined {
  const moves = loaded.steps.filter(
    (s) =>
      s.step === "transfer" &&
      hasRoleOver(caller.user, loaded.formerPaths.get(String(s.data.fromOrgId)) ?? "\u0000", KEEPERS),
  );
  const last = moves.at(-1);
  if (!last) return undefined;
  return { ...loaded, steps: loaded.steps.filter((s) => s.createdAt <= last.createdAt), movedAway: true };
}

/**
 * The person reads their own record; the branch's secretary and the committees above read it too, and a
 * branch the person moved away from reads it up to the move.
 */
export async function readableCase(caller: Caller, caseId: string): Promise<LoadedCase> {
  const loaded = await loadCase(caller.db, caseId);
  if (loaded && loaded.kase.userId === caller.user.id) return loaded;
  if (loaded && !hasRoleOver(caller.user, loaded.orgPath, KEEPERS)) {
    const former = formerBranchCase(caller, loaded);
    if (former) return former;
  }
  authorizePath(caller.user, loaded?.orgPath, KEEPERS, "development record");
  return loaded as LoadedCase;
}

/** True when the caller is an admin of a committee above the branch (not of the branch itself). */
const isCommitteeAbove = (caller: Caller, branchPath: string) =>
  caller.user.memberships.some(
    (m) => m.role === "admin" && branchPath.startsWith(m.orgPath) && m.orgPath !== branchPath,
  );

/**
 * Who may record a step: the branch's secretary (or a committee above) for the branch's steps, only a
 * committee above for its own; never the person whose case it is.
 */
export function authorizeStep(caller: Caller, loaded: LoadedCase | undefined, step: Step) {
  if (!loaded) throw notFound("development record");
  if (loaded.kase.userId === caller.user.id) throw refused([{ code: "own_case" }]);
  authorizePath(caller.user, loaded.orgPath, KEEPERS, "development record");
  if (isCommitteeStep(step) && !isCommitteeAbove(caller, loaded.orgPath)) throw refused([{ code: "committee_only" }]);
}
