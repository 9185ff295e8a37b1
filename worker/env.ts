import type { D1Database, Fetcher, Queue, R2Bucket } from "@cloudflare/workers-types";
import type { SessionUser } from "./auth/session";
import type { BranchMessage } from "./evaluations/cycles";

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  EVAL_QUEUE: Queue<BranchMessage>;
  MATERIALS: R2Bucket;
  ENVIRONMENT: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { user: SessionUser | null };
}
