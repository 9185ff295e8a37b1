import { sealCheckQuery, submitBody, tokenParam } from "../../schema/masses/validation";
import { createRouter } from "../lib/router";
import { v } from "../lib/validate";
import { publicView, submitRating } from "./public";
import { checkSeal } from "./seals";

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

/** Anyone holding a result notice: do the round's results still hash to the printed fingerprint? */
export const publicSealRoutes = createRouter().get("/", v("query", sealCheckQuery), async (c) => {
  c.header("Cache-Control", "no-store");
  return c.json(await checkSeal(c.var.db, c.req.valid("query"), ipOf(c), Date.now()));
});
