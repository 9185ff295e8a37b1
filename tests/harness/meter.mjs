// The bench's D1 meter: a main module wrapped around the built Worker that adds up what D1 reports
// for every query (meta.rows_read, meta.rows_written, meta.duration) and the round trips — the numbers D1 bills. It reads them where
// workerd's D1 session receives each response (`_send`), because `raw()`, which drizzle uses for
// selects, drops the metadata before the caller sees it; the cron's and the queue's direct use of the
// binding goes through a primary session for the same reason. Bench only: never deployed.
export const METER_MODULE = `
import worker from "./index.js";

const totals = { queries: 0, rowsRead: 0, rowsWritten: 0, sqlMs: 0, trips: 0 };

function meterSession(session, meter) {
  const send = session._send;
  if (typeof send !== "function") throw new Error("workerd's D1 session has no _send any more: update tests/harness/meter.mjs");
  session._send = async function (...args) {
    const out = await send.apply(this, args);
    meter.trips++;
    for (const r of Array.isArray(out) ? out : [out]) {
      if (!r?.meta) continue;
      meter.queries++;
      meter.rowsRead += r.meta.rows_read;
      meter.rowsWritten += r.meta.rows_written;
      meter.sqlMs += r.meta.duration ?? 0;
    }
    return out;
  };
  return session;
}

/** env with DB metered: requests' sessions, and the cron's and queue's direct use through a primary session. */
function metered(env, meter) {
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "withSession") return (b) => meterSession(target.withSession(b), meter);
      if (prop === "prepare" || prop === "batch") {
        const s = meterSession(target.withSession("first-primary"), meter);
        return s[prop].bind(s);
      }
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { ...env, DB };
}

export default {
  async fetch(req, env, ctx) {
    const path = new URL(req.url).pathname;
    if (path === "/__meter/totals") {
      const out = Response.json(totals);
      totals.queries = totals.rowsRead = totals.rowsWritten = totals.sqlMs = totals.trips = 0;
      return out;
    }
    // x-d1-sessions: this request with D1 sessions on, whatever the app was started with.
    if (req.headers.get("x-d1-sessions")) env = { ...env, D1_SESSIONS: "on" };
    if (!req.headers.get("x-meter")) return worker.fetch(req, env, ctx);
    const meter = { queries: 0, rowsRead: 0, rowsWritten: 0, sqlMs: 0, trips: 0 };
    const res = await worker.fetch(req, metered(env, meter), ctx);
    const out = new Response(res.body, res);
    out.headers.set("x-meter", JSON.stringify(meter));
    return out;
  },
  scheduled: (controller, env, ctx) => worker.scheduled(controller, metered(env, totals), ctx),
  queue: (batch, env, ctx) => worker.queue(batch, metered(env, totals), ctx),
};
`;
