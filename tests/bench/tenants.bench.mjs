// Several tenants in one Worker (the harness runs three beside the embedded demo, each its own D1,
// migrated and seeded alike): a request on a tenant costs what it costs on the embedded one, and the
// same demo session does not open another tenant. Then the cron: the scheduled invocation only sends
// each tenant its tick message; each tenant's tick runs in a consumer invocation of its own.
import { ticked } from "../lib/ticked.mjs";

const BINDINGS = { home: "DB", t1: "DB_T1", t2: "DB_T2", t3: "DB_T3" };

export default async function tenants(h) {
  const host = "t3.localhost";
  const home = await h.cookie("member");
  const third = await h.cookie("member", host);
  await h.measure("GET /api/me, embedded tenant", { path: "/api/me", headers: { cookie: home } });
  await h.measure("GET /api/me, tenant 3 of 3 (by host)", { path: "/api/me", headers: { cookie: third, host } });
  const crossed = await h.hostRequest("/api/me", { headers: { cookie: home, host } });
  console.log(`the embedded tenant's session at ${host}: ${crossed.status} (expected 401)`);
  if (crossed.status !== 401) throw new Error("a session crossed tenants");

  // A first tick does what the demo data has due now; the one a quarter of an hour later is idle.
  const at = Math.floor(Date.now() / 900_000) * 900_000 + 900_000;
  await cronTick(h, at, "busy");
  await cronTick(h, at + 900_000, "idle");
}

/** One cron time over every tenant: the scheduled invocation's statements, then each tenant's tick's. */
async function cronTick(h, at, what) {
  await h.jobRows();
  await h.cron(new Date(at));
  await ticked([h.d1, ...h.tenantD1s], at);
  const jobs = await settled(h);
  const scheduled = Object.values(jobs.byDb).reduce((n, db) => n + (db.cron?.queries ?? 0), 0);
  const tenants = Object.keys(BINDINGS).length;
  console.log(
    `cron at ${new Date(at).toISOString()} (${what}): the scheduled invocation ran ${scheduled} D1 statements for ${tenants} tenants; ${jobs.delivered} queue messages delivered (${tenants} of them ticks, one a tenant)`,
  );
  for (const [tenant, binding] of Object.entries(BINDINGS)) {
    // Beside its tick, a busy tenant's consumer runs the messages its tick sent (each its own work).
    const sent = (jobs.deliveredTo[tenant] ?? 1) - 1;
    const label = `cron: tenant ${tenant}'s ${what} tick${sent ? ` and the ${sent} messages it sent` : ""}`;
    h.printRows(label, jobs.byDb[binding]?.queue ?? blank());
  }
}

const blank = () => ({ queries: 0, rowsRead: 0, rowsWritten: 0 });

/** The jobs' totals until the queue has gone quiet (two empty reads in a row), added up per database and handler. */
async function settled(h) {
  const sum = { delivered: 0, deliveredTo: {}, byDb: {} };
  for (let quiet = 0; quiet < 2; ) {
    const t = await h.jobRows();
    quiet = t.queries || t.delivered ? 0 : quiet + 1;
    sum.delivered += t.delivered;
    for (const [to, n] of Object.entries(t.deliveredTo)) sum.deliveredTo[to] = (sum.deliveredTo[to] ?? 0) + n;
    for (const [db, handlers] of Object.entries(t.byDb)) {
      for (const [handler, m] of Object.entries(handlers)) {
        sum.byDb[db] ??= {};
        sum.byDb[db][handler] ??= blank();
        for (const k of Object.keys(m)) sum.byDb[db][handler][k] += m[k];
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return sum;
}
