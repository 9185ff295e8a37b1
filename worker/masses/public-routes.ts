import { submitBody, tokenParam } from "../../schema/masses/validation";
import { createRouter } from "../lib/router";
import { v } from "../lib/validate";
import { publicView, submitRating } from "./public";

const ipOf = (c: { req: { header(name: string): string | undefined } }) =>
  c.req.header("CF-Connecting-IP") ?? "unknown";

/** No session here: the token is the only credential. The CSRF rule of the whole API still applies. */
export const publicRatingRoutes = createRouter()
  .get("/:token", v("param", tokenParam), async (c) => {
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.json(await publicView(c.var.db, c.req.valid("param").token, ipOf(c), Date.now()));
  })
  .post("/:token", v("param", tokenParam), v("json", submitBody), async (c) => {
    c.header("Cache-Control", "no-store");
    const out = await submitRating(c.var.db, c.req.valid("param").token, ipOf(c), c.req.valid("json"), Date.now());
    return c.json(out, 201);
  });
