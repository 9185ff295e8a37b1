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
