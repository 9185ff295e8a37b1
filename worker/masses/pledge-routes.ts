import { idParam } from "../../schema/common/validation";
import {
  myPledgeBody,
  pledgeBody,
  pledgeDecision,
  pledgeYearQuery,
  progressBody,
  roundListQuery,
} from "../../schema/masses/validation";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { authorizedPledge, RUNNERS } from "./access";
import { addProgress, decidePledge, listPledges, myPledges, proposePledge, setPledge } from "./pledges";
import { listSeals, publicSeal } from "./seals";

export const orgPledgeRoutes = createAuthedRouter()
  .get("/", v("param", idParam), v("query", pledgeYearQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, RUNNERS);
    return c.json({ items: await listPledges(c.var.db, org, c.req.valid("query").year) });
  })
  .post("/", v("param", idParam), v("json", pledgeBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, RUNNERS);
    return c.json(await setPledge(c.var.db, c.var.user.id, org, c.req.valid("json"), Date.now()), 201);
  });

export const pledgeRoutes = createAuthedRouter()
  .post("/:id/decision", v("param", idParam), v("json", pledgeDecision), async (c) => {
    const pledge = await authorizedPledge(c.var, c.req.valid("param").id);
    return c.json(await decidePledge(c.var.db, c.var.user.id, pledge, c.req.valid("json").approve, Date.now()));
  })
  .post("/:id/progress", v("param", idParam), v("json", progressBody), async (c) => {
    const pledge = await authorizedPledge(c.var, c.req.valid("param").id, ["member"]);
    return c.json(await addProgress(c.var.db, c.var.user, pledge, c.req.valid("json").note, Date.now()), 201);
  });

export const myPledgeRoutes = createAuthedRouter()
  .get("/", v("query", pledgeYearQuery), async (c) => {
    const branches = c.var.user.memberships
      .filter((m) => m.role === "member")
      .map((m) => ({ id: m.orgId, name: m.orgName }));
    return c.json({ branches, items: await myPledges(c.var.db, c.var.user.id, c.req.valid("query").year) });
  })
  .post("/", v("json", myPledgeBody), async (c) =>
    c.json(await proposePledge(c.var.db, c.var.user, c.req.valid("json")), 201),
  );

/** What the committee holds: the chain heads recorded when its branches' rounds closed. */
export const orgSealRoutes = createAuthedRouter().get(
  "/",
  v("param", idParam),
  v("query", roundListQuery),
  async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const q = c.req.valid("query");
    const rows = await listSeals(c.var.db, org, q);
    const items = rows.map(({ headHash, salt, code, headSeq, sealedAt, ...rest }) => ({
      ...rest,
      ...publicSeal({ code, headSeq, headHash, salt, sealedAt }),
    }));
    return c.json(page(items, q.limit, q.offset));
  },
);
