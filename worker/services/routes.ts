import { Hono } from "hono";
import { idParam } from "../../schema/common/validation";
import { rejectBody, serviceBody, serviceListQuery } from "../../schema/services/validation";
import { authorizePath, requireUser } from "../auth/authorize";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { ApiError, forbidden, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs/access";
import { deletePending, getService, listServices, recordService, reviewService } from "./service";

const REVIEWERS = ["secretary", "admin"] as const;

export const serviceRoutes = new Hono<AppEnv>()
  .post("/services", v("json", serviceBody), async (c) => {
    const user = requireUser(c);
    const branch = user.memberships.find((m) => m.role === "member");
    if (!branch) throw new ApiError(409, "no_branch", "only a member of a branch records services");
    const out = await recordService(getDb(c.env.DB), user.id, branch.orgId, c.req.valid("json"), Date.now());
    return c.json(out, 201);
  })
  .get("/services/mine", v("query", serviceListQuery), async (c) => {
    const q = c.req.valid("query");
    const rows = await listServices(getDb(c.env.DB), { memberId: requireUser(c).id }, q);
    return c.json(page(rows, q.limit, q.offset));
  })
  .get("/orgs/:id/services", v("param", idParam), v("query", serviceListQuery), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, REVIEWERS);
    const q = c.req.valid("query");
    const rows = await listServices(getDb(c.env.DB), { orgPath: org.path }, q);
    return c.json(page(rows, q.limit, q.offset));
  })
  .post("/services/:id/confirm", v("param", idParam), async (c) => {
    const user = requireUser(c);
    const db = getDb(c.env.DB);
    const loaded = await getService(db, c.req.valid("param").id);
    authorizePath(user, loaded?.orgPath, REVIEWERS, "service record");
    // Nobody confirms their own service: a secretary's records go to the committee.
    if (loaded!.record.memberId === user.id) throw forbidden();
    return c.json(await reviewService(db, user.id, loaded!, { confirm: true }, Date.now()));
  })
  .post("/services/:id/reject", v("param", idParam), v("json", rejectBody), async (c) => {
    const user = requireUser(c);
    const db = getDb(c.env.DB);
    const loaded = await getService(db, c.req.valid("param").id);
    authorizePath(user, loaded?.orgPath, REVIEWERS, "service record");
    if (loaded!.record.memberId === user.id) throw forbidden();
    const { reason } = c.req.valid("json");
    return c.json(await reviewService(db, user.id, loaded!, { confirm: false, reason }, Date.now()));
  })
  .delete("/services/:id", v("param", idParam), async (c) => {
    const user = requireUser(c);
    const db = getDb(c.env.DB);
    const loaded = await getService(db, c.req.valid("param").id);
    if (!loaded) throw notFound("service record");
    await deletePending(db, loaded, user.id);
    return c.json({ ok: true as const });
  });
