import "./moves";
import type * as z from "zod/mini";
import {
  bastionModelBody,
  handItemBody,
  overviewQuery,
  periodParams,
  scoreBody,
} from "../../schema/bastion/validation";
import { idParam } from "../../schema/common/validation";
import { dayEnd, dayStart } from "../lib/day";
import { ApiError, forbidden, invalid, notFound } from "../lib/errors";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { recordItem } from "./items";
import { enqueueSubtree } from "./jobs";
import { effectiveModel, saveModel } from "./model";
import { branchDetail, overview, storedPeriods } from "./overview";
import { scoreBastion } from "./score";

const LEADERS = ["secretary", "admin"] as const;

/** An exact stored period (start/end in ms), else calendar days from/to. */
function period(q: z.infer<typeof scoreBody>) {
  const [start, end] =
    q.start !== undefined && q.end !== undefined
      ? [q.start, q.end]
      : q.from && q.to
        ? [dayStart(q.from), dayEnd(q.to)]
        : [];
  if (start === undefined || end === undefined)
    throw invalid("a period is needed", [{ path: "from", code: "required" }]);
  if (!(end > start)) throw invalid("not a period", [{ path: "to", code: "invalid_value" }]);
  return [start, end] as const;
}

export const orgBastionRoutes = createAuthedRouter()
  .get("/model", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, LEADERS);
    return c.json(await effectiveModel(c.var.db, org));
  })
  .post("/models", v("param", idParam), v("json", bastionModelBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const { name, definition } = c.req.valid("json");
    return c.json(await saveModel(c.var.db, c.var.user.id, org, name, definition), 201);
  })
  .get("/periods", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, LEADERS);
    return c.json({ items: await storedPeriods(c.var.db, org.path) });
  })
  // The committee's branches by band and lagging status, by name inside each: no leaderboard.
  .get("/", v("param", idParam), v("query", overviewQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, LEADERS);
    const q = c.req.valid("query");
    if (!(q.end > q.start)) throw invalid("not a period", [{ path: "end", code: "invalid_value" }]);
    return c.json(await overview(c.var.db, org.path, q));
  })
  // On demand: a branch is scored at once; a committee's branches go through the queue, one message each.
  .post("/score", v("param", idParam), v("json", scoreBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const [start, end] = period(c.req.valid("json"));
    const now = Date.now();
    if (org.kind === "branch") {
      const r = await scoreBastion(c.var.db, { branchId: org.id, periodStart: start, periodEnd: end, now });
      return c.json({
        queued: 0,
        scored: { score: r.score, status: r.status, band: r.band },
        periodStart: start,
        periodEnd: end,
      });
    }
    const out = await enqueueSubtree(c.var.db, c.env, org.path, start, end, now);
    return c.json({ ...out, scored: null, periodStart: start, periodEnd: end });
  })
  // One branch's score of a stored period, explained down to its records, and what may be assessed by hand.
  .get("/score", v("param", idParam), v("query", periodParams), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, LEADERS);
    if (org.kind !== "branch")
      throw new ApiError(422, "invalid", "not a branch", [{ path: "id", code: "not_a_branch" }]);
    const { start, end } = c.req.valid("query");
    const detail = await branchDetail(c.var.db, org, start, end);
    if (!detail) throw notFound("score");
    return c.json({ org: { id: org.id, name: org.name, orgType: org.orgType }, ...detail });
  })
  // The committee assesses by hand, with evidence; never a branch about itself.
  .post("/items", v("param", idParam), v("json", handItemBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    if (c.var.user.memberships.some((m) => m.orgId === org.id)) throw forbidden();
    return c.json(await recordItem(c.var.db, c.var.user.id, org, c.req.valid("json"), Date.now()), 201);
  });
