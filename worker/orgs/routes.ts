import { idParam, pageQuery } from "../../schema/common/validation";
import { createOrgBody, moveOrgBody, updateOrgBody } from "../../schema/orgs/validation";
import { rootsFor } from "../auth";
import { auditPage } from "../lib/audit";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { ANY_ROLE, authorizedOrg } from "./access";
import { archiveOrg, createOrg, moveOrg, orgTree, updateOrg } from "./service";

const ADMIN = ["admin"] as const;

export const orgRoutes = createAuthedRouter()
  .get("/", async (c) => {
    const user = c.var.user;
    const rows = await orgTree(c.var.db, rootsFor(user, ANY_ROLE));
    return c.json({ items: rows });
  })
  .get("/:id", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ANY_ROLE);
    return c.json(org);
  })
  .post("/", v("json", createOrgBody), async (c) => {
    const body = c.req.valid("json");
    const parent = await authorizedOrg(c.var, body.parentId, ADMIN);
    const org = await createOrg(c.var.db, c.var.user.id, parent, body);
    return c.json(org, 201);
  })
  .patch("/:id", v("param", idParam), v("json", updateOrgBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ADMIN);
    return c.json(await updateOrg(c.var.db, c.var.user.id, org, c.req.valid("json")));
  })
  .post("/:id/move", v("param", idParam), v("json", moveOrgBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ADMIN);
    const parent = await authorizedOrg(c.var, c.req.valid("json").parentId, ADMIN);
    await moveOrg(c.var.db, c.var.user.id, org, parent);
    return c.json({ ok: true as const });
  })
  .post("/:id/archive", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ADMIN);
    await archiveOrg(c.var.db, c.var.user.id, org);
    return c.json({ ok: true as const });
  })
  .get("/:id/audit", v("param", idParam), v("query", pageQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ADMIN);
    const { limit, offset } = c.req.valid("query");
    return c.json(page(await auditPage(c.var.db, org.path, limit, offset), limit, offset));
  });
