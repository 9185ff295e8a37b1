import type { D1Database, Queue } from "@cloudflare/workers-types";
import type { Env } from "../env";
import { ApiError } from "./errors";

/**
 * One tenant of the directory: a committee subtree with its own D1 database, served on its own hosts.
 * `binding` names the D1 binding in wrangler.toml; `root` is the path of the tenant's top org.
 */
export interface Tenant {
  id: string;
  name: string;
  hosts: string[];
  binding: string;
  root: string;
  /** The tenant above (a province's), which receives this one's yearly figures. */
  parent?: string | undefined;
  /** The org in the parent tenant's tree under which this tenant sits (its reports list it there). */
  parentOrg?: string | undefined;
}

/** Without a directory the Worker serves one embedded tenant from `DB` on every host (npm start). */
const HOME = "home";

/**
 * How long an isolate keeps the directory it read: a change reaches every isolate within this, and a
 * request costs no directory statement but the one read per isolate this often (README "Tenants").
 */
export const DIRECTORY_TTL = 60_000;

type TenantEnv = { id: string; env: Env };
interface Snapshot {
  from: D1Database;
  at: number;
  tenants: Tenant[];
  /** Each Worker env's tenant envs for this snapshot (the env is one object per isolate in production). */
  envs: WeakMap<Env, TenantEnv[]>;
}
let snapshot: Snapshot | null = null;
/** When this isolate's request started re-reading the directory (no other request waits for that read). */
let refreshing: { from: D1Database; since: number } | null = null;
/** A re-read that never settled (its request went away) lets the next request try after this long. */
const REFRESH_GIVE_UP = 10_000;
/** Each tenant's env back to the Worker's own (which alone still holds every tenant's binding as itself). */
const roots = new WeakMap<Env, { id: string; root: Env }>();

/** The directory's tenants that can be served (bad entries are logged and left out); empty: no directory. */
export async function directory(env: Env): Promise<Tenant[]> {
  return (await current(env))?.tenants ?? [];
}

async function current(env: Env): Promise<Snapshot | null> {
  const from = env.DIRECTORY;
  if (!from) return null;
  const now = Date.now();
  const last = snapshot?.from === from ? snapshot : null;
  if (last && now - last.at < DIRECTORY_TTL) return last;
  // Workers refuse I/O across requests, so no request awaits another's read: while one request re-reads,
  // the others serve the last directory read; with none read yet, each reads its own.
  if (last && refreshing?.from === from && now - refreshing.since < REFRESH_GIVE_UP) return last;
  const mine = { from, since: now };
  if (last) refreshing = mine;
  try {
    snapshot = await load(env, from);
  } catch (error) {
    if (!last) throw error;
    console.error("tenant directory: read failed, serving the last one read", error);
  } finally {
    if (refreshing === mine) refreshing = null;
  }
  return snapshot;
}

async function load(env: Env, from: D1Database): Promise<Snapshot> {
  const at = Date.now();
  const entries = await readDirectory(from);
  const problems = directoryProblems(entries, env);
  for (const [id, said] of problems) {
    console.error(`tenant directory: ${id} is not served: ${said.map((p) => p.message).join("; ")}`);
  }
  return { from, at, tenants: entries.filter((t) => !problems.has(t.id)), envs: new WeakMap() };
}

/** Every entry of the directory database as it is now (one statement, a row a tenant). */
export async function readDirectory(from: D1Database): Promise<Tenant[]> {
  const { results } = await from
    .prepare("SELECT id, name, hosts, binding, root, parent, parent_org AS parentOrg FROM tenants ORDER BY id")
    .all<Omit<Tenant, "hosts"> & { hosts: string; parent: string | null; parentOrg: string | null }>();
  return results.map((r) => ({
    ...r,
    hosts: JSON.parse(r.hosts) as string[],
    parent: r.parent ?? undefined,
    parentOrg: r.parentOrg ?? undefined,
  }));
}

/** The next read of the directory in this isolate goes to the database (after the operator's write). */
export function forgetDirectory() {
  snapshot = null;
  refreshing = null; // a read already under way may predate the write
}

/** One thing wrong with a directory entry, as an error detail (the operator's PUT answers with them). */
export interface EntryProblem {
  path: string[];
  code: "no_such_binding" | "binding_taken" | "host_taken" | "not_an_org_path" | "unknown_tenant" | "parent_cycle";
  message: string;
}

/**
 * What is wrong with each entry of a directory, by tenant id: a binding this Worker does not have (or
 * not a D1), a binding or a host another entry also lists (both are refused: which tenant is meant is
 * unknowable), a root that is not an org path, a parent that is not in the directory or leads back to
 * the entry. The directory database refuses a shared binding or host itself (tenant_claims); entries
 * written before it did may still share one.
 */
export function directoryProblems(tenants: readonly Tenant[], env: Env): Map<string, EntryProblem[]> {
  const problems = new Map<string, EntryProblem[]>();
  const say = (id: string, problem: EntryProblem) => problems.set(id, [...(problems.get(id) ?? []), problem]);
  const byId = new Map(tenants.map((t) => [t.id, t]));
  const hostHolders = holders(tenants, (t) => t.hosts);
  const bindingHolders = holders(tenants, (t) => [t.binding]);
  for (const t of tenants) {
    if (!isD1(env[t.binding as keyof Env])) {
      say(t.id, { path: ["binding"], code: "no_such_binding", message: `this Worker has no D1 binding ${t.binding}` });
    }
    const sharing = bindingHolders.get(t.binding) ?? [];
    if (sharing.length > 1) {
      const message = `binding ${t.binding} is listed by ${sharing.join(", ")}`;
      say(t.id, { path: ["binding"], code: "binding_taken", message });
    }
    for (const h of new Set(t.hosts)) {
      const all = hostHolders.get(h) ?? [];
      if (all.length > 1)
        say(t.id, { path: ["hosts"], code: "host_taken", message: `host ${h} is listed by ${all.join(", ")}` });
    }
    if (!ORG_PATH.test(t.root)) {
      say(t.id, {
        path: ["root"],
        code: "not_an_org_path",
        message: `root ${JSON.stringify(t.root)} is not an org path such as /id/`,
      });
    }
    const seen = [t.id];
    for (let up = t.parent; up !== undefined; up = byId.get(up)?.parent) {
      if (!byId.has(up)) {
        say(t.id, { path: ["parent"], code: "unknown_tenant", message: `parent ${up} is not in the directory` });
        break;
      }
      if (seen.includes(up)) {
        say(t.id, {
          path: ["parent"],
          code: "parent_cycle",
          message: `parents form a cycle: ${[...seen, up].join(" → ")}`,
        });
        break;
      }
      seen.push(up);
    }
  }
  return problems;
}

/** Which tenants list each value (a host, a binding) of theirs. */
function holders(tenants: readonly Tenant[], values: (t: Tenant) => string[]) {
  const byValue = new Map<string, string[]>();
  for (const t of tenants) for (const v of new Set(values(t))) byValue.set(v, [...(byValue.get(v) ?? []), t.id]);
  return byValue;
}

/** "/" or "/a/b/": the shape of `orgs.path`. */
const ORG_PATH = /^\/(?:[A-Za-z0-9_-]+\/)*$/;

function isD1(value: unknown): value is D1Database {
  return typeof value === "object" && value !== null && typeof (value as D1Database).prepare === "function";
}

const databaseOf = (env: Env, t: Tenant) => env[t.binding as keyof Env] as unknown as D1Database;

/**
 * The tenant a request belongs to, by its host, as the env its handlers see. With a directory, a host
 * it does not list reaches no tenant database at all: a session or id of one tenant is only ever looked up there.
 */
export async function tenantOfHost(env: Env, host: string): Promise<TenantEnv> {
  const all = await tenantEnvs(env);
  const tenants = await directory(env);
  if (tenants.length === 0) return all[0] as TenantEnv;
  const name = host.toLowerCase();
  const t = tenants.find((x) => x.hosts.includes(name));
  const found = t && all.find((x) => x.id === t.id);
  if (!found) throw new ApiError(404, "tenant_unknown", "no organisation is served at this address");
  return found;
}

/**
 * Each tenant's own view of the bindings: its database as `DB`, and a queue that stamps its id on every
 * message so the consumer works on the same database. Crons, queue handlers and routes take it unchanged.
 * No directory, or an empty one: the embedded tenant alone.
 */
export async function tenantEnvs(env: Env): Promise<TenantEnv[]> {
  const snap = await current(env);
  if (!snap || snap.tenants.length === 0) return [{ id: HOME, env }];
  let all = snap.envs.get(env);
  if (!all) {
    all = snap.tenants.map((t) => ({
      id: t.id,
      env: { ...env, DB: databaseOf(env, t), EVAL_QUEUE: stamped(env.EVAL_QUEUE, t.id) },
    }));
    snap.envs.set(env, all);
    for (const t of all) roots.set(t.env, { id: t.id, root: env });
  }
  return all;
}

/**
 * The tenant a request's env belongs to and every other tenant with its database: one Worker holds
 * every binding, so work that spans two tenants (a member's transfer) reads and writes both from here.
 */
export async function tenantsBeside(env: Env) {
  const own = roots.get(env) ?? { id: HOME, root: env };
  const all = await directory(own.root);
  const others = all
    .filter((t) => t.id !== own.id)
    .map((t) => ({ id: t.id, name: t.name, db: databaseOf(own.root, t) }));
  return { self: own.id, selfName: all.find((t) => t.id === own.id)?.name ?? "", others };
}

/** The env of the tenant a queue message was stamped with (unstamped: the embedded tenant). */
export async function envOfMessage(env: Env, tenant: string | undefined): Promise<Env> {
  const found = (await tenantEnvs(env)).find((t) => t.id === (tenant ?? HOME));
  if (!found) throw new Error(`queue message for unknown tenant ${tenant}`);
  return found.env;
}

function stamped<T>(queue: Queue<T>, tenant: string): Queue<T> {
  return {
    send: (body, options) => queue.send({ ...body, tenant } as T, options),
    sendBatch: (messages, options) =>
      queue.sendBatch(
        [...messages].map((m) => ({ ...m, body: { ...m.body, tenant } as T })),
        options,
      ),
  } as Queue<T>;
}
