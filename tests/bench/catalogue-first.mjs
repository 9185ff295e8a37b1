// First catalogue searches: pages no kept page can answer (worker/courses/catalogue.ts keeps each page
// asked). Every request asks a page of the same query that no request asked before (its own limit and
// offset within the hits: the same search work and a page of snippets), so each one is computed and
// then kept. Queries that fold alike (群眾路線, 群众路线) share a page key, so they share one run of pages:
// the second row does not re-ask the first row's pages (which the Worker would then keep). Measured like run.mjs's rows, beside a one-SELECT baseline measured just before them (run.mjs's
// `measure` sends one fixed path).
import autocannon from "autocannon";
import { foldHanzi } from "../../worker/lib/fold.ts";
import { startBaseline } from "../harness/miniflare.mjs";

const CONNECTIONS = 16;
const SECONDS = 5;

async function rps(url, path, headers = {}) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: "GET", headers, setupRequest: (req) => ({ ...req, path: path() }) }],
  });
  return {
    rps: Math.round(result.requests.total / SECONDS),
    bad: result.non2xx + result.errors,
    p50: result.latency.p50,
  };
}

/** `queries`: [label, query, hits] (the number of courses it finds: the pages stay within them). */
export async function firstSearches(h, cookie, queries) {
  const select = await startBaseline(
    `export default { async fetch(req, env) {
       return Response.json(await env.DB.prepare("SELECT id, username FROM users WHERE id = ?").bind("u1").first());
     } };`,
    { withD1: true },
  );
  await select.d1.batch([
    select.d1.prepare("CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL)"),
    select.d1.prepare("INSERT INTO users VALUES ('u1', 'member')"),
  ]);
  const base = await rps(select.url, () => "/");
  await select.close();
  console.log(`${"baseline (again): one D1 SELECT by primary key".padEnd(44)} ${String(base.rps).padStart(7)} req/s`);
  const asked = new Map();
  for (const [label, q, hits] of queries) {
    // Limits 10–45 (27.5 on average) at every offset of the hits: hits × 36 distinct pages per folded query.
    const start = asked.get(foldHanzi(q)) ?? 0;
    let n = start;
    const page = () => {
      const i = n++;
      return `/api/catalogue?q=${encodeURIComponent(q)}&limit=${10 + (Math.floor(i / hits) % 36)}&offset=${i % hits}`;
    };
    const row = await rps(h.url, page, { cookie });
    asked.set(foldHanzi(q), n);
    console.log(
      `${label.padEnd(44)} ${String(row.rps).padStart(7)} req/s   p50 ${String(row.p50).padStart(4)} ms${row.bad ? `   NON-2XX ${row.bad}` : ""}`,
    );
    const distinct = n <= hits * 36 ? "every one a page not asked before" : "some pages asked before";
    console.log(
      `${"".padEnd(44)} ${((row.rps / base.rps) * 100).toFixed(0)}% of one-SELECT (${n - start} requests, ${distinct})`,
    );
  }
}
