// Applies the migrations to every D1 database wrangler.toml binds: each tenant's (schema/migrations) and
// the tenant directory's (DIRECTORY, schema/common/directory), each by its own `migrations_dir`. A release
// runs it before `wrangler deploy` (`npm run deploy`); `--local` applies them to the local databases instead
// (`--persist-to <dir>` picks where they live, as for wrangler; `--config <file>` another wrangler.toml).
// Stops at the first database that fails, naming it; running it again applies only what is missing.
// tests/ops/migrate-tenants.test.mjs runs it on local databases.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { unstable_readConfig } from "wrangler";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1] ?? "") : undefined);
const configPath = option("--config") ?? join(root, "wrangler.toml");
const persistTo = option("--persist-to");
const where = args.includes("--local") ? ["--local", ...(persistTo ? ["--persist-to", persistTo] : [])] : ["--remote"];
const config = unstable_readConfig({ config: configPath });
const bindings = (config.d1_databases ?? []).map((d) => d.binding);

for (const [i, binding] of bindings.entries()) {
  console.log(`[${i + 1}/${bindings.length}] ${binding}`);
  const r = spawnSync(
    process.execPath,
    [
      join(root, "node_modules/wrangler/bin/wrangler.js"),
      ...["d1", "migrations", "apply", binding, ...where, "--config", configPath],
    ],
    { cwd: root, stdio: "inherit", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
  if (r.status !== 0) {
    console.error(`migrations failed on ${binding}; the ${bindings.length - i - 1} after it were not migrated`);
    process.exit(r.status ?? 1);
  }
}
