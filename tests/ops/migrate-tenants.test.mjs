// scripts/migrate-tenants.mjs run as a release runs it, on local D1 databases (Node's test runner, npm test):
// a wrangler.toml binding the directory and two tenants, each migrated from its own migrations_dir, then
// run again as the next release with nothing new, which applies nothing. The tenants' migrations are the
// first two of schema/migrations: wrangler starts a workerd per migration file it applies locally, so all
// of them (a minute per database on a loaded 2-core machine) would not fit a test; the directory's are all.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Log, LogLevel, Miniflare } from "miniflare";

const root = join(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "migrate-tenants-"));
after(() => rmSync(work, { recursive: true, force: true }));

const tenantMigrations = join(work, "tenant-migrations");
mkdirSync(tenantMigrations);
for (const file of readdirSync(join(root, "schema/migrations"))
  .filter((f) => f.endsWith(".sql"))
  .sort()
  .slice(0, 2)) {
  copyFileSync(join(root, "schema/migrations", file), join(tenantMigrations, file));
}
const databases = [
  { binding: "DIRECTORY", id: "00000000-0000-4000-8000-000000000000", dir: join(root, "schema/common/directory") },
  { binding: "DB_T1", id: "00000000-0000-4000-8000-000000000001", dir: tenantMigrations },
  { binding: "DB_T2", id: "00000000-0000-4000-8000-000000000002", dir: tenantMigrations },
];
const config = join(work, "wrangler.toml");
writeFileSync(
  config,
  [
    'name = "migrate-tenants-test"',
    'compatibility_date = "2026-11-01"',
    ...databases.map((d) =>
      [
        "[[d1_databases]]",
        `binding = "${d.binding}"`,
        `database_name = "vanguard-${d.binding.toLowerCase()}"`,
        `database_id = "${d.id}"`,
        `migrations_dir = ${JSON.stringify(d.dir)}`,
      ].join("\n"),
    ),
  ].join("\n\n"),
);
const state = join(work, "state");

function migrate() {
  const r = spawnSync(
    process.execPath,
    [join(root, "scripts/migrate-tenants.mjs"), "--local", "--persist-to", state, "--config", config],
    { cwd: root, encoding: "utf8" },
  );
  assert.equal(r.status, 0, `migrate-tenants failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Runs `use` with the local databases wrangler migrated, opened as wrangler opens them (then closed). */
async function withDatabases(use) {
  const mf = new Miniflare({
    workers: [
      {
        config: {
          name: "reader",
          compatibilityDate: "2026-11-01",
          manifest: { mainModule: "index.js", modules: { "index.js": { type: "esm", contents: "export default {}" } } },
          env: Object.fromEntries(databases.map((d) => [d.binding, { type: "d1", id: d.id }])),
        },
      },
    ],
    resourcePersistencePath: join(state, "v3"),
    host: "127.0.0.1",
    port: 0,
    cf: false,
    enableDevRegistry: false,
    log: new Log(LogLevel.WARN),
  });
  try {
    await mf.ready;
    const d1s = {};
    for (const d of databases) d1s[d.binding] = await mf.getD1Database(d.binding, "reader");
    return await use(d1s);
  } finally {
    await mf.dispose();
  }
}

const appliedIn = async (d1) =>
  (await d1.prepare("SELECT name, applied_at FROM d1_migrations ORDER BY id").all()).results;
const filesOf = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();

test("migrates the directory and every tenant it lists, each to its last migration; run again, applies nothing", async () => {
  const first = migrate();
  for (const [i, d] of databases.entries()) assert.match(first, new RegExp(`\\[${i + 1}/3\\] ${d.binding}`));

  // The directory lists both tenants, by the binding each was migrated under.
  const applied = await withDatabases(async (d1s) => {
    const now = Date.now();
    await d1s.DIRECTORY.batch(
      ["t1", "t2"].map((id) =>
        d1s.DIRECTORY.prepare(
          "INSERT INTO tenants (id, name, hosts, binding, root, updated_at) VALUES (?, ?, ?, ?, '/', ?)",
        ).bind(id, id, JSON.stringify([`${id}.example.org`]), `DB_${id.toUpperCase()}`, now),
      ),
    );
    const listed = (await d1s.DIRECTORY.prepare("SELECT binding FROM tenants ORDER BY id").all()).results;
    assert.deepEqual(
      listed.map((t) => t.binding),
      ["DB_T1", "DB_T2"],
    );
    const byBinding = {};
    for (const d of databases) {
      byBinding[d.binding] = await appliedIn(d1s[d.binding]);
      assert.deepEqual(
        byBinding[d.binding].map((m) => m.name),
        filesOf(d.dir),
        `${d.binding} lists every migration file of ${d.dir}`,
      );
    }
    return byBinding;
  });

  // The next release with no new migration: nothing is applied, each database keeps what it had.
  const second = migrate();
  assert.equal(second.match(/No migrations to apply/g)?.length, databases.length);
  await withDatabases(async (d1s) => {
    for (const d of databases) assert.deepEqual(await appliedIn(d1s[d.binding]), applied[d.binding]);
    assert.equal((await d1s.DIRECTORY.prepare("SELECT count(*) AS n FROM tenants").first()).n, 2);
  });
});
