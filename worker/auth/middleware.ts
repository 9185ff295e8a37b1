import type { ExecutionContext } from "@cloudflare/workers-types";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../env";
import { BOOKMARK_HEADER, dbOver, requestDb } from "../lib/db";
import { ApiError } from "../lib/errors";
import { tenantOfHost } from "../lib/tenants";
import { readSessionCookie, splitToken, validateSessionToken, writeSessionCookie } from "./session";
import { forget, guarded, recall, remember } from "./speculation";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses state-changing requests from another origin (the cookie is SameSite=Lax, this closes the rest). */
export const csrf = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header("Origin");
    const site = c.req.header("Sec-Fetch-Site");
    const own = new URL(c.req.url).origin;
    if ((origin && origin !== own) || site === "cross-site") {
      throw new ApiError(403, "csrf", "cross-origin request refused");
    }
  }
  await next();
});

/** A request run a second time after its session guess failed (worker/auth/speculation.ts). */
const replays = new WeakSet<Request>();

type Replay = (request: Request, env: Env, ctx: ExecutionContext | undefined) => Promise<Response>;
let replay: Replay = () => Promise.reject(new Error("replayThrough() was never called"));

/** How the app runs a request again from the top: set once by worker/app.ts, which this file cannot import. */
export function replayThrough(run: Replay) {
  replay = run;
}

/**
 * Puts the request's database (its tenant's, by host) on the context for every handler. With D1 sessions on, hands the
 * session's bookmark back so the client's next request reads at least what this one wrote.
 */
export const withDb = createMiddleware<AppEnv>(async (c, next) => {
  // Everything after this sees only the tenant's bindings: its D1 as DB, its stamped queue (a replay has them already).
  if (!replays.has(c.req.raw)) c.env = (await tenantOfHost(c.env, new URL(c.req.url).hostname)).env;
  const { db, session } = requestDb(
    c.env.DB,
    c.env.D1_SESSIONS === "on",
    !SAFE_METHODS.has(c.req.method),
    c.req.header(BOOKMARK_HEADER),
  );
  c.set("db", db);
  await next();
  const bookmark = session?.getBookmark();
  if (bookmark) c.res.headers.set(BOOKMARK_HEADER, bookmark);
});

/**
 * Loads the caller (or null) once per request; authed routers refuse a request without one. A read by a
 * session this isolate has seen runs on that guess with the session check in its own batch, and runs
 * again through `replay` if the check disagrees.
 */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const parts = splitToken(readSessionCookie(c) ?? "");
  const host = new URL(c.req.url).hostname;
  const now = Date.now();
  const guessing = parts && SAFE_METHODS.has(c.req.method) && !replays.has(c.req.raw);
  const guess = guessing ? await recall(host, parts.id, parts.secret, now) : null;
  if (parts && guess) {
    const { d1, settled } = guarded(c.var.db.$client, guess, now);
    c.set("db", dbOver(d1));
    c.set("user", guess.user);
    await next();
    if (await settled()) return;
    forget(host, parts.id);
    replays.add(c.req.raw);
    const again = await replay(c.req.raw, c.env, executionCtxOf(c));
    c.res = undefined; // the guess's answer is dropped whole, headers too
    c.res = again;
    return;
  }
  let user = null;
  if (parts) {
    const found = await validateSessionToken(c.var.db, c.var.db.$client, `${parts.id}.${parts.secret}`, now);
    if (found) {
      user = found.user;
      remember(host, found);
      if (found.renewed) writeSessionCookie(c, `${parts.id}.${parts.secret}`, found.expiresAt);
    }
  }
  c.set("user", user);
  await next();
});

function executionCtxOf(c: Context) {
  try {
    return c.executionCtx as ExecutionContext;
  } catch {
    return undefined; // app.request() in a unit test has none
  }
}
