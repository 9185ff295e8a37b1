import type { Role } from "../../schema/orgs/values";
import { authorizePath } from "../auth";
import type { Caller } from "../env";
import { forbidden, invalid } from "../lib/errors";
import type { OrgRow } from "../orgs";
import { type LoadedMeeting, loadMeeting } from "./meetings";
import { loadTalk, readsTalkContent } from "./talks";

/** The branch's secretary keeps its organisational life; a committee above reads it (and may keep it too). */
export const KEEPERS: readonly Role[] = ["secretary", "admin"];

export function requireBranch(org: OrgRow) {
  if (org.kind !== "branch")
    throw invalid("meetings and talks belong to a branch", [{ path: "orgId", code: "not_a_branch" }]);
  return org;
}

export function requireCommittee(org: OrgRow) {
  if (org.kind !== "committee")
    throw invalid("a committee sets this for its subtree", [{ path: "orgId", code: "not_a_committee" }]);
  return org;
}

/** A meeting the caller keeps: 404 when it is not theirs to see (members included: they never record). */
export async function keptMeeting(caller: Caller, id: string): Promise<LoadedMeeting> {
  const loaded = await loadMeeting(caller.db, id);
  authorizePath(caller.user, loaded?.branch.path, KEEPERS, "meeting");
  return loaded as LoadedMeeting;
}

/** A talk's content: only the branch's own committee, never a committee above. */
export async function readableTalk(caller: Caller, id: string) {
  const found = await loadTalk(caller.db, id);
  authorizePath(caller.user, found?.branchPath, KEEPERS, "talk");
  if (!readsTalkContent(caller.user, found!.branchPath)) throw forbidden();
  return found!.talk;
}
