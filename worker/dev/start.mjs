// `npm start`: build the web app, migrate the local D1, seed demo data once, then run wrangler dev.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/base.mjs";
import { buildSeed } from "./seed.mjs";

// Run the tools with this Node (24, from node_modules), not the system's.
const wranglerBin = "node_modules/wrangler/bin/wrangler.js";
const viteBin = "node_modules/vite/bin/vite.js";
const port = process.env.PORT ?? "8787";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };

function run(bin, args, options = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: "inherit", env, ...options });
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r;
}

run(viteBin, ["build", "--config", "vite.config.ts", "--logLevel", "warn"]);
run(wranglerBin, ["d1", "migrations", "apply", "DB", "--local"]);

const count = spawnSync(
  process.execPath,
  [wranglerBin, "d1", "execute", "DB", "--local", "--json", "--command", "SELECT count(*) AS n FROM users"],
  { env, encoding: "utf8" },
);
const users = count.status === 0 ? JSON.parse(count.stdout)[0]?.results?.[0]?.n : undefined;
if (users === 0) {
  console.log("Seeding demo data into the local D1…");
  mkdirSync(".wrangler", { recursive: true });
  writeFileSync(".wrangler/seed.sql", `${(await buildSeed()).join("\n")}\n`);
  run(wranglerBin, ["d1", "execute", "DB", "--local", "--file", ".wrangler/seed.sql"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
} else {
  console.log(`The local D1 already has ${users ?? "?"} users: demo data is not seeded again.`);
}

console.log(`
  App:  http://localhost:${port}
  API:  http://localhost:${port}/api/docs
  Demo accounts (password ${DEMO_PASSWORD}):
${DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(10)} ${a.role}`).join("\n")}
`);

const dev = spawn(
  process.execPath,
  [wranglerBin, "dev", "--port", port, "--ip", "127.0.0.1", "--show-interactive-dev-session=false"],
  {
    stdio: "inherit",
    env: { ...env, CI: process.env.CI ?? "" },
  },
);
dev.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
