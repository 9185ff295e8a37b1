// A yearly evaluation cycle opened for 60,000 members in each of three tenants (2,000 branches of 30
// under one committee each, every tenant its own D1), through the Worker's own cron tick and queue
// consumer in workerd: how long until every cycle is open, how many queue messages, and D1 rows read
// and written per tenant (the scheduled invocation's share, none since it fans out, and the consumer's). Opt-in, it runs for minutes:
// `npm run bench evaluations-scale`. tests/bench/cost.mjs turns its printed lines into the province's
// figures at Cloudflare's published Queues limits.
import { seedCommittee } from "./committee.mjs";

export const optIn = true;

const BRANCHES = 2000;
const PER_BRANCH = 30;
const POLL_MS = 1000;
const DEADLINE_MS = 900_000;

const openCycles = async (d1, cpath) =>
  (
    await d1
      .prepare("SELECT count(*) AS n FROM eval_cycles WHERE branch_path >= ? AND branch_path < ?")
      .bind(cpath, `${cpath.slice(0, -1)}0`)
      .first()
  ).n;

export default async function (h) {
  const tenants = h.tenantD1s.map((d1, i) => ({ id: `t${i + 1}`, binding: `DB_T${i + 1}`, d1 }));
  // The tick's moment: 5 January next year, 09:00 in Shanghai, inside the windows of the year's cycle.
  const at = Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 1);
  // A first tick at that moment does what the demo data has due then, so the measured tick below
  // carries only the new committees' branches.
  await h.cron(new Date(at));
  await settled(h);

  const now = Date.now();
  const t0 = performance.now();
  for (const t of tenants) {
    const before = await h.dbSize(t.d1);
    // The year's 民主评议 in January and February.
    const committee = await seedCommittee(t.d1, {
      name: "压测市委",
      tag: "scale",
      frequency: "yearly",
      phases: { analysis: { from: 0, to: 30 }, appraisal: { from: 20, to: 40 }, decision: { from: 20, to: 50 } },
      branches: BRANCHES,
      perBranch: PER_BRANCH,
      now,
    });
    t.cpath = committee.path;
    t.bytes = (await h.dbSize(t.d1)) - before;
  }
  console.log(
    `fixture: ${tenants.length} tenants × ${BRANCHES} branches × ${PER_BRANCH} members (${tenants.length * BRANCHES * PER_BRANCH} members) in ${Math.round(performance.now() - t0)} ms; ${Math.round(tenants[0].bytes / (BRANCHES * PER_BRANCH))} bytes a member`,
  );

  const t1 = performance.now();
  await h.cron(new Date(at + 15 * 60_000));
  const tickMs = performance.now() - t1;
  const pending = new Set(tenants);
  while (pending.size && performance.now() - t1 < DEADLINE_MS) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    for (const t of [...pending]) {
      t.open = await openCycles(t.d1, t.cpath);
      if (t.open === BRANCHES) {
        t.ms = performance.now() - t1;
        pending.delete(t);
      }
    }
  }
  const totalMs = performance.now() - t1;
  const jobs = await settled(h);
  console.log(
    `scale: cron tick over ${tenants.length + 1} tenants returned in ${Math.round(tickMs)} ms; every cycle open after ${Math.round(totalMs)} ms (local queue: one consumer invocation at a time)`,
  );
  console.log(
    `scale: queue messages sent ${jobs.sent} in ${jobs.sendCalls} sendBatch calls; delivered ${jobs.delivered} in ${jobs.batches} batches`,
  );
  for (const t of tenants) {
    const db = jobs.byDb[t.binding] ?? {};
    const cron = db.cron ?? { queries: 0, rowsRead: 0, rowsWritten: 0 };
    const queue = db.queue ?? { queries: 0, rowsRead: 0, rowsWritten: 0 };
    console.log(
      `scale: tenant ${t.id}: ${t.open}/${BRANCHES} cycles open after ${Math.round(t.ms ?? totalMs)} ms; ${jobs.deliveredTo[t.id] ?? 0} messages delivered`,
    );
    h.printRows(`scale: tenant ${t.id}, the scheduled invocation`, cron);
    h.printRows(`scale: tenant ${t.id}, the consumer (its tick and messages)`, queue);
    h.printRows(`scale: tenant ${t.id}, per branch (tick + message)`, {
      queries: (cron.queries + queue.queries) / BRANCHES,
      rowsRead: (cron.rowsRead + queue.rowsRead) / BRANCHES,
      rowsWritten: (cron.rowsWritten + queue.rowsWritten) / BRANCHES,
    });
  }
  if (pending.size) throw new Error(`cycles still closed after ${DEADLINE_MS} ms in ${[...pending].map((t) => t.id)}`);
}

/** The jobs' totals until the queue has gone quiet (two empty reads in a row), added up. */
async function settled(h) {
  const sum = await h.jobRows();
  for (let quiet = 0; quiet < 2; ) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const t = await h.jobRows();
    quiet = t.queries || t.delivered ? 0 : quiet + 1;
    for (const k of ["queries", "rowsRead", "rowsWritten", "sent", "sendCalls", "delivered", "batches"]) sum[k] += t[k];
    for (const [to, n] of Object.entries(t.deliveredTo)) sum.deliveredTo[to] = (sum.deliveredTo[to] ?? 0) + n;
    for (const [db, handlers] of Object.entries(t.byDb)) {
      for (const [handler, m] of Object.entries(handlers)) {
        sum.byDb[db] ??= {};
        sum.byDb[db][handler] ??= { queries: 0, rowsRead: 0, rowsWritten: 0 };
        for (const k of Object.keys(m)) sum.byDb[db][handler][k] += m[k];
      }
    }
  }
  return sum;
}
