import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** A second tenant's database (tests/lib/tenants.test.ts). */
      DB_OTHER: D1Database;
    }
  }
}
