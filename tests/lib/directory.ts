import { applyD1Migrations, env } from "cloudflare:test";
import { forgetDirectory, type Tenant } from "../../worker/lib/tenants";

/** An entry as the directory's table holds it (the operator's PUT /api/ops/tenants/:id writes the same). */
const directoryRow = (d1: D1Database, t: Tenant, now = Date.now()) =>
  d1
    .prepare(
      "INSERT INTO tenants (id, name, hosts, binding, root, parent, parent_org, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(t.id, t.name, JSON.stringify(t.hosts), t.binding, t.root, t.parent ?? null, t.parentOrg ?? null, now);

/**
 * Makes the test directory database (bound as TEST_DIRECTORY, so other tests run without one) hold exactly
 * these tenants, read afresh by the next request. Tests hand it to the Worker as `DIRECTORY`.
 */
export async function putDirectory(tenants: readonly Tenant[]) {
  const d1 = env.TEST_DIRECTORY;
  await applyD1Migrations(d1, env.TEST_DIRECTORY_MIGRATIONS);
  await d1.batch([d1.prepare("DELETE FROM tenants"), ...tenants.map((t) => directoryRow(d1, t))]);
  forgetDirectory();
}

/**
 * Makes the test directory hold these tenants as a directory written before the database enforced claims
 * (schema/common/directory/0001) would: duplicates and all, then migrated to the end, read afresh next.
 */
export async function putOldDirectory(tenants: readonly Tenant[]) {
  const d1 = env.TEST_DIRECTORY;
  const [first, ...rest] = env.TEST_DIRECTORY_MIGRATIONS;
  await d1.batch(
    ["tenant_claims", "tenants", "d1_migrations"].map((table) => d1.prepare(`DROP TABLE IF EXISTS ${table}`)),
  );
  await applyD1Migrations(d1, first ? [first] : []);
  await d1.batch(tenants.map((t) => directoryRow(d1, t)));
  await applyD1Migrations(d1, rest);
  forgetDirectory();
}

/** A D1 database that records the statements prepared on it (batched ones too). */
export function recorded(d1: D1Database) {
  const statements: string[] = [];
  const proxy = new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          statements.push(sql);
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { proxy, statements };
}

/**
 * A D1 database whose reads (`.all()`) wait, once `hold()` is called, until `release()`: what lets a test put
 * two requests' reads before either one's write. `waiting` counts the reads held.
 */
export function heldReads(d1: D1Database) {
  let holding = false;
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const gate = {
    waiting: 0,
    hold: () => {
      holding = true;
    },
    release: () => release(),
    proxy: new Proxy(d1, {
      get(target, prop) {
        if (prop === "prepare") {
          return (sql: string) => {
            const statement = target.prepare(sql);
            if (!holding) return statement;
            return new Proxy(statement, {
              get(s, p) {
                if (p === "all") {
                  return async () => {
                    gate.waiting++;
                    await held;
                    return s.all();
                  };
                }
                const value = Reflect.get(s, p);
                return typeof value === "function" ? value.bind(s) : value;
              },
            });
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }),
  };
  return gate;
}
