import { env } from "cloudflare:test";
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { orgs } from "../../schema";
import { chunkedInserts, getDb } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { db } from "../fixtures";

/** A Db that adds up D1's own statements, rows read and written (meta, what D1 bills) of every batch. */
export function meteredDb() {
  const meter = { statements: 0, rowsRead: 0, rowsWritten: 0 };
  const real = env.DB as unknown as D1Database;
  const d1 = {
    prepare: (q: string) => real.prepare(q),
    async batch(stmts: D1PreparedStatement[]) {
      const out = await real.batch(stmts);
      for (const r of out) {
        meter.statements++;
        meter.rowsRead += r.meta.rows_read;
        meter.rowsWritten += r.meta.rows_written;
      }
      return out;
    },
  };
  return { db: getDb(d1 as unknown as D1Database), meter };
}

/** `n` more branches straight under `parent` and what `extra` writes for them, in one batch; returns them. */
export async function addBranches(
  parent: { id: string; path: string },
  n: number,
  extra: (branches: { id: string; path: string }[]) => Write[] = () => [],
) {
  const now = Date.now();
  const branches = Array.from({ length: n }, () => {
    const id = newId();
    return {
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      name: `支部${id.slice(0, 6)}`,
      kind: "branch" as const,
      orgType: "village" as const,
      createdAt: now,
    };
  });
  const writes = [...chunkedInserts(db(), orgs, branches), ...extra(branches)];
  await db().batch(writes as [Write, ...Write[]]);
  return branches;
}

type Write = ReturnType<typeof chunkedInserts>[number];

/**
 * One statement D1 ran: its SQL (white space folded), its parameters, the rows it read (meta.rows_read) and
 * the length of the rows it answered, as JSON.
 */
export interface Metered {
  sql: string;
  params: unknown[];
  rowsRead: number;
  answered: number;
}

/** The meters of the `meterStatements` calls running now (overlapping runs each see every statement). */
const listening = new Set<{ statements: Metered[]; roundTrips: number }>();
let unpatch: (() => void) | null = null;

/**
 * Wraps D1's session `_send` while anyone listens: every statement of every binding reaches it, the Worker's
 * own requests included (SELF serves them in this isolate, through the same session class), and it is
 * where the metadata arrives (drizzle's `raw()` drops it). One `_send` is one round trip: a lone statement
 * or a whole batch.
 */
function listen(meter: { statements: Metered[]; roundTrips: number }) {
  listening.add(meter);
  if (!unpatch) {
    const session = Object.getPrototypeOf((env.DB as unknown as D1Database).withSession("first-primary"));
    const send = session._send;
    session._send = async function (endpoint: string, query: string | string[], params: unknown[], ...rest: unknown[]) {
      const out = await send.call(this, endpoint, query, params, ...rest);
      const sqls = Array.isArray(query) ? query : [query];
      const binds = (Array.isArray(query) ? params : [params]) as unknown[][];
      const results: { meta?: { rows_read: number }; results?: unknown[] }[] = Array.isArray(out) ? out : [out];
      for (const m of listening) {
        m.roundTrips++;
        for (const [i, r] of results.entries())
          m.statements.push({
            sql: (sqls[i] ?? "").replace(/\s+/g, " ").trim(),
            params: binds[i] ?? [],
            rowsRead: r?.meta?.rows_read ?? 0,
            answered: JSON.stringify(r?.results ?? []).length,
          });
      }
      return out;
    };
    unpatch = () => {
      session._send = send;
      unpatch = null;
    };
  }
  return () => {
    listening.delete(meter);
    if (listening.size === 0) unpatch?.();
  };
}

/** Every D1 statement made while `run` runs, the rows they read, and the round trips they took. */
export async function meterStatements<T>(run: () => Promise<T>) {
  const meter = { statements: [] as Metered[], roundTrips: 0 };
  const stop = listen(meter);
  try {
    const result = await run();
    const { statements, roundTrips } = meter;
    return { result, statements, roundTrips, rowsRead: statements.reduce((n, s) => n + s.rowsRead, 0) };
  } finally {
    stop();
  }
}

/** A metered run's statements and round trips, to compare with the count a test expects. */
export const tally = (m: { statements: unknown[]; roundTrips: number }) => ({
  statements: m.statements.length,
  roundTrips: m.roundTrips,
});
