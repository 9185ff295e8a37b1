import type { D1Database, Fetcher } from "@cloudflare/workers-types";
import type { SessionUser } from "./auth/session";

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  ENVIRONMENT: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { user: SessionUser | null };
}
