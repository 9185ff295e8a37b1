import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./schema/migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        // DB_OTHER: a second tenant's database, migrated by the tenant tests that use it.
        miniflare: { bindings: { TEST_MIGRATIONS: migrations }, d1Databases: ["DB_OTHER"] },
      }),
    ],
    test: {
      include: ["tests/**/*.test.ts"],
      exclude: ["tests/e2e/**", "tests/bench/**", "tests/web/**"],
      setupFiles: ["./tests/setup.ts"],
      // The attacker tests read dozens of endpoints twice; on a loaded 2-core machine that exceeds 5 s.
      testTimeout: 30_000,
    },
  };
});
