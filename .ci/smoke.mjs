// `node .ci/smoke.mjs <checkout>`: runs the README's `npm start` in that checkout on a free port, waits for
// /api/health, logs in as a demo account, checks the web app is served, then stops everything it started.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const dir = process.argv[2] ?? ".";
const STARTUP_LIMIT = 240_000;

const port = await new Promise((resolve, reject) => {
  const probe = createServer().once("error", reject);
  probe.listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const base = `http://127.0.0.1:${port}`;

// Its own process group, so stopping it also stops wrangler and workerd below it.
const app = spawn("npm", ["start"], {
  cwd: dir,
  env: { ...process.env, PORT: String(port) },
  detached: true,
  stdio: "inherit",
});
let gone = false;
const exited = new Promise((resolve) => app.once("exit", resolve)).then(() => {
  gone = true;
});

function stop() {
  try {
    process.kill(-app.pid, "SIGTERM");
  } catch {}
  const force = setTimeout(() => {
    try {
      process.kill(-app.pid, "SIGKILL");
    } catch {}
  }, 10_000);
  return exited.finally(() => clearTimeout(force));
}

async function healthy() {
  const until = Date.now() + STARTUP_LIMIT;
  while (Date.now() < until && !gone) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(gone ? "npm start exited before the app was healthy" : "the app was not healthy in time");
}

async function check() {
  await healthy();
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "member", password: "demo-2026" }),
  });
  if (login.status !== 200) throw new Error(`demo login: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie()[0] ?? "").split(";")[0];
  const me = await fetch(`${base}/api/me`, { headers: { Cookie: cookie } }).then((r) => r.json());
  if (me.username !== "member") throw new Error(`/api/me: ${JSON.stringify(me)}`);
  const page = await fetch(`${base}/login`);
  if (!page.ok || !(page.headers.get("Content-Type") ?? "").includes("text/html")) {
    throw new Error(`web app: ${page.status} ${page.headers.get("Content-Type")}`);
  }
}

try {
  await check();
  console.log(`smoke: npm start in ${dir} served ${base}, the demo member logged in`);
} catch (err) {
  console.error(`smoke: ${err.message}`);
  process.exitCode = 1;
} finally {
  await stop();
}
