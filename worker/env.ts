import type { D1Database, Fetcher, R2Bucket } from "@cloudflare/workers-types";
import type { SessionUser } from "./auth/session";

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  MATERIALS: R2Bucket;
  ENVIRONMENT: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { user: SessionUser | null };
}
