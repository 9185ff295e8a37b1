import { idParam } from "../../schema/common/validation";
import {
  commentDecision,
  commentQuery,
  roundBody,
  roundListQuery,
  targetQuery,
  templateBody,
} from "../../schema/masses/validation";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { ANY_ROLE, authorizedOrg } from "../orgs";
import { authorizedRound, RUNNERS } from "./access";
import {
  assertModeratable,
  closeRound,
  createRound,
  listComments,
  listRounds,
  moderateComment,
  ratingRound,
  reprintRound,
  roundResults,
  verifyRound,
} from "./service";
import { effectiveTemplate, saveTemplate } from "./templates";

export const ratingTemplateRoutes = createAuthedRouter().get(
  "/",
  v("param", idParam),
  v("query", targetQuery),
  async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ANY_ROLE);
    return c.json(await effectiveTemplate(c.var.db, org.path, c.req.valid("query").target));
  },
);

export const ratingTemplatesRoutes = createAuthedRouter().post(
  "/",
  v("param", idParam),
  v("json", templateBody),
  async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    return c.json(await saveTemplate(c.var.db, c.var.user.id, org, c.req.valid("json")), 201);
  },
);

export const orgRoundRoutes = createAuthedRouter()
  .post("/", v("param", idParam), v("json", roundBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, RUNNERS);
    const out = await createRound(c.var.db, c.var.user.id, org, c.req.valid("json"), Date.now());
    return c.json(out, 201);
  })
  .get("/", v("param", idParam), v("query", roundListQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, RUNNERS);
    const q = c.req.valid("query");
    const rows = await listRounds(c.var.db, org, q);
    return c.json(page(rows, q.limit, q.offset));
  });

export const roundRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), async (c) => {
    const loaded = await authorizedRound(c.var, c.req.valid("param").id);
    return c.json(await roundResults(c.var.db, loaded, Date.now()));
  })
  .post("/:id/close", v("param", idParam), async (c) => {
    const loaded = await authorizedRound(c.var, c.req.valid("param").id);
    await closeRound(c.var.db, c.var.user.id, loaded, Date.now());
    return c.json({ ok: true as const });
  })
  .post("/:id/reprint", v("param", idParam), async (c) => {
    const loaded = await authorizedRound(c.var, c.req.valid("param").id);
    return c.json(await reprintRound(c.var.db, c.var.user.id, loaded, Date.now()));
  })
  .get("/:id/verify", v("param", idParam), async (c) => {
    const loaded = await authorizedRound(c.var, c.req.valid("param").id);
    return c.json(await verifyRound(c.var.db, loaded));
  })
  .get("/:id/comments", v("param", idParam), v("query", commentQuery), async (c) => {
    const loaded = await authorizedRound(c.var, c.req.valid("param").id);
    const status = c.req.valid("query").status;
    return c.json({ items: await listComments(c.var.db, loaded, status, Date.now()) });
  });

export const ratingRoutes = createAuthedRouter().post(
  "/:id/comment",
  v("param", idParam),
  v("json", commentDecision),
  async (c) => {
    const db = c.var.db;
    const rating = await ratingRound(db, c.req.valid("param").id);
    const loaded = await authorizedRound(c.var, rating.roundId);
    assertModeratable(loaded, rating, Date.now());
    const { approve } = c.req.valid("json");
    return c.json(await moderateComment(db, c.var.user.id, rating.id, loaded.round.orgId, approve));
  },
);
