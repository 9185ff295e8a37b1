import { createAuthedRouter } from "../lib/router";
import { homeFor } from "./home";

/** The home page's to-do list: each section covers only the caller's own orgs (by role), so no check is by id. */
export const homeRoutes = createAuthedRouter().get("/", async (c) => c.json(await homeFor(c.var.db, c.var.user)));
