import type { Env } from "../env";
import { getDb } from "../lib/db";
import { sealExpiredRounds } from "./seals";

/** Rounds that closed by reaching their closing day get their chain head recorded with the committee. */
export async function onCron(env: Env, now: number) {
  await sealExpiredRounds(getDb(env.DB), now);
}
