import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, AuthedEnv } from "../env";
import { ApiError } from "./errors";

const signedIn = createMiddleware<AuthedEnv>(async (c, next) => {
  if (!c.get("user")) throw new ApiError(401, "unauthenticated", "please log in");
  await next();
});

/** A router for public paths: `c.var.db` is set, `c.var.user` may be null. */
export const createRouter = () => new Hono<AppEnv>();

/** A router whose every path needs a session: `c.var.user` is the caller, never null. */
export const createAuthedRouter = () => new Hono<AuthedEnv>().use(signedIn);
