import * as z from "zod/mini";
import { id, idParam, pageQuery } from "../../schema/common/validation";
import {
  createPlanBody,
  planItemBody,
  reportExportQuery,
  reportPageQuery,
  reportYearQuery,
  reviewBody,
  studyRuleBody,
} from "../../schema/courses/validation";
import { STUDY_RULE_SETTER } from "../../schema/courses/values";
import { authorizePath } from "../auth";
import { yearOf } from "../lib/day";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { sheetFile } from "../lib/xlsx";
import { ANY_ROLE, authorizedOrg, requireOrg } from "../orgs";
import { PUBLISHERS } from "./access";
import { branchMonths } from "./branch-months";
import { addItem, createPlan, getPlan, plansFor, removeItem } from "./plans";
import {
  authorizeCompletion,
  certificate,
  getCompletion,
  OVERSEERS,
  reportTable,
  reviewCompletion,
  studyCourseRates,
  studyReport,
} from "./report";
import { addStudyRule, rulesPage } from "./rules";

const ASSIGNERS = ["admin", "school"] as const;
const itemParam = z.object({ id, itemId: id });

export const planRoutes = createAuthedRouter()
  .post("/", v("json", createPlanBody), async (c) => {
    const { orgId, ...body } = c.req.valid("json");
    const org = await authorizedOrg(c.var, orgId, ASSIGNERS);
    return c.json(await createPlan(c.var.db, c.var.user, org, body), 201);
  })
  .post("/:id/items", v("param", idParam), v("json", planItemBody), async (c) => {
    const db = c.var.db;
    const found = await getPlan(db, c.req.valid("param").id);
    authorizePath(c.var.user, found?.orgPath, ASSIGNERS, "plan");
    const org = await requireOrg(db, found!.plan.orgId);
    return c.json(await addItem(db, c.var.user, found!.plan, org, c.req.valid("json")), 201);
  })
  .delete("/:id/items/:itemId", v("param", itemParam), async (c) => {
    const db = c.var.db;
    const { id, itemId } = c.req.valid("param");
    const found = await getPlan(db, id);
    authorizePath(c.var.user, found?.orgPath, ASSIGNERS, "plan");
    await removeItem(db, id, itemId);
    return c.json({ ok: true as const });
  });

export const orgPlanRoutes = createAuthedRouter().get("/", v("param", idParam), async (c) => {
  const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin", "school", "secretary"]);
  return c.json({ items: await plansFor(c.var.db, org) });
});

/** The study rules along an org, for anyone with a role there; a committee's admin or a school's publisher adds versions. */
export const studyRuleRoutes = createAuthedRouter()
  .get("/", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ANY_ROLE);
    return c.json(await rulesPage(c.var.db, org, yearOf(Date.now(), org.timeZone)));
  })
  .post("/", v("param", idParam), v("json", studyRuleBody), async (c) => {
    const body = c.req.valid("json");
    const setters = STUDY_RULE_SETTER[body.kind] === "school" ? PUBLISHERS : (["admin"] as const);
    const org = await authorizedOrg(c.var, c.req.valid("param").id, setters);
    return c.json(await addStudyRule(c.var.db, c.var.user.id, org, body), 201);
  });

export const studyReportRoutes = createAuthedRouter()
  // A page of the members (the table); the course rates and flagged completions of the whole subtree below.
  .get("/", v("param", idParam), v("query", reportPageQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, OVERSEERS);
    const { org: of, year, members, nextOffset } = await studyReport(c.var.db, org, c.req.valid("query"));
    return c.json({ org: of, year, items: members, nextOffset });
  })
  .get("/courses", v("param", idParam), v("query", pageQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, OVERSEERS);
    const { courses, nextOffset, flagged } = await studyCourseRates(c.var.db, org, c.req.valid("query"));
    return c.json({ items: courses, nextOffset, flagged });
  })
  // The chart of the year: the subtree's credited 学时 and courses per month, from the kept branch rows.
  .get("/months", v("param", idParam), v("query", reportYearQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, OVERSEERS);
    const year = c.req.valid("query").year ?? yearOf(Date.now(), org.timeZone);
    return c.json(await branchMonths(c.var.db, org, year));
  })
  .get("/export", v("param", idParam), v("query", reportExportQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, OVERSEERS);
    const q = c.req.valid("query");
    const report = await studyReport(c.var.db, org, { year: q.year });
    return sheetFile(c, q.format, `study-report-${report.year}`, reportTable(report, c.var.user.locale));
  });

export const completionRoutes = createAuthedRouter()
  .post("/:id/review", v("param", idParam), v("json", reviewBody), async (c) => {
    const db = c.var.db;
    const found = await getCompletion(db, c.req.valid("param").id);
    authorizeCompletion(c.var.user, found);
    return c.json(await reviewCompletion(db, c.var.user.id, found!, c.req.valid("json").decision));
  })
  .get("/:id/certificate", v("param", idParam), async (c) => c.json(await certificate(c.var, c.req.valid("param").id)));
