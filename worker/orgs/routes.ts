import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { auditLog, orgs } from "../../schema";
import { idParam, pageQuery } from "../../schema/common/validation";
import { createOrgBody, moveOrgBody, updateOrgBody } from "../../schema/orgs/validation";
import { requireUser, rootsFor } from "../auth/authorize";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { page } from "../lib/pagination";
import { v } from "../lib/validate";
import { ANY_ROLE, authorizedOrg } from "./access";
import { inSubtrees } from "./paths";
import { archiveOrg, createOrg, listSubtrees, moveOrg, updateOrg } from "./service";

const ADMIN = ["admin"] as const;

export const orgRoutes = new Hono<AppEnv>()
  .get("/orgs", async (c) => {
    const user = requireUser(c);
    const rows = await listSubtrees(getDb(c.env.DB), rootsFor(user, ANY_ROLE));
    return c.json({ items: rows });
  })
  .get("/orgs/:id", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ANY_ROLE);
    return c.json(org);
  })
  .post("/orgs", v("json", createOrgBody), async (c) => {
    const body = c.req.valid("json");
    const parent = await authorizedOrg(c, body.parentId, ADMIN);
    const org = await createOrg(getDb(c.env.DB), requireUser(c).id, parent, body);
    return c.json(org, 201);
  })
  .patch("/orgs/:id", v("param", idParam), v("json", updateOrgBody), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ADMIN);
    return c.json(await updateOrg(getDb(c.env.DB), requireUser(c).id, org, c.req.valid("json")));
  })
  .post("/orgs/:id/move", v("param", idParam), v("json", moveOrgBody), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ADMIN);
    const parent = await authorizedOrg(c, c.req.valid("json").parentId, ADMIN);
    await moveOrg(getDb(c.env.DB), requireUser(c).id, org, parent);
    return c.json({ ok: true as const });
  })
  .post("/orgs/:id/archive", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ADMIN);
    await archiveOrg(getDb(c.env.DB), requireUser(c).id, org);
    return c.json({ ok: true as const });
  })
  .get("/orgs/:id/audit", v("param", idParam), v("query", pageQuery), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ADMIN);
    const { limit, offset } = c.req.valid("query");
    const db = getDb(c.env.DB);
    const rows = await db
      .select({ entry: auditLog })
      .from(auditLog)
      .innerJoin(orgs, eq(orgs.id, auditLog.orgId))
      .where(and(inSubtrees(orgs.path, [org.path])))
      .orderBy(desc(auditLog.at))
      .limit(limit + 1)
      .offset(offset);
    return c.json(
      page(
        rows.map((r) => r.entry),
        limit,
        offset,
      ),
    );
  });
