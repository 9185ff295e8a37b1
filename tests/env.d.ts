import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** The tenant directory's database and migrations (tests/lib/directory.ts), handed over as DIRECTORY. */
      TEST_DIRECTORY: D1Database;
      TEST_DIRECTORY_MIGRATIONS: D1Migration[];
      /** More tenants' databases (tests/lib/tenants.test.ts, tests/lib/ticks.test.ts, tests/ops). */
      DB_OTHER: D1Database;
      DB_FRESH: D1Database;
      DB_T3: D1Database;
      DB_T4: D1Database;
      DB_T5: D1Database;
    }
  }
}
