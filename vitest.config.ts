import { availableParallelism } from "node:os";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./schema/migrations");
  const directoryMigrations = await readD1Migrations("./schema/common/directory");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        // More tenants' databases, migrated by the tests that use them (tests/lib/tenants, ticks, tests/ops).
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, TEST_DIRECTORY_MIGRATIONS: directoryMigrations },
          d1Databases: ["DB_OTHER", "DB_FRESH", "DB_T3", "DB_T4", "DB_T5", "TEST_DIRECTORY"],
        },
      }),
    ],
    test: {
      include: ["tests/**/*.test.ts"],
      exclude: ["tests/e2e/**", "tests/bench/**", "tests/web/**"],
      setupFiles: ["./tests/setup.ts"],
      // The attacker tests read dozens of endpoints twice; on a loaded 2-core machine that exceeds 5 s.
      testTimeout: 30_000,
      // Vitest's default is one worker fewer than the cores: one on a 2-core machine. A file spends most of its time
      // starting workerd and migrating its D1, not on a core, so two at once halve npm test there (6 min → 3).
      maxWorkers: Math.max(2, availableParallelism()),
    },
  };
});
