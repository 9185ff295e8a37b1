import { idParam, pageQuery } from "../../schema/common/validation";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs/access";
import { auditPage } from "./record";

/** Mounted at /orgs/:id/audit: what was done in an org's subtree, for its committee. */
export const auditRoutes = createAuthedRouter().get("/", v("param", idParam), v("query", pageQuery), async (c) => {
  const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
  const { limit, offset } = c.req.valid("query");
  return c.json(page(await auditPage(c.var.db, org.path, limit, offset), limit, offset));
});
