import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { BOOKMARK_HEADER, requestDb } from "../lib/db";
import { ApiError } from "../lib/errors";
import { tenantOfHost } from "../lib/tenants";
import { readSessionCookie, validateSessionToken, writeSessionCookie } from "./session";

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

/**
 * Puts the request's database (its tenant's, by host) on the context for every handler. With D1 sessions on, hands the
 * session's bookmark back so the client's next request reads at least what this one wrote.
 */
export const withDb = createMiddleware<AppEnv>(async (c, next) => {
  // Everything after this sees only the tenant's bindings: its D1 as DB, its stamped queue.
  c.env = tenantOfHost(c.env, new URL(c.req.url).hostname).env;
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

/** Loads the caller (or null) once per request; authed routers refuse a request without one. */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = readSessionCookie(c);
  let user = null;
  if (token) {
    const found = await validateSessionToken(c.var.db, c.var.db.$client, token, Date.now());
    if (found) {
      user = found.user;
      if (found.renewed) writeSessionCookie(c, token, found.expiresAt);
    }
  }
  c.set("user", user);
  await next();
});
