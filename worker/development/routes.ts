import { eq } from "drizzle-orm";
import { devSteps } from "../../schema";
import { idParam, sheetQuery } from "../../schema/common/validation";
import {
  applicantBody,
  correctionBody,
  enrollBody,
  planBody,
  registerQuery,
  rulesBody,
  stepBody,
  yearParam,
} from "../../schema/development/validation";
import { invalid, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { sheetFile } from "../lib/xlsx";
import { authorizedOrg } from "../orgs";
import { authorizeStep, KEEPERS, readableCase } from "./access";
import { registerTable } from "./export";
import { planReport, planTable, savePlan } from "./plan";
import { loadCase } from "./record";
import { addRuleVersion, rulesAlong, rulesInForce } from "./rules";
import {
  branchFullMembers,
  correctStep,
  createApplicant,
  enrollInTraining,
  myCaseIds,
  overdue,
  register,
  takeStep,
} from "./service";
import { caseView } from "./view";

const CSV_ROWS = 10_000;

const notBranch = () => invalid("applicants belong to a branch", [{ path: "orgId", code: "not_a_branch" }]);

export const orgDevelopmentRoutes = createAuthedRouter()
  .get("/", v("param", idParam), v("query", registerQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS);
    const q = c.req.valid("query");
    return c.json({ ...page(await register(c.var.db, org.path, q), q.limit, q.offset), now: Date.now() });
  })
  .get("/export", v("param", idParam), v("query", sheetQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS);
    const rows = await register(c.var.db, org.path, { limit: CSV_ROWS - 1, offset: 0 });
    const table = registerTable(rows, c.var.user.locale);
    return sheetFile(c, c.req.valid("query").format, "development-register", table);
  })
  .post("/", v("param", idParam), v("json", applicantBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS);
    if (org.kind !== "branch") throw notBranch();
    const rules = rulesInForce(await rulesAlong(c.var.db, org.path), org.path);
    return c.json(await createApplicant(c.var.db, org, c.req.valid("json"), rules, c.var.user.id, Date.now()), 201);
  })
  .get("/overdue", v("param", idParam), v("query", registerQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const q = c.req.valid("query");
    return c.json(page(await overdue(c.var.db, org.path, Date.now(), q), q.limit, q.offset));
  })
  .get("/full-members", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS);
    return c.json({ items: await branchFullMembers(c.var.db, org.id) });
  })
  .get("/rules", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS);
    const rows = await rulesAlong(c.var.db, org.path);
    return c.json({ current: rulesInForce(rows, org.path), versions: rows.filter((r) => r.orgId === org.id) });
  })
  // The annual development plan (控制总量、优化结构) and the year's structure report against it.
  .get("/plans/:year", v("param", yearParam), async (c) => {
    const { id, year } = c.req.valid("param");
    const org = await authorizedOrg(c.var, id, KEEPERS);
    return c.json(await planReport(c.var.db, org, year));
  })
  .get("/plans/:year/export", v("param", yearParam), v("query", sheetQuery), async (c) => {
    const { id, year } = c.req.valid("param");
    const org = await authorizedOrg(c.var, id, KEEPERS);
    const table = planTable(await planReport(c.var.db, org, year), c.var.user.locale);
    return sheetFile(c, c.req.valid("query").format, `development-plan-${year}`, table);
  })
  .put("/plans/:year", v("param", yearParam), v("json", planBody), async (c) => {
    const { id, year } = c.req.valid("param");
    const org = await authorizedOrg(c.var, id, ["admin"]);
    if (org.kind !== "committee")
      throw invalid("a development plan is set by a committee", [{ path: "orgId", code: "invalid_value" }]);
    await savePlan(c.var.db, org.id, year, c.req.valid("json"), c.var.user.id, Date.now());
    return c.json({ ok: true as const });
  })
  .post("/rules", v("param", idParam), v("json", rulesBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    if (org.kind !== "committee")
      throw invalid("time rules are set by a committee", [{ path: "orgId", code: "invalid_value" }]);
    return c.json(await addRuleVersion(c.var.db, org.id, c.req.valid("json"), c.var.user.id, Date.now()), 201);
  });

export const developmentRoutes = createAuthedRouter()
  .get("/mine", async (c) => {
    const ids = await myCaseIds(c.var.db, c.var.user.id);
    const items = [];
    for (const { id } of ids) {
      const loaded = await loadCase(c.var.db, id);
      if (loaded) items.push(await caseView(c.var.db, loaded));
    }
    return c.json({ items });
  })
  .get("/cases/:id", v("param", idParam), async (c) => {
    const loaded = await readableCase(c.var, c.req.valid("param").id);
    return c.json(await caseView(c.var.db, loaded));
  })
  .post("/cases/:id/steps", v("param", idParam), v("json", stepBody), async (c) => {
    const input = c.req.valid("json");
    const loaded = await loadCase(c.var.db, c.req.valid("param").id);
    authorizeStep(c.var, loaded, input.step);
    // A transfer needs the keeper's rights on the receiving branch too (as the roster's transfer does).
    const to =
      input.step === "transfer" && input.toOrgId ? await authorizedOrg(c.var, input.toOrgId, KEEPERS) : undefined;
    return c.json(await takeStep(c.var.db, loaded!, input, c.var.user.id, Date.now(), to), 201);
  })
  .post("/cases/:id/training", v("param", idParam), v("json", enrollBody), async (c) => {
    const loaded = await loadCase(c.var.db, c.req.valid("param").id);
    authorizeStep(c.var, loaded, "training");
    return c.json(
      await enrollInTraining(c.var.db, loaded!, c.req.valid("json").planId, c.var.user.id, Date.now()),
      201,
    );
  })
  .post("/steps/:id/corrections", v("param", idParam), v("json", correctionBody), async (c) => {
    const [original] = await c.var.db
      .select()
      .from(devSteps)
      .where(eq(devSteps.id, c.req.valid("param").id))
      .limit(1);
    if (!original) throw notFound("development record");
    const loaded = await loadCase(c.var.db, original.caseId);
    authorizeStep(c.var, loaded, original.step);
    return c.json(await correctStep(c.var.db, loaded!, original, c.req.valid("json"), c.var.user.id, Date.now()), 201);
  });
