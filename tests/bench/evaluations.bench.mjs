// Cron fan-out over 2,000 branches and 60,000 members. The harness has no queue consumer to time, so
// this calls the Worker's own tick and consumer functions (bundled on the fly) against the harness D1:
// the tick's branch listing, then one processBranch per branch as the queue would deliver them.
import { join } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "../..");
const BRANCHES = 2000;
const PER_BRANCH = 30;
const CONCURRENCY = 10; // about what a few consumer invocations run side by side

async function loadJobs() {
  const out = await build({
    stdin: {
      contents: `export { dueBranches } from "./worker/evaluations/jobs.ts"; export { processBranch } from "./worker/evaluations/cycles.ts";`,
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

/** Wraps the D1 binding to count round trips (prepare().run/all/first and batch) and statements. */
function counting(d1) {
  const c = { roundTrips: 0, statements: 0 };
  const wrapStmt = (s) =>
    new Proxy(s, {
      get(t, p) {
        if (p === "bind") return (...a) => wrapStmt(t.bind(...a));
        if (["run", "all", "first", "raw"].includes(p))
          return (...a) => {
            c.roundTrips++;
            c.statements++;
            return t[p](...a);
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
      return d1.batch(stmts.map((s) => s.__inner ?? s));
    },
  };
  return { d1: proxy, c };
}

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

export default async function (h) {
  const { dueBranches, processBranch } = await loadJobs();
  const now = Date.now();
  const id = () => crypto.randomUUID().replaceAll("-", "").slice(0, 24);
  const committee = id();
  const cpath = `/${committee}/`;
  // Statements are prepared per batch: thousands of prepared statements held over the proxy break it.
  const sql = (text, ...params) => [text, params];
  const stmts = [
    sql(
      "INSERT INTO orgs (id, parent_id, path, name, kind, org_type, time_zone, created_at) VALUES (?, NULL, ?, '压测市委', 'committee', 'regional', 'Asia/Shanghai', ?)",
      committee,
      cpath,
      now,
    ),
  ];
  const phases = JSON.stringify({
    analysis: { from: 0, to: 89 },
    appraisal: { from: 0, to: 89 },
    decision: { from: 0, to: 89 },
  });
  stmts.push(
    sql(
      "INSERT INTO eval_schedules (id, org_id, org_path, name, frequency, phases, template, settings, active, created_at, updated_at) VALUES (?, ?, ?, '压测季度评议', 'quarterly', ?, '[]', ?, 1, ?, ?)",
      id(),
      committee,
      cpath,
      phases,
      JSON.stringify({ excellentQuota: 1 / 3, peerScope: "branch" }),
      now,
      now,
    ),
  );
  const branches = [];
  for (let b = 0; b < BRANCHES; b++) {
    const bid = id();
    branches.push(bid);
    stmts.push(
      sql(
        "INSERT INTO orgs (id, parent_id, path, name, kind, org_type, time_zone, created_at) VALUES (?, ?, ?, ?, 'branch', 'community', 'Asia/Shanghai', ?)",
        bid,
        committee,
        `${cpath}${bid}/`,
        `压测支部${b}`,
        now,
      ),
    );
    // 30 members a branch: users and memberships, 15 rows a statement (5 parameters a row).
    const users = Array.from({ length: PER_BRANCH }, (_, i) => [id(), `bench-${b}-${i}`]);
    for (let i = 0; i < users.length; i += 15) {
      const part = users.slice(i, i + 15);
      stmts.push(
        sql(
          `INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES ${part.map(() => "(?, ?, ?, ?, ?)").join(",")}`,
          ...part.flatMap(([u, name]) => [u, name, name, now, now]),
        ),
        sql(
          `INSERT INTO memberships (id, user_id, org_id, role, started_at) VALUES ${part.map(() => "(?, ?, ?, 'member', ?)").join(",")}`,
          ...part.flatMap(([u]) => [id(), u, bid, now]),
        ),
      );
    }
  }
  const t0 = performance.now();
  for (let i = 0; i < stmts.length; i += 100) {
    await h.d1.batch(stmts.slice(i, i + 100).map(([text, params]) => h.d1.prepare(text).bind(...params)));
  }
  console.log(
    `fixture: ${BRANCHES} branches, ${BRANCHES * PER_BRANCH} members in ${Math.round(performance.now() - t0)} ms`,
  );

  // The tick: list due schedules and their branches (what onCron does before sendBatch).
  const tick = counting(h.d1);
  const t1 = performance.now();
  const per = await dueBranches(tick.d1);
  const tickMs = performance.now() - t1;
  const mine = branches.filter((b) => per.has(b));
  console.log(
    `tick: ${per.size} branches listed in ${tickMs.toFixed(1)} ms, ${tick.c.roundTrips} D1 queries; ${Math.ceil(per.size / 100)} sendBatch calls`,
  );

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
  console.log(`cycles open: ${open.n}/${BRANCHES}; 'opened' notifications: ${notes.n}`);
  await pass("second tick (nothing due: idempotent)");
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
  const t2 = performance.now();
  await h.cron();
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
}
