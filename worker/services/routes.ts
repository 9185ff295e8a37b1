import { idParam } from "../../schema/common/validation";
import { rejectBody, serviceBody, serviceListQuery } from "../../schema/services/validation";
import { authorizePath } from "../auth";
import { ApiError, forbidden, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { deletePending, getService, listServices, recordService, reviewService } from "./service";

const REVIEWERS = ["secretary", "admin"] as const;

export const serviceRoutes = createAuthedRouter()
  .post("/", v("json", serviceBody), async (c) => {
    const user = c.var.user;
    const branch = user.memberships.find((m) => m.role === "member");
    if (!branch) throw new ApiError(409, "no_branch", "only a member of a branch records services");
    const out = await recordService(c.var.db, user, branch.orgId, c.req.valid("json"), Date.now());
    return c.json(out, 201);
  })
  .get("/mine", v("query", serviceListQuery), async (c) => {
    const q = c.req.valid("query");
    const rows = await listServices(c.var.db, { memberId: c.var.user.id }, q);
    return c.json(page(rows, q.limit, q.offset));
  })
  .post("/:id/confirm", v("param", idParam), async (c) => {
    const user = c.var.user;
    const db = c.var.db;
    const loaded = await getService(db, c.req.valid("param").id);
    authorizePath(user, loaded?.orgPath, REVIEWERS, "service record");
    // Nobody confirms their own service: a secretary's records go to the committee.
    if (loaded!.record.memberId === user.id) throw forbidden();
    return c.json(await reviewService(db, user.id, loaded!, { confirm: true }, Date.now()));
  })
  .post("/:id/reject", v("param", idParam), v("json", rejectBody), async (c) => {
    const user = c.var.user;
    const db = c.var.db;
    const loaded = await getService(db, c.req.valid("param").id);
    authorizePath(user, loaded?.orgPath, REVIEWERS, "service record");
    if (loaded!.record.memberId === user.id) throw forbidden();
    const { reason } = c.req.valid("json");
    return c.json(await reviewService(db, user.id, loaded!, { confirm: false, reason }, Date.now()));
  })
  .delete("/:id", v("param", idParam), async (c) => {
    const user = c.var.user;
    const db = c.var.db;
    const loaded = await getService(db, c.req.valid("param").id);
    if (!loaded) throw notFound("service record");
    await deletePending(db, loaded, user.id);
    return c.json({ ok: true as const });
  });

export const orgServiceRoutes = createAuthedRouter().get(
  "/",
  v("param", idParam),
  v("query", serviceListQuery),
  async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, REVIEWERS);
    const q = c.req.valid("query");
    const rows = await listServices(c.var.db, { orgPath: org.path }, q);
    return c.json(page(rows, q.limit, q.offset));
  },
);
