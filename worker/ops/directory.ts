import type { D1Database } from "@cloudflare/workers-types";
import type { Env } from "../env";
import { ApiError, isUniqueViolation, notFound } from "../lib/errors";
import { directoryProblems, forgetDirectory, readDirectory, type Tenant } from "../lib/tenants";

function directoryOf(env: Env) {
  if (!env.DIRECTORY) throw notFound("tenant directory (no DIRECTORY binding)");
  return env.DIRECTORY;
}

/** The directory as stored, each entry with what keeps it from being served (empty: it is served). */
export async function listTenants(env: Env) {
  const tenants = await readDirectory(directoryOf(env));
  const problems = directoryProblems(tenants, env);
  return tenants.map((t) => ({ ...t, problems: problems.get(t.id) ?? [] }));
}

/**
 * Adds a tenant to the directory or changes one, checked with the rest of the directory as it is now:
 * refused (422, the problems as details) if it would not be served. Two operators writing at once may
 * both pass that check; the directory database then lets one hold the host or binding (tenant_claims)
 * and refuses the other's statement whole, answered the same 422 from the directory as it is after.
 * This isolate reads the directory afresh on its next request; every other isolate within DIRECTORY_TTL.
 */
export async function putTenant(env: Env, entry: Tenant, now: number) {
  const d1 = directoryOf(env);
  await refuseIfNotServable(env, d1, entry);
  try {
    await d1
      .prepare(
        `INSERT INTO tenants (id, name, hosts, binding, root, parent, parent_org, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, hosts = excluded.hosts, binding = excluded.binding,
           root = excluded.root, parent = excluded.parent, parent_org = excluded.parent_org, updated_at = excluded.updated_at`,
      )
      .bind(
        entry.id,
        entry.name,
        JSON.stringify(entry.hosts),
        entry.binding,
        entry.root,
        entry.parent ?? null,
        entry.parentOrg ?? null,
        now,
      )
      .run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await refuseIfNotServable(env, d1, entry);
    throw error; // the other tenant let go of it meanwhile: 409, to be sent again
  } finally {
    forgetDirectory();
  }
}

async function refuseIfNotServable(env: Env, d1: D1Database, entry: Tenant) {
  const others = (await readDirectory(d1)).filter((t) => t.id !== entry.id);
  const problems = directoryProblems([...others, entry], env).get(entry.id);
  if (problems) {
    throw new ApiError(
      422,
      "tenant_entry_invalid",
      `tenant ${entry.id} is refused: ${problems.map((p) => p.message).join("; ")}`,
      problems,
    );
  }
}
