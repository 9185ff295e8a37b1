import { linkNominationBody, linkTokenParam } from "../../schema/talent/validation";
import { createRouter } from "../lib/router";
import { v } from "../lib/validate";
import { linkView, nominateByLink } from "./links";

const ipOf = (c: { req: { header(name: string): string | undefined } }) =>
  c.req.header("CF-Connecting-IP") ?? "unknown";

/** The masses' one-time nomination links: no session, the token is the only credential. */
export const publicNominationRoutes = createRouter()
  .get("/:token", v("param", linkTokenParam), async (c) => {
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.json(await linkView(c.var.db, c.req.valid("param").token, ipOf(c), Date.now()));
  })
  .post("/:token", v("param", linkTokenParam), v("json", linkNominationBody), async (c) => {
    c.header("Cache-Control", "no-store");
    const out = await nominateByLink(c.var.db, c.req.valid("param").token, ipOf(c), c.req.valid("json"), Date.now());
    return c.json(out, 201);
  });
