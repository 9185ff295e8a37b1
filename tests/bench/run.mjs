// `npm run bench`: the built Worker in workerd through Miniflare's API (direct socket, no assets),
// measured with autocannon beside two baselines run the same way. Feature benches: tests/bench/*.bench.mjs.
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { buildWorker, startApp, startBaseline } from "../harness/miniflare.mjs";
import { ticked } from "../lib/ticked.mjs";
import { connectProfiler, PROFILE_PORT } from "./profile.mjs";

const root = join(import.meta.dirname, "../..");
const CONNECTIONS = 16;
const only = process.argv[2];

async function measure(url, label, { method = "GET", path = "/", body, headers = {} } = {}, { seconds = 5 } = {}) {
  const result = await autocannon({
    url: `${url}${path}`,
    method,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    headers:
      body === undefined || typeof body === "string" ? headers : { "content-type": "application/json", ...headers },
    connections: CONNECTIONS,
    duration: seconds,
  });
  const bad = result.non2xx + result.errors;
  const row = {
    label,
    rps: Math.round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad,
  };
  console.log(
    `${label.padEnd(44)} ${String(row.rps).padStart(7)} req/s   p50 ${String(row.p50).padStart(4)} ms   p99 ${String(row.p99).padStart(4)} ms${bad ? `   NON-2XX ${bad}` : ""}`,
  );
  return row;
}

/**
 * A request with any Host header (fetch drops it; the tenants are told apart by it): status and the
 * session cookie it set, if any.
 */
function hostRequest(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((done, fail) => {
    const req = request(url, { method, headers }, (res) => {
      res.resume();
      const cookie = (res.headers["set-cookie"] ?? []).find((c) => c.startsWith("session="))?.split(";")[0];
      res.on("end", () => done({ status: res.statusCode, cookie }));
    });
    req.on("error", fail);
    req.end(body);
  });
}

async function cookieFor(url, username, host) {
  const res = await hostRequest(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(host ? { host } : {}) },
    body: JSON.stringify({ username, password: "demo-2026" }),
  });
  if (res.status !== 200 || !res.cookie) throw new Error(`login ${username}: ${res.status}`);
  return res.cookie;
}

/** gzip size of what the browser loads first: index.html, its entry script and stylesheet. */
function firstLoadGzip() {
  const dist = join(root, "dist/web");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const size = (p) => gzipSync(readFileSync(join(dist, p))).length;
  return { files: assets, bytes: size("index.html") + assets.reduce((n, a) => n + size(a), 0) };
}

buildWorker();
console.log(`\nworkerd via Miniflare, direct sockets, ${CONNECTIONS} connections\n`);

const hello = await startBaseline(`export default { fetch() { return new Response("hello"); } };`);
const helloRow = await measure(hello.url, "baseline: bare hello Worker");
await hello.close();

const select = await startBaseline(
  `export default { async fetch(req, env) {
     const row = await env.DB.prepare("SELECT id, username FROM users WHERE id = ?").bind("u1").first();
     return Response.json(row);
   } };`,
  { withD1: true },
);
await select.d1.batch([
  select.d1.prepare("CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL)"),
  select.d1.prepare("INSERT INTO users VALUES ('u1', 'member')"),
]);
const selectRow = await measure(select.url, "baseline: one D1 SELECT by primary key");
// Kept running (idle) for the whole run: each hot read is measured again between two runs of it (below).

// Entered through the D1 meter: a request marked x-meter answers D1's rows read and written; the
// rest pass straight to the Worker (tests/harness/meter.mjs).
// Timings with D1 sessions off: local D1 fetches a bookmark from its storage for every query in a
// session, a cost of the local emulation; one line below measures /api/me with them on.
// Three tenants beside the embedded one (t1.localhost…, tests/bench/tenants.bench.mjs); the other
// benches use the embedded tenant.
const profiling = Boolean(process.env.BENCH_PROFILE);
const app = await startApp({
  assets: false,
  meter: true,
  sessions: false,
  tenants: 3,
  inspectorPort: profiling ? PROFILE_PORT : undefined,
});
const profiler = profiling ? await connectProfiler() : null;
const ratio = (row) =>
  `${((row.rps / helloRow.rps) * 100).toFixed(0)}% of hello, ${((row.rps / selectRow.rps) * 100).toFixed(0)}% of one-SELECT`;

/** One line per operation, read back by tests/bench/cost.mjs: keep its shape. */
function printRows(label, { queries, rowsRead, rowsWritten, requests }, per = "") {
  const f = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1)).padStart(7);
  const calls = requests === undefined ? "" : `, ${requests} API request${requests === 1 ? "" : "s"}`;
  console.log(
    `${`D1: ${label}`.padEnd(58)} ${f(queries)} queries ${f(rowsRead)} rows read ${f(rowsWritten)} rows written${calls}${per}`,
  );
}

const helpers = {
  url: app.url,
  d1: app.d1,
  /** The three tenants' own databases (DB_T1…), beside the embedded one. */
  tenantD1s: app.tenantD1s,
  /** A demo account's session cookie; `host` picks a tenant (t1.localhost…), else the embedded one. */
  cookie: (username, host) => cookieFor(app.url, username, host),
  hostRequest: (path, options) => hostRequest(`${app.url}${path}`, options),
  /** Runs the Worker's scheduled handler once, as the cron trigger would (queues run in workerd too). */
  cron: async (scheduledTime = new Date(), cron = "*/15 * * * *") => {
    await (await app.mf.getWorker("app")).scheduled({ cron, scheduledTime });
    // The scheduled invocation only sends each tenant a tick message: wait until every tenant has ticked.
    await ticked([app.d1, ...app.tenantD1s], scheduledTime.getTime());
  },
  /**
   * One operation as a browser would send it (requests in order, the first's bookmark carried on):
   * D1 queries, rows read and rows written, summed from D1's result metadata; printed and returned.
   */
  rows: async (label, requests) => {
    const sum = { queries: 0, rowsRead: 0, rowsWritten: 0, requests: requests.length, sqlMs: 0, trips: 0 };
    const answers = [];
    for (const r of requests) {
      const headers = new Headers(r.headers);
      headers.set("x-meter", "1");
      if (r.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
      const res = await fetch(`${app.url}${r.path}`, {
        method: r.method ?? "GET",
        headers,
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      });
      if (!res.ok)
        throw new Error(`${label}: ${r.method ?? "GET"} ${r.path} answered ${res.status} ${await res.text()}`);
      const m = JSON.parse(res.headers.get("x-meter"));
      for (const k of ["queries", "rowsRead", "rowsWritten", "sqlMs", "trips"]) sum[k] += m[k];
      answers.push(await res.json().catch(() => null));
    }
    printRows(label, sum);
    return { ...sum, answers };
  },
  /** A database's size in bytes, as D1 reports it (meta.size_after); the embedded tenant's by default. */
  dbSize: async (d1 = app.d1) => (await d1.prepare("SELECT 1").run()).meta.size_after,
  /**
   * D1 totals of the cron and queue invocations since the last call, also per D1 binding and handler
   * (`byDb.DB_T1.queue`), with the queue messages they sent and received (tests/harness/meter.mjs).
   */
  jobRows: async () => (await fetch(`${app.url}/__meter/totals`)).json(),
  printRows,
  measure: async (label, request, options) => {
    const run = () => measure(app.url, label, request, options);
    const hot = HOT_READS.some(([prefix]) => label.startsWith(prefix));
    const before = hot && !profiler ? await measure(select.url, "  one-SELECT, just before") : null;
    const row = profiler ? await profiler.around(run) : await run();
    const after = before ? await measure(select.url, "  one-SELECT, just after") : null;
    const beside = before && after ? (before.rps + after.rps) / 2 : null;
    console.log(
      `${"".padEnd(44)} ${ratio(row)}${beside ? `, ${((row.rps / beside) * 100).toFixed(0)}% of the one-SELECT beside it` : ""}`,
    );
    measured.push({ ...row, beside });
    return row;
  },
};

// Issue 16's hot-read goals: the pages a member or secretary opens daily, as shares of the one-SELECT baseline.
const HOT_READS = [
  ["GET /api/me (", 0.5],
  ["GET roster page", 0.5],
  ["GET my study", 0.5],
  ["GET home", 0.5],
  ["GET lesson page", 0.5],
  ["GET catalogue search", 0.5],
  ["GET branch table", 0.25],
];
const measured = [];
function printHotReads() {
  const rows = HOT_READS.flatMap(([prefix, goal]) =>
    measured.filter((r) => r.label.startsWith(prefix)).map((r) => ({ ...r, goal })),
  );
  if (!rows.length) return;
  // The machine's speed drifts over a run of half an hour: a page is judged against the one-SELECT measured just
  // before and just after it (their mean); the share of the run's first baseline is shown beside.
  console.log("\nhot reads against their goals (share of one-SELECT: beside it, and at the run's start):");
  const pct = (n) => `${(n * 100).toFixed(0)}%`.padStart(5);
  for (const r of rows) {
    const share = r.rps / (r.beside ?? selectRow.rps);
    console.log(
      `  ${r.label.padEnd(48)} ${pct(share)} ${pct(r.rps / selectRow.rps)}  goal ${pct(r.goal)}  ${share >= r.goal ? "met" : "MISSED"}`,
    );
  }
}

if (!only || only === "platform") {
  // Enough members under the committee for a full 50-row roster page.
  const branch = await app.d1.prepare("SELECT id FROM orgs WHERE name = '幸福社区党支部'").first();
  const committee = await app.d1.prepare("SELECT id FROM orgs WHERE parent_id IS NULL").first();
  const now = Date.now();
  const extra = [];
  for (let i = 0; i < 200; i++) {
    extra.push(
      app.d1
        .prepare("INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
        .bind(`bench-u${i}`, `bench${i}`, `压测党员${String(i).padStart(3, "0")}`, now, now),
      app.d1
        .prepare("INSERT INTO memberships (id, user_id, org_id, role, started_at) VALUES (?, ?, ?, 'member', ?)")
        .bind(`bench-m${i}`, `bench-u${i}`, branch.id, now),
    );
  }
  await app.d1.batch(extra);
  const admin = await helpers.cookie("admin");
  const member = await helpers.cookie("member");
  const health = await helpers.measure("GET /api/health", { path: "/api/health" });
  await helpers.measure("GET /api/me (1 D1 query)", { path: "/api/me", headers: { cookie: member } });
  await helpers.measure("GET /api/me, D1 sessions on (local cost)", {
    path: "/api/me",
    headers: { cookie: member, "x-d1-sessions": "on" },
  });
  await helpers.measure("GET roster page of 50 (1 D1 round trip)", {
    path: `/api/orgs/${committee.id}/members?limit=50`,
    headers: { cookie: admin },
  });
  await helpers.rows("roster page of 50", [
    { path: `/api/orgs/${committee.id}/members?limit=50`, headers: { cookie: admin } },
  ]);
  const fl = firstLoadGzip();
  console.log(
    `\nfirst-load JS + CSS + HTML, gzip: ${(fl.bytes / 1024).toFixed(1)} KB (${fl.files.join(", ")}); target < 60 KB`,
  );
  console.log(`health: ${ratio(health)}`);
}

/**
 * Waits until the cron's and the queue's work left by the benches before has stopped (two quiet seconds in a
 * row), so a bench's rates are not shared with another's jobs still running in the same workerd.
 */
async function queueQuiet() {
  const started = performance.now();
  for (let quiet = 0; quiet < 2; ) {
    await new Promise((r) => setTimeout(r, 1000));
    const t = await helpers.jobRows();
    quiet = t.queries || t.delivered ? 0 : quiet + 1;
  }
  const waited = (performance.now() - started) / 1000;
  if (waited > 3) console.log(`(waited ${waited.toFixed(0)} s for the earlier benches' queue work to finish)`);
}

// A bench marked `optIn` (minutes long) runs only when named exactly: `npm run bench evaluations-scale`.
for (const file of readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".bench.mjs") && (!only || f.includes(only)))
  .sort()) {
  const mod = await import(join(import.meta.dirname, file));
  if (mod.optIn && only !== file.replace(".bench.mjs", "")) continue;
  console.log(`\n== ${file}`);
  await queueQuiet();
  await mod.default(helpers);
}
printHotReads();
profiler?.close();
await app.close();
await select.close();
