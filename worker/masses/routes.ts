import { Hono } from "hono";
import { idParam } from "../../schema/common/validation";
import {
  commentDecision,
  commentQuery,
  roundBody,
  roundListQuery,
  targetQuery,
  templateBody,
} from "../../schema/masses/validation";
import { authorizePath, requireUser } from "../auth/authorize";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { page } from "../lib/pagination";
import { v } from "../lib/validate";
import { ANY_ROLE, authorizedOrg } from "../orgs/access";
import {
  assertModeratable,
  closeRound,
  createRound,
  getRound,
  listComments,
  listRounds,
  moderateComment,
  ratingRound,
  roundResults,
  verifyRound,
} from "./service";
import { effectiveTemplate, saveTemplate } from "./templates";

const RUNNERS = ["secretary", "admin"] as const;

async function authorizedRound(c: Parameters<typeof requireUser>[0], id: string) {
  const loaded = await getRound(getDb(c.env.DB), id);
  authorizePath(requireUser(c), loaded?.orgPath, RUNNERS, "rating round");
  return loaded!;
}

export const massesRoutes = new Hono<AppEnv>()
  .get("/orgs/:id/rating-template", v("param", idParam), v("query", targetQuery), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ANY_ROLE);
    return c.json(await effectiveTemplate(getDb(c.env.DB), org.path, c.req.valid("query").target));
  })
  .post("/orgs/:id/rating-templates", v("param", idParam), v("json", templateBody), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ["admin"]);
    return c.json(await saveTemplate(getDb(c.env.DB), requireUser(c).id, org, c.req.valid("json")), 201);
  })
  .post("/orgs/:id/rating-rounds", v("param", idParam), v("json", roundBody), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, RUNNERS);
    const out = await createRound(getDb(c.env.DB), requireUser(c).id, org, c.req.valid("json"), Date.now());
    return c.json(out, 201);
  })
  .get("/orgs/:id/rating-rounds", v("param", idParam), v("query", roundListQuery), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, RUNNERS);
    const q = c.req.valid("query");
    const rows = await listRounds(getDb(c.env.DB), org, q);
    return c.json(page(rows, q.limit, q.offset));
  })
  .get("/rating-rounds/:id", v("param", idParam), async (c) => {
    const loaded = await authorizedRound(c, c.req.valid("param").id);
    return c.json(await roundResults(getDb(c.env.DB), loaded, Date.now()));
  })
  .post("/rating-rounds/:id/close", v("param", idParam), async (c) => {
    const loaded = await authorizedRound(c, c.req.valid("param").id);
    await closeRound(getDb(c.env.DB), requireUser(c).id, loaded, Date.now());
    return c.json({ ok: true as const });
  })
  .get("/rating-rounds/:id/verify", v("param", idParam), async (c) => {
    const loaded = await authorizedRound(c, c.req.valid("param").id);
    return c.json(await verifyRound(getDb(c.env.DB), loaded));
  })
  .get("/rating-rounds/:id/comments", v("param", idParam), v("query", commentQuery), async (c) => {
    const loaded = await authorizedRound(c, c.req.valid("param").id);
    const status = c.req.valid("query").status;
    return c.json({ items: await listComments(getDb(c.env.DB), loaded, status, Date.now()) });
  })
  .post("/ratings/:id/comment", v("param", idParam), v("json", commentDecision), async (c) => {
    const db = getDb(c.env.DB);
    const rating = await ratingRound(db, c.req.valid("param").id);
    const loaded = await authorizedRound(c, rating.roundId);
    assertModeratable(loaded, rating, Date.now());
    const { approve } = c.req.valid("json");
    return c.json(await moderateComment(db, requireUser(c).id, rating.id, loaded.round.orgId, approve));
  });
