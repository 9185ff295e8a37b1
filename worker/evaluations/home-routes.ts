import type { TypedResponse } from "hono";
import { createAuthedRouter } from "../lib/router";
import type { homeFor } from "./home";
import { homeText } from "./home-kept";

/** The home page's to-do list: each section covers only the caller's own orgs (by role), so no check is by id. */
export const homeRoutes = createAuthedRouter().get(
  "/",
  // A kept answer's text as it is (no parse and stringify), typed as what homeFor answers.
  async (c) =>
    c.body(await homeText(c.var.db, c.var.user), 200, {
      "content-type": "application/json",
    }) as unknown as TypedResponse<Awaited<ReturnType<typeof homeFor>>, 200, "json">,
);
