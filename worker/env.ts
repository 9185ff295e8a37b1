import type { D1Database, Fetcher, Queue, R2Bucket } from "@cloudflare/workers-types";
import type { TenantFigures } from "../schema";
import type { SessionUser } from "./auth/session";
import type { Db } from "./lib/db";

/** One evaluation-queue message: the schedules due for one branch at one tick. */
export interface BranchMessage {
  branchId: string;
  scheduleIds: string[];
  /** The tick's scheduled time: a retried message computes exactly what the first try did. */
  now: number;
  /** The tenant whose database the work is in (stamped by worker/lib/tenants.ts; none: the embedded one). */
  tenant?: string;
}

/** One bastion-index message: score one branch for one period (the committee's on-demand scoring). */
export interface BastionMessage {
  kind: "bastion";
  branchId: string;
  periodStart: number;
  periodEnd: number;
  now: number;
  tenant?: string;
}

/** A tenant's yearly figures for the tenant above it (worker/ops/aggregates.ts): counts, no persons. */
export interface AggregateMessage {
  kind: "aggregate";
  /** The tenant that keeps them (the consumer runs on its database). */
  to: string;
  from: string;
  year: number;
  figures: TenantFigures;
  publishedAt: number;
  tenant?: string;
}

/** One tenant's cron tick at one scheduled time (worker/lib/ticks.ts): the tick queue's only message. */
export interface TickMessage {
  kind: "tick";
  tenant: string;
  now: number;
}

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** Evaluation work per branch, bastion scoring and tenant figures (told apart by `kind`). */
  EVAL_QUEUE: Queue<BranchMessage | BastionMessage | AggregateMessage>;
  /** One message per tenant and cron time; its consumer runs one tenant's tick an invocation. */
  TICK_QUEUE: Queue<TickMessage>;
  MATERIALS: R2Bucket;
  ENVIRONMENT: string;
  /** "on": every API request runs in a D1 session (read replicas, bookmarks); otherwise all on the primary. */
  D1_SESSIONS: string;
  /** The tenant directory's own D1 (worker/lib/tenants.ts); unbound or empty: one embedded tenant in `DB`. */
  DIRECTORY?: D1Database;
  /** The operator API's bearer token (a secret); unset: /api/ops does not exist. */
  OPERATOR_TOKEN?: string;
}

/** Who is asking and the database to ask: what every access check and most services take. */
export interface Caller {
  db: Db;
  user: SessionUser;
}

/** Every request: the database on the context, and the caller when there is a session. */
export interface AppEnv {
  Bindings: Env;
  Variables: { db: Db; user: SessionUser | null };
}

/** Behind the signed-in guard: the user is never null. */
export interface AuthedEnv {
  Bindings: Env;
  Variables: Caller;
}
