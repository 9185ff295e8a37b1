import { env } from "cloudflare:test";
import type { D1Database } from "@cloudflare/workers-types";
import { getDb } from "../../worker/lib/db";

/** A D1 whose statements and round trips are counted (a batch is one round trip). */
export function countingDb() {
  const counts = { statements: 0, roundTrips: 0 };
  const real = env.DB as unknown as D1Database;
  const patch = (stmt: any) => {
    for (const m of ["all", "run", "first", "raw"]) {
      const orig = stmt[m].bind(stmt);
      stmt[m] = (...args: unknown[]) => {
        counts.roundTrips++;
        return orig(...args);
      };
    }
    const bind = stmt.bind.bind(stmt);
    stmt.bind = (...args: unknown[]) => patch(bind(...args));
    return stmt;
  };
  const d1 = {
    prepare(sql: string) {
      counts.statements++;
      return patch(real.prepare(sql));
    },
    batch(stmts: any[]) {
      counts.roundTrips++;
      return real.batch(stmts);
    },
    exec: (sql: string) => real.exec(sql),
    dump: () => real.dump(),
  };
  return { db: getDb(d1 as unknown as D1Database), counts };
}
