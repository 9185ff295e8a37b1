import type { Role } from "../../schema/orgs/values";
import { authorizePath } from "../auth";
import type { Caller } from "../env";
import { getPledge } from "./pledges";
import { getRound } from "./service";

/** Rating rounds are run by the branch's secretary or a committee above it. */
export const RUNNERS = ["secretary", "admin"] as const;

export async function authorizedRound({ db, user }: Caller, id: string) {
  const loaded = await getRound(db, id);
  authorizePath(user, loaded?.orgPath, RUNNERS, "rating round");
  return loaded!;
}

/** A pledge: its branch's runners decide on it; `roles` widens that (its member records progress). */
export async function authorizedPledge({ db, user }: Caller, id: string, roles: readonly Role[] = RUNNERS) {
  const loaded = await getPledge(db, id);
  authorizePath(user, loaded?.orgPath, roles, "pledge");
  return loaded!.pledge;
}
