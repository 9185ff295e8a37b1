import { authorizePath } from "../auth";
import type { Caller } from "../env";
import { getRound } from "./service";

/** Rating rounds are run by the branch's secretary or a committee above it. */
export const RUNNERS = ["secretary", "admin"] as const;

export async function authorizedRound({ db, user }: Caller, id: string) {
  const loaded = await getRound(db, id);
  authorizePath(user, loaded?.orgPath, RUNNERS, "rating round");
  return loaded!;
}
