import { Hono } from "hono";
import * as z from "zod/mini";
import { idParam } from "../../schema/common/validation";
import { createPlanBody, planItemBody, quotasBody, reportQuery, reviewBody } from "../../schema/courses/validation";
import { authorizePath, requireUser } from "../auth/authorize";
import type { AppEnv } from "../env";
import { CSV_CONTENT_TYPE } from "../lib/csv";
import { getDb } from "../lib/db";
import { notFound } from "../lib/errors";
import { v } from "../lib/validate";
import { ANY_ROLE, authorizedOrg } from "../orgs/access";
import { requireOrg } from "../orgs/service";
import { getCompletion, reportCsv, reviewCompletion, studyReport } from "./report";
import { addItem, createPlan, getPlan, plansFor, quotasAt, removeItem, setQuotas } from "./service";

const ASSIGNERS = ["admin", "school"] as const;
const OVERSEERS = ["secretary", "admin"] as const;
const itemParam = z.object({ id: idParam.shape.id, itemId: idParam.shape.id });

export const curriculumRoutes = new Hono<AppEnv>()
  .post("/plans", v("json", createPlanBody), async (c) => {
    const { orgId, ...body } = c.req.valid("json");
    const org = await authorizedOrg(c, orgId, ASSIGNERS);
    return c.json(await createPlan(getDb(c.env.DB), requireUser(c), org, body), 201);
  })
  .post("/plans/:id/items", v("param", idParam), v("json", planItemBody), async (c) => {
    const db = getDb(c.env.DB);
    const found = await getPlan(db, c.req.valid("param").id);
    authorizePath(requireUser(c), found?.orgPath, ASSIGNERS, "plan");
    const org = await requireOrg(db, found!.plan.orgId);
    return c.json(await addItem(db, requireUser(c), found!.plan, org, c.req.valid("json")), 201);
  })
  .delete("/plans/:id/items/:itemId", v("param", itemParam), async (c) => {
    const db = getDb(c.env.DB);
    const { id, itemId } = c.req.valid("param");
    const found = await getPlan(db, id);
    authorizePath(requireUser(c), found?.orgPath, ASSIGNERS, "plan");
    await removeItem(db, id, itemId);
    return c.json({ ok: true as const });
  })
  .get("/orgs/:id/plans", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ["admin", "school", "secretary"]);
    return c.json({ items: await plansFor(getDb(c.env.DB), org) });
  })
  .get("/orgs/:id/quotas", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ANY_ROLE);
    return c.json(await quotasAt(getDb(c.env.DB), org));
  })
  .put("/orgs/:id/quotas", v("param", idParam), v("json", quotasBody), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ["admin"]);
    await setQuotas(getDb(c.env.DB), requireUser(c).id, org, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .get("/orgs/:id/study-report", v("param", idParam), v("query", reportQuery), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, OVERSEERS);
    return c.json(await studyReport(getDb(c.env.DB), org, c.req.valid("query").year));
  })
  .get("/orgs/:id/study-report.csv", v("param", idParam), v("query", reportQuery), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, OVERSEERS);
    const report = await studyReport(getDb(c.env.DB), org, c.req.valid("query").year);
    return c.body(reportCsv(report, requireUser(c).locale), 200, {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="study-report-${report.year}.csv"`,
    });
  })
  .post("/completions/:id/review", v("param", idParam), v("json", reviewBody), async (c) => {
    const db = getDb(c.env.DB);
    const found = await getCompletion(db, c.req.valid("param").id);
    authorizePath(requireUser(c), found?.orgPath, OVERSEERS, "completion");
    return c.json(await reviewCompletion(db, requireUser(c).id, found!, c.req.valid("json").decision));
  })
  .get("/completions/:id/certificate", v("param", idParam), async (c) => {
    const user = requireUser(c);
    const found = await getCompletion(getDb(c.env.DB), c.req.valid("param").id);
    if (!found) throw notFound("completion");
    if (found.completion.userId !== user.id) authorizePath(user, found.orgPath, OVERSEERS, "completion");
    if (found.completion.status !== "credited") throw notFound("certificate");
    return c.json({
      id: found.completion.id,
      memberName: found.memberName,
      orgName: found.orgName,
      courseTitle: found.course.title,
      category: found.course.category,
      schoolName: found.schoolName,
      hours: found.completion.hours,
      completedAt: found.completion.completedAt,
    });
  });
