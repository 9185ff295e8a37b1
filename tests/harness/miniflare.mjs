// Runs the built Worker in workerd through Miniflare's own API (not `wrangler dev`, whose proxy
// would be what a benchmark measures), with the local D1 migrated and seeded. Shared by e2e and bench.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Log, LogLevel, Miniflare } from "miniflare";
import { unstable_readConfig, unstable_splitSqlQuery } from "wrangler";
import { buildSeed } from "../../worker/dev/seed.mjs";
import { METER_MODULE } from "./meter.mjs";

const root = resolve(import.meta.dirname, "../..");
const outDir = join(root, "dist/worker");
const MODULE_TYPES = { ".js": "esm", ".mjs": "esm", ".wasm": "wasm", ".txt": "text", ".bin": "data" };

/** Bundles the Worker exactly as `wrangler deploy` would, without deploying. */
export function buildWorker() {
  const r = spawnSync(
    process.execPath,
    [join(root, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", outDir],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_LOG: "warn" },
    },
  );
  if (r.status !== 0) throw new Error("wrangler build failed");
}

/** The built Worker's modules; with `meter`, entered through the D1 meter (tests/harness/meter.mjs). */
function manifest(meter = false) {
  const modules = {};
  for (const file of readdirSync(outDir)) {
    const type = MODULE_TYPES[file.slice(file.lastIndexOf("."))];
    if (type)
      modules[file] = {
        type,
        contents: readFileSync(join(outDir, file), type === "esm" || type === "text" ? "utf8" : undefined),
      };
  }
  if (!meter) return { mainModule: "index.js", modules };
  return { mainModule: "meter.js", modules: { ...modules, "meter.js": { type: "esm", contents: METER_MODULE } } };
}

/** The bindings and triggers of wrangler.toml in Miniflare 5's shape. */
function bindingsFromWranglerToml() {
  const config = unstable_readConfig({ config: join(root, "wrangler.toml") });
  const env = {};
  for (const [k, v] of Object.entries(config.vars ?? {}))
    env[k] = typeof v === "string" ? { type: "text", value: v } : { type: "json", value: v };
  for (const d of config.d1_databases ?? []) env[d.binding] = { type: "d1", id: d.database_id ?? d.binding };
  for (const b of config.r2_buckets ?? []) env[b.binding] = { type: "r2", name: b.bucket_name ?? b.binding };
  for (const p of config.queues?.producers ?? []) env[p.binding] = { type: "queue", name: p.queue };
  const triggers = (config.queues?.consumers ?? []).map((c) => ({
    type: "queue",
    name: c.queue,
    ...(c.max_batch_size ? { maxBatchSize: c.max_batch_size } : {}),
    ...(c.max_batch_timeout !== undefined ? { maxBatchTimeout: c.max_batch_timeout } : {}),
    ...(c.max_retries !== undefined ? { maxRetries: c.max_retries } : {}),
    ...(c.dead_letter_queue ? { deadLetterQueue: c.dead_letter_queue } : {}),
  }));
  return { config, env, triggers };
}

export async function applyMigrations(d1, from = "schema/migrations") {
  const dir = join(root, from);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const statements = unstable_splitSqlQuery(
      readFileSync(join(dir, file), "utf8").replaceAll("--> statement-breakpoint", ""),
    );
    await d1.batch(statements.filter((s) => s.trim()).map((s) => d1.prepare(s)));
  }
}

export async function seed(d1, now = Date.now()) {
  const statements = await buildSeed(now);
  for (let i = 0; i < statements.length; i += 200) {
    await d1.batch(statements.slice(i, i + 200).map((s) => d1.prepare(s)));
  }
}

const quietLog = () => new Log(LogLevel.WARN);

/**
 * `tenants: n` adds n tenants beside the embedded one, each with its own D1 (`DB_T1`…) served at
 * `t1.localhost`…; the embedded tenant keeps 127.0.0.1 and localhost. The directory is the DIRECTORY
 * database the Worker reads (worker/lib/tenants.ts), filled by `fillDirectory` once Miniflare is up.
 */
function tenantBindings(env, n) {
  const directory = [{ id: "home", name: "演示", hosts: ["127.0.0.1", "localhost"], binding: "DB", root: "/" }];
  for (let i = 1; i <= n; i++) {
    env[`DB_T${i}`] = { type: "d1", id: `tenant-${i}` };
    directory.push({ id: `t${i}`, name: `租户 ${i}`, hosts: [`t${i}.localhost`], binding: `DB_T${i}`, root: "/" });
  }
  env.DIRECTORY = { type: "d1", id: "directory" };
  return directory;
}

/** The directory's own migrations (schema/common/directory), then one row a tenant. */
async function fillDirectory(d1, directory) {
  await applyMigrations(d1, "schema/common/directory");
  const insert =
    "INSERT INTO tenants (id, name, hosts, binding, root, parent, parent_org, updated_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)";
  await d1.batch(
    directory.map((t) => d1.prepare(insert).bind(t.id, t.name, JSON.stringify(t.hosts), t.binding, t.root, Date.now())),
  );
}

/**
 * Starts the app. `assets: true` serves the built SPA too (for browsers); API benchmarks leave it
 * out and use the direct socket, which skips Miniflare's entry worker. `tenants: n` runs n more
 * tenants, each migrated and seeded with the same demo (their databases are `tenantD1s`).
 */
export async function startApp({
  assets = true,
  withSeed = true,
  direct = !assets,
  meter = false,
  sessions,
  tenants = 0,
  inspectorPort,
} = {}) {
  const { config, env, triggers } = bindingsFromWranglerToml();
  if (sessions !== undefined) env.D1_SESSIONS = { type: "text", value: sessions ? "on" : "off" };
  const directory = tenants > 0 ? tenantBindings(env, tenants) : [];
  const worker = {
    config: {
      name: "app",
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      manifest: manifest(meter),
      env: { ...env, ...(assets ? { ASSETS: { type: "assets" } } : {}) },
      triggers,
      ...(assets
        ? {
            assets: {
              directory: join(root, "dist/web"),
              notFoundHandling: "single-page-application",
              runWorkerFirst: ["/api/*"],
              hasUserWorker: true,
            },
          }
        : {}),
    },
    dev: { rootPath: root, ...(direct ? { unsafeDirectSockets: [{}] } : {}) },
  };
  const mf = new Miniflare({
    workers: [worker],
    host: "127.0.0.1",
    port: 0,
    cf: false,
    enableDevRegistry: false,
    log: quietLog(),
    unsafeTriggerHandlers: true,
    ...(inspectorPort ? { inspectorPort } : {}),
  });
  const entry = await mf.ready;
  const url = direct ? await mf.unsafeGetDirectURL("app") : entry;
  const d1 = await mf.getD1Database("DB", "app");
  await applyMigrations(d1);
  if (withSeed) await seed(d1);
  if (directory.length > 0) await fillDirectory(await mf.getD1Database("DIRECTORY", "app"), directory);
  const tenantD1s = [];
  for (const t of directory.slice(1)) {
    const tenantD1 = await mf.getD1Database(t.binding, "app");
    await applyMigrations(tenantD1);
    if (withSeed) await seed(tenantD1);
    tenantD1s.push(tenantD1);
  }
  return {
    mf,
    d1,
    tenantD1s,
    url: url.href.replace(/\/$/, ""),
    entryUrl: entry.href.replace(/\/$/, ""),
    close: () => mf.dispose(),
  };
}

/** A one-module Worker for baselines (bare hello; one D1 SELECT by primary key). */
export async function startBaseline(source, { withD1 = false } = {}) {
  const mf = new Miniflare({
    workers: [
      {
        config: {
          name: "baseline",
          compatibilityDate: "2026-11-01",
          manifest: { mainModule: "index.js", modules: { "index.js": { type: "esm", contents: source } } },
          env: withD1 ? { DB: { type: "d1", id: "baseline" } } : {},
        },
        dev: { rootPath: root, unsafeDirectSockets: [{}] },
      },
    ],
    host: "127.0.0.1",
    port: 0,
    cf: false,
    enableDevRegistry: false,
    log: quietLog(),
  });
  await mf.ready;
  const d1 = withD1 ? await mf.getD1Database("DB", "baseline") : null;
  return { mf, d1, url: (await mf.unsafeGetDirectURL("baseline")).href.replace(/\/$/, ""), close: () => mf.dispose() };
}
