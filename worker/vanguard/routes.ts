import { idParam } from "../../schema/common/validation";
import {
  adjustmentBody,
  adjustmentQuery,
  modelBody,
  periodQuery,
  reviewBody,
  storedQuery,
} from "../../schema/vanguard/validation";
import { authorizedArchive } from "../archives";
import { authorizePath } from "../auth";
import { dayEnd, dayStart } from "../lib/day";
import { ApiError, forbidden, invalid, notFound } from "../lib/errors";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { ANY_ROLE, authorizedOrg } from "../orgs";
import { authorizedUser } from "../roster";
import { getAdjustment, listAdjustments, recordAdjustment, reviewAdjustment } from "./adjustments";
import { scoreBranch } from "./branch";
import { effectiveModel, saveModel } from "./model";
import { branchView, memberScores, storedPeriods, subtreeView } from "./service";
import { nameSources } from "./sources";

const LEADERS = ["secretary", "admin"] as const;

/** An exact stored period (start/end in ms, as /vanguard/periods lists them), else calendar days from/to. */
function storedPeriod(q: { from?: string | undefined; to?: string | undefined; start?: number; end?: number }) {
  if (q.start !== undefined && q.end !== undefined) {
    if (q.end <= q.start) throw invalid("not a period", [{ path: "end", code: "invalid_value" }]);
    return [q.start, q.end] as const;
  }
  if (!q.from || !q.to) throw invalid("a period is needed", [{ path: "from", code: "required" }]);
  return period({ from: q.from, to: q.to });
}

function period(q: { from: string; to: string }) {
  const start = dayStart(q.from);
  const end = dayEnd(q.to);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    throw invalid("not a period", [{ path: "to", code: "invalid_value" }]);
  }
  return [start, end] as const;
}

export const orgVanguardRoutes = createAuthedRouter()
  .get("/model", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ANY_ROLE);
    return c.json(await effectiveModel(c.var.db, org.path));
  })
  .post("/models", v("param", idParam), v("json", modelBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const { name, definition } = c.req.valid("json");
    return c.json(await saveModel(c.var.db, c.var.user.id, org, name, definition), 201);
  })
  .get("/preview", v("param", idParam), v("query", periodQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, LEADERS);
    const [start, end] = period(c.req.valid("query"));
    const r = await scoreBranch(c.var.db, org.id, start, end, Date.now(), { store: false });
    // Names in alphabetical order, no rank: the list is for acting on, not a leaderboard.
    return c.json({
      ...r,
      members: r.members.map((m) => ({ memberId: m.memberId, name: m.name, score: m.score, status: m.status })),
    });
  })
  .post("/score", v("param", idParam), v("json", periodQuery), async (c) => {
    // Closing an evaluation cycle stores its period's scores (worker/evaluations/cycles.ts); the committee
    // can also re-score a period on demand here (after approving a late manual item, say): an upsert.
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const [start, end] = period(c.req.valid("json"));
    const r = await scoreBranch(c.var.db, org.id, start, end, Date.now(), { store: true });
    return c.json({ model: r.model, branch: r.branch, periodStart: start, periodEnd: end });
  })
  .get("/periods", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, LEADERS);
    return c.json({ items: await storedPeriods(c.var.db, org.path) });
  })
  .get("/", v("param", idParam), v("query", storedQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, LEADERS);
    const [start, end] = storedPeriod(c.req.valid("query"));
    const db = c.var.db;
    if (org.kind === "branch" || org.kind === "group") {
      return c.json({ kind: "branch" as const, ...(await branchView(db, org.id, start, end)), subtree: null });
    }
    return c.json({
      kind: "subtree" as const,
      members: null,
      branch: null,
      subtree: await subtreeView(db, org.path, start, end),
    });
  })
  .get("/adjustments", v("param", idParam), v("query", adjustmentQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, LEADERS);
    return c.json({ items: await listAdjustments(c.var.db, org.path, c.req.valid("query").status) });
  });

export const vanguardRoutes = createAuthedRouter()
  .get("/members/:id/scores", v("param", idParam), async (c) => {
    const member = await authorizedArchive(c.var, c.req.valid("param").id);
    return c.json({ member, items: await nameSources(c.var.db, await memberScores(c.var.db, member.id)) });
  })
  .get("/members/:id/preview", v("param", idParam), v("query", periodQuery), async (c) => {
    const member = await authorizedArchive(c.var, c.req.valid("param").id);
    if (!member.branchId) throw new ApiError(409, "no_branch", "the member belongs to no branch");
    const [start, end] = period(c.req.valid("query"));
    const r = await scoreBranch(c.var.db, member.branchId, start, end, Date.now(), {
      store: false,
      memberId: member.id,
    });
    const [mine] = await nameSources(c.var.db, r.members);
    if (!mine) throw notFound("member");
    return c.json({ member, model: r.model, periodStart: start, periodEnd: end, ...mine });
  })
  .post("/adjustments", v("json", adjustmentBody), async (c) => {
    const body = c.req.valid("json");
    const { branchId, branchPath, user: member } = await authorizedUser(c.var, body.memberId, LEADERS);
    if (!branchId || !branchPath) throw new ApiError(409, "no_branch", "the member belongs to no branch");
    const branch = { id: branchId, path: branchPath };
    const out = await recordAdjustment(
      c.var.db,
      c.var.user.id,
      branch,
      { ...body, memberName: member.displayName },
      Date.now(),
    );
    return c.json(out, 201);
  })
  .post("/adjustments/:id/review", v("param", idParam), v("json", reviewBody), async (c) => {
    const user = c.var.user;
    const db = c.var.db;
    const found = await getAdjustment(db, c.req.valid("param").id);
    authorizePath(user, found?.orgPath, ["admin"], "adjustment");
    if (found!.adj.recordedBy === user.id) throw forbidden();
    const { approve, note } = c.req.valid("json");
    return c.json(await reviewAdjustment(db, user.id, found!.adj, approve, note, Date.now()));
  });
