import { idParam } from "../../schema/common/validation";
import {
  followupCorrectionBody,
  followupListQuery,
  followupRulesBody,
  followupStepBody,
  followupStepParam,
} from "../../schema/evaluations/validation";
import { invalid, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { authorizeFollowupStep, correctFollowupStep, takeFollowupStep } from "./followup-steps";
import { addTimingVersion, timingAlong, timingInForce } from "./followup-timing";
import { FOLLOWUP_KEEPERS, followupList, followupView, myFollowups, readableFollowup } from "./followups";

const hidePath = <T extends { branchPath: string }>({ branchPath: _p, ...rest }: T) => rest;

/** A branch's (or a committee's whole subtree's) follow-ups of 不合格, for its keepers. */
export const orgFollowupRoutes = createAuthedRouter()
  .get("/", v("param", idParam), v("query", followupListQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, FOLLOWUP_KEEPERS);
    const q = c.req.valid("query");
    const now = Date.now();
    const rows = (await followupList(c.var.db, org.path, q, now)).map(hidePath);
    return c.json({ ...page(rows, q.limit, q.offset), now });
  })
  // The follow-up time rules in force here and the versions this org set; a committee's admin adds one.
  .get("/rules", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, FOLLOWUP_KEEPERS);
    const rows = await timingAlong(c.var.db, org.path);
    return c.json({ current: timingInForce(rows, org.path), versions: rows.filter((r) => r.orgId === org.id) });
  })
  .post("/rules", v("param", idParam), v("json", followupRulesBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    if (org.kind !== "committee")
      throw invalid("follow-up time rules are set by a committee", [{ path: "orgId", code: "invalid_value" }]);
    return c.json(await addTimingVersion(c.var.db, org.id, c.req.valid("json"), c.var.user.id, Date.now()), 201);
  });

export const followupRoutes = createAuthedRouter()
  .get("/mine", async (c) => c.json({ items: (await myFollowups(c.var.db, c.var.user.id)).map(hidePath) }))
  .get("/:id", v("param", idParam), async (c) => {
    const loaded = await readableFollowup(c.var, c.req.valid("param").id);
    return c.json(followupView(c.var, loaded, Date.now()));
  })
  .post("/:id/steps", v("param", idParam), v("json", followupStepBody), async (c) => {
    const input = c.req.valid("json");
    const loaded = await readableFollowup(c.var, c.req.valid("param").id);
    authorizeFollowupStep(c.var, loaded, input.step);
    return c.json(await takeFollowupStep(c.var.db, loaded, input, c.var.user.id, Date.now()), 201);
  })
  .post(
    "/:id/steps/:stepId/corrections",
    v("param", followupStepParam),
    v("json", followupCorrectionBody),
    async (c) => {
      const { id, stepId } = c.req.valid("param");
      const loaded = await readableFollowup(c.var, id);
      const original = loaded.rows.find((r) => r.id === stepId);
      if (!original) throw notFound("follow-up step");
      authorizeFollowupStep(c.var, loaded, original.step, original.ofId);
      return c.json(
        await correctFollowupStep(c.var.db, loaded, original, c.req.valid("json"), c.var.user.id, Date.now()),
        201,
      );
    },
  );
