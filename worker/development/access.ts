import type { Step } from "../../schema/development/values";
import type { Role } from "../../schema/orgs/values";
import { authorizePath } from "../auth";
import type { Caller } from "../env";
import { notFound } from "../lib/errors";
import { isCommitteeStep } from "./pipeline";
import { type LoadedCase, loadCase } from "./record";
import { refused } from "./service";

export const KEEPERS: readonly Role[] = ["secretary", "admin"];

/** The person reads their own record; the branch's secretary and the committees above read it too. */
export async function readableCase(caller: Caller, caseId: string): Promise<LoadedCase> {
  const loaded = await loadCase(caller.db, caseId);
  if (loaded && loaded.kase.userId === caller.user.id) return loaded;
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
