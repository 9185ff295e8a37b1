// Cron fan-out over 2,000 branches and 60,000 members. First the Worker's own claim and consumer
// functions (bundled on the fly) against the harness D1: the tick's claim of what is due, then one
// processBranch per branch as the queue would deliver them. Then the real path in workerd, metered:
// D1 rows read and written per branch for a cycle opened and for a cycle closed, and an idle tick.
import { join } from "node:path";
import { build } from "esbuild";
import { seedCommittee } from "./committee.mjs";

const root = join(import.meta.dirname, "../..");
const BRANCHES = 2000;
const PER_BRANCH = 30;
const CONCURRENCY = 10; // about what a few consumer invocations run side by side

async function loadJobs() {
  const out = await build({
    stdin: {
      contents: `export { claimDue } from "./worker/lib/due.ts"; export { processBranch } from "./worker/evaluations/cycles.ts";`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    external: ["cloudflare:*"],
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
}

/** Wraps the D1 binding to count round trips (prepare().run/all/first and batch), statements and rows read. */
function counting(d1) {
  const c = { roundTrips: 0, statements: 0, rowsRead: 0 };
  const read = (r) => {
    for (const x of Array.isArray(r) ? r : [r]) c.rowsRead += x?.meta?.rows_read ?? 0;
    return r;
  };
  const wrapStmt = (s) =>
    new Proxy(s, {
      get(t, p) {
        if (p === "bind") return (...a) => wrapStmt(t.bind(...a));
        if (["run", "all", "first", "raw"].includes(p))
          return (...a) => {
            c.roundTrips++;
            c.statements++;
            return t[p](...a).then(read);
          };
        if (p === "__inner") return t;
        const v = Reflect.get(t, p);
        return typeof v === "function" ? v.bind(t) : v;
      },
    });
  const proxy = {
    prepare: (sql) => wrapStmt(d1.prepare(sql)),
    batch: (stmts) => {
      c.roundTrips++;
      c.statements += stmts.length;
      return d1.batch(stmts.map((s) => s.__inner ?? s)).then(read);
    },
  };
  return { d1: proxy, c };
}

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

export default async function (h) {
  const { claimDue, processBranch } = await loadJobs();
  const now = Date.now();
  const size0 = await h.dbSize();
  const t0 = performance.now();
  const {
    id: committee,
    path: cpath,
    branches,
  } = await seedCommittee(h.d1, {
    name: "压测市委",
    tag: "eval",
    frequency: "quarterly",
    phases: { analysis: { from: 0, to: 89 }, appraisal: { from: 0, to: 89 }, decision: { from: 0, to: 89 } },
    branches: BRANCHES,
    perBranch: PER_BRANCH,
    now,
  });
  const size1 = await h.dbSize();
  console.log(
    `fixture: ${BRANCHES} branches, ${BRANCHES * PER_BRANCH} members in ${Math.round(performance.now() - t0)} ms; ${Math.round((size1 - size0) / (BRANCHES * PER_BRANCH))} bytes a member (user, membership, indexes)`,
  );

  // The tick: claim what is due and group it per branch (what onCron does before sendBatch).
  async function claim(at) {
    const tick = counting(h.d1);
    const t1 = performance.now();
    const rows = await claimDue(tick.d1, at);
    const ms = performance.now() - t1;
    const per = new Map();
    for (const r of rows) per.set(r.subject, [...(per.get(r.subject) ?? []), r.ref]);
    console.log(
      `tick at +${Math.round((at - now) / 60_000)} min: ${per.size} branches due, claimed in ${ms.toFixed(1)} ms, ${tick.c.roundTrips} D1 query, ${tick.c.rowsRead} rows read; ${Math.ceil(per.size / 100)} sendBatch calls`,
    );
    return per;
  }
  const per = await claim(now);
  const mine = branches.filter((b) => per.has(b));

  async function pass(label) {
    const times = [];
    const trips = [];
    const statements = [];
    const started = performance.now();
    let next = 0;
    async function worker() {
      while (next < mine.length) {
        const b = mine[next++];
        const { d1, c } = counting(h.d1);
        const s = performance.now();
        await processBranch(d1, { branchId: b, scheduleIds: per.get(b), now });
        times.push(performance.now() - s);
        trips.push(c.roundTrips);
        statements.push(c.statements);
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const total = performance.now() - started;
    console.log(
      `${label}: ${mine.length} messages in ${Math.round(total)} ms (concurrency ${CONCURRENCY}); per message p50 ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms; D1 round trips ${Math.min(...trips)}–${Math.max(...trips)}, statements ${Math.min(...statements)}–${Math.max(...statements)}`,
    );
    return total;
  }
  await pass("first tick (opens every branch's cycle)");
  const open = await h.d1
    .prepare("SELECT count(*) AS n FROM eval_cycles WHERE branch_path >= ? AND branch_path < ?")
    .bind(cpath, `${cpath.slice(0, -1)}0`)
    .first();
  const notes = await h.d1.prepare("SELECT count(*) AS n FROM notifications WHERE key LIKE '%:opened'").first();
  console.log(
    `cycles open: ${open.n}/${BRANCHES}; 'opened' notifications: ${notes.n}; ${Math.round(((await h.dbSize()) - size1) / (BRANCHES * PER_BRANCH))} bytes a member for the cycle and its notices`,
  );
  // Delivered twice (at-least-once): the keys make the second pass write nothing new.
  await pass("the same messages again (idempotent)");
  await claim(now + 15 * 60_000); // nothing is due a quarter of an hour later
  const again = await h.d1
    .prepare("SELECT count(*) AS n FROM eval_cycles WHERE branch_path >= ? AND branch_path < ?")
    .bind(cpath, `${cpath.slice(0, -1)}0`)
    .first();
  if (again.n !== BRANCHES) throw new Error(`expected ${BRANCHES} cycles, found ${again.n}`);

  // The real path: the same cycles opened again by the Worker itself in workerd, the cron tick
  // enqueueing one message per branch on EVAL_QUEUE and the queue consumer opening each branch's cycle.
  // (Notices are keyed by cycle id, so the new cycles' notices do not collide with the old ones.)
  await h.d1
    .prepare("DELETE FROM eval_cycles WHERE branch_path >= ? AND branch_path < ?")
    .bind(cpath, `${cpath.slice(0, -1)}0`)
    .run();
  // Touching the schedule makes its branches due again (the migration's trigger).
  await h.d1.prepare("UPDATE eval_schedules SET updated_at = ? WHERE org_id = ?").bind(now, committee).run();
  await h.jobRows();
  const t2 = performance.now();
  await h.cron(new Date(now));
  const tickDone = performance.now() - t2;
  let opened = 0;
  while (opened < BRANCHES && performance.now() - t2 < 600_000) {
    await new Promise((r) => setTimeout(r, 500));
    opened = (
      await h.d1
        .prepare("SELECT count(*) AS n FROM eval_cycles WHERE branch_path >= ? AND branch_path < ?")
        .bind(cpath, `${cpath.slice(0, -1)}0`)
        .first()
    ).n;
  }
  console.log(
    `through the Worker's cron and queue in workerd: tick returned in ${Math.round(tickDone)} ms; ${opened}/${BRANCHES} cycles open after ${Math.round(performance.now() - t2)} ms`,
  );
  const openedRows = await settled();
  h.printRows(`evaluations: a cycle opened, per branch (${BRANCHES})`, perBranch(openedRows), " (tick + message)");

  await h.jobRows();
  await h.cron(new Date(now + 15 * 60_000));
  h.printRows("cron: an idle tick, every job of the Worker, one tenant", await settled());

  // Closing: a tick after the last window closes every cycle, notifies, and scores each branch's index.
  const { last } = await h.d1
    .prepare("SELECT max(closes_at) AS last FROM eval_cycles WHERE branch_path >= ? AND branch_path < ?")
    .bind(cpath, `${cpath.slice(0, -1)}0`)
    .first();
  await h.jobRows();
  const t3 = performance.now();
  await h.cron(new Date(last));
  let closed = 0;
  while (closed < BRANCHES && performance.now() - t3 < 600_000) {
    await new Promise((r) => setTimeout(r, 500));
    closed = (
      await h.d1
        .prepare(
          "SELECT count(*) AS n FROM eval_cycles WHERE branch_path >= ? AND branch_path < ? AND status = 'closed'",
        )
        .bind(cpath, `${cpath.slice(0, -1)}0`)
        .first()
    ).n;
  }
  console.log(`closing tick: ${closed}/${BRANCHES} cycles closed after ${Math.round(performance.now() - t3)} ms`);
  h.printRows(`evaluations: a cycle closed and scored, per branch`, perBranch(await settled()), " (tick + message)");

  /**
   * Sums the jobs' D1 totals on the embedded tenant's database (the other tenants tick too) until the
   * queue has gone quiet (two empty reads in a row).
   */
  async function settled() {
    const sum = { queries: 0, rowsRead: 0, rowsWritten: 0 };
    for (let quiet = 0; quiet < 2; ) {
      await new Promise((r) => setTimeout(r, 1000));
      const t = await h.jobRows();
      quiet = t.queries ? 0 : quiet + 1;
      for (const handler of Object.values(t.byDb.DB ?? {})) for (const k of Object.keys(sum)) sum[k] += handler[k];
    }
    return sum;
  }
  function perBranch(t) {
    return { queries: t.queries / BRANCHES, rowsRead: t.rowsRead / BRANCHES, rowsWritten: t.rowsWritten / BRANCHES };
  }
}
