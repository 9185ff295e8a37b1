// The bench's D1 meter: a main module wrapped around the built Worker that adds up what D1 reports
// for every query (meta.rows_read, meta.rows_written) — the numbers D1 bills — on every D1 binding, and a
// request's round trips and SQL time (meta.duration)
// (each tenant's own database too). It reads them where workerd's D1 session receives each response
// (`_send`), because `raw()`, which drizzle uses for selects, drops the metadata before the caller
// sees it; the cron's and the queue's direct use of a binding goes through a primary session for the
// same reason. The jobs' totals are also kept per binding and handler, with the queue messages the
// jobs sent and the consumer received. Bench only: never deployed.
export const METER_MODULE = `
import worker from "./index.js";

const blank = () => ({ queries: 0, rowsRead: 0, rowsWritten: 0 });
const freshJobs = () => ({ ...blank(), byDb: {}, sent: 0, sendCalls: 0, delivered: 0, batches: 0, deliveredTo: {} });
/** The cron's and the queue's work since the last read of /__meter/totals. */
let jobs = freshJobs();

function add(meter, meta) {
  meter.queries++;
  meter.rowsRead += meta.rows_read;
  meter.rowsWritten += meta.rows_written;
}

function meterSession(session, record, trip) {
  const send = session._send;
  if (typeof send !== "function") throw new Error("workerd's D1 session has no _send any more: update tests/harness/meter.mjs");
  session._send = async function (...args) {
    const out = await send.apply(this, args);
    trip?.();
    for (const r of Array.isArray(out) ? out : [out]) if (r?.meta) record(r.meta);
    return out;
  };
  return session;
}

const isD1 = (v) => typeof v?.withSession === "function" && typeof v?.prepare === "function";

function meteredD1(d1, record, trip) {
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "withSession") return (b) => meterSession(target.withSession(b), record, trip);
      if (prop === "prepare" || prop === "batch") {
        const s = meterSession(target.withSession("first-primary"), record, trip);
        return s[prop].bind(s);
      }
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** Counts the messages a job sends (one call of sendBatch carries up to 100). */
function countedQueue(queue) {
  return {
    send: (body, options) => {
      jobs.sent++;
      jobs.sendCalls++;
      return queue.send(body, options);
    },
    sendBatch: (messages, options) => {
      jobs.sent += [...messages].length;
      jobs.sendCalls++;
      return queue.sendBatch(messages, options);
    },
  };
}

/** A request's env: every D1 binding adds to the request's own meter, with its round trips and SQL time. */
function meteredRequest(env, meter) {
  const out = { ...env };
  const record = (meta) => {
    add(meter, meta);
    meter.sqlMs += meta.duration ?? 0;
  };
  // The directory is left as it is: it is cached per binding object and read once a minute per isolate, so a
  // wrapper per request would make every metered request re-read it (a statement no real request pays).
  for (const [name, v] of Object.entries(env)) {
    if (isD1(v) && name !== "DIRECTORY") out[name] = meteredD1(v, record, () => meter.trips++);
  }
  return out;
}

/** A job's env (handler "cron" or "queue"): every D1 binding adds to the jobs' totals and its own. */
function meteredJob(env, handler) {
  const out = { ...env, EVAL_QUEUE: countedQueue(env.EVAL_QUEUE) };
  for (const [name, v] of Object.entries(env)) {
    if (!isD1(v)) continue;
    out[name] = meteredD1(v, (meta) => {
      add(jobs, meta);
      const db = (jobs.byDb[name] ??= {});
      add((db[handler] ??= blank()), meta);
    });
  }
  return out;
}

export default {
  async fetch(req, env, ctx) {
    const path = new URL(req.url).pathname;
    if (path === "/__meter/totals") {
      const out = Response.json(jobs);
      jobs = freshJobs();
      return out;
    }
    // x-d1-sessions: this request with D1 sessions on, whatever the app was started with.
    if (req.headers.get("x-d1-sessions")) env = { ...env, D1_SESSIONS: "on" };
    if (!req.headers.get("x-meter")) return worker.fetch(req, env, ctx);
    const meter = { ...blank(), sqlMs: 0, trips: 0 };
    const res = await worker.fetch(req, meteredRequest(env, meter), ctx);
    const out = new Response(res.body, res);
    out.headers.set("x-meter", JSON.stringify(meter));
    return out;
  },
  scheduled: (controller, env, ctx) => worker.scheduled(controller, meteredJob(env, "cron"), ctx),
  queue: (batch, env, ctx) => {
    jobs.batches++;
    jobs.delivered += batch.messages.length;
    for (const m of batch.messages) {
      const to = m.body?.tenant ?? "home";
      jobs.deliveredTo[to] = (jobs.deliveredTo[to] ?? 0) + 1;
    }
    return worker.queue(batch, meteredJob(env, "queue"), ctx);
  },
};
`;
