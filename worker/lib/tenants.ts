import type { D1Database, Queue } from "@cloudflare/workers-types";
import type { Env } from "../env";
import { ApiError } from "./errors";

/**
 * One tenant of the directory: a committee subtree with its own D1 database, served on its own hosts.
 * `binding` names the D1 binding in wrangler.toml; `root` is the path of the tenant's top org.
 */
interface Tenant {
  id: string;
  name: string;
  hosts: string[];
  binding: string;
  root: string;
  /** The tenant above (a province's), which receives this one's yearly figures. */
  parent?: string;
  /** The org in the parent tenant's tree under which this tenant sits (its reports list it there). */
  parentOrg?: string;
}

/** Without a directory the Worker serves one embedded tenant from `DB` on every host (npm start). */
const HOME = "home";

// The directory is the TENANTS variable (JSON): bindings are fixed at deploy time, so adding a tenant
// is a deploy anyway, and a variable costs no query per request. Parsed once per isolate.
let parsed: { source: string; tenants: Tenant[] } | null = null;

export function directory(env: Env): Tenant[] {
  const source = env.TENANTS ?? "";
  if (parsed?.source === source) return parsed.tenants;
  const tenants = source.trim() ? (JSON.parse(source) as Tenant[]) : [];
  for (const t of tenants) {
    if (!isD1(env[t.binding as keyof Env])) throw new Error(`tenant ${t.id}: no D1 binding ${t.binding}`);
  }
  parsed = { source, tenants };
  return tenants;
}

function isD1(value: unknown): value is D1Database {
  return typeof value === "object" && value !== null && typeof (value as D1Database).prepare === "function";
}

const databaseOf = (env: Env, t: Tenant) => env[t.binding as keyof Env] as unknown as D1Database;

/**
 * The tenant a request belongs to, by its host, as the env its handlers see. With a directory, a host
 * it does not list reaches no database at all: a session or id of one tenant is only ever looked up there.
 */
export function tenantOfHost(env: Env, host: string): { id: string; env: Env } {
  const all = tenantEnvs(env);
  if (directory(env).length === 0) return all[0] as { id: string; env: Env };
  const name = host.toLowerCase();
  const t = directory(env).find((x) => x.hosts.includes(name));
  if (!t) throw new ApiError(404, "tenant_unknown", "no organisation is served at this address");
  return all.find((x) => x.id === t.id) as { id: string; env: Env };
}

const envs = new WeakMap<Env, { id: string; env: Env }[]>();
/** Each tenant's env back to the Worker's own (which alone still holds every tenant's binding as itself). */
const roots = new WeakMap<Env, { id: string; root: Env }>();

/**
 * Each tenant's own view of the bindings: its database as `DB`, and a queue that stamps its id on every
 * message so the consumer works on the same database. Crons, queue handlers and routes take it unchanged.
 */
export function tenantEnvs(env: Env): { id: string; env: Env }[] {
  const tenants = directory(env);
  if (tenants.length === 0) return [{ id: HOME, env }];
  let all = envs.get(env);
  if (!all) {
    all = tenants.map((t) => ({
      id: t.id,
      env: { ...env, DB: databaseOf(env, t), EVAL_QUEUE: stamped(env.EVAL_QUEUE, t.id) },
    }));
    envs.set(env, all);
    for (const t of all) roots.set(t.env, { id: t.id, root: env });
  }
  return all;
}

/**
 * The tenant a request's env belongs to and every other tenant with its database: one Worker holds
 * every binding, so work that spans two tenants (a member's transfer) reads and writes both from here.
 */
export function tenantsBeside(env: Env) {
  const own = roots.get(env) ?? { id: HOME, root: env };
  const all = directory(own.root);
  const others = all
    .filter((t) => t.id !== own.id)
    .map((t) => ({ id: t.id, name: t.name, db: databaseOf(own.root, t) }));
  return { self: own.id, selfName: all.find((t) => t.id === own.id)?.name ?? "", others };
}

/** The env of the tenant a queue message was stamped with (unstamped: the embedded tenant). */
export function envOfMessage(env: Env, tenant: string | undefined): Env {
  const found = tenantEnvs(env).find((t) => t.id === (tenant ?? HOME));
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
