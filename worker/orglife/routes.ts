import { idParam } from "../../schema/common/validation";
import {
  behindQuery,
  kindBody,
  meetingBody,
  meetingEditBody,
  recordBody,
  rulesBody,
  talkBody,
  yearExportQuery,
  yearQuery,
} from "../../schema/orglife/validation";
import { viewableCourse } from "../courses";
import { listCycles } from "../evaluations";
import { dayIn } from "../lib/day";
import { forbidden, invalid } from "../lib/errors";
import { createAuthedRouter } from "../lib/router";
import { readBatch } from "../lib/sql";
import { v } from "../lib/validate";
import { sheetFile } from "../lib/xlsx";
import { authorizedOrg } from "../orgs";
import { KEEPERS, keptMeeting, readableTalk, requireBranch, requireCommittee } from "./access";
import { behindTable } from "./export";
import { cancelMeeting, editMeeting, meetingDetail, planMeeting, recordable, recordMeeting } from "./meetings";
import { behindBranches, behindSummary, branchYear, standingPage } from "./reports";
import { addKind, addRuleVersion, kindsAt, kindsSql, parseRules, rhythmFor, rulesSql } from "./rules";
import { addTalk, listTalks, readsTalkContent } from "./talks";

const yearOf = (now: number, timeZone: string, year?: number) => year ?? Number(dayIn(now, timeZone).slice(0, 4));

export const orgOrglifeRoutes = createAuthedRouter()
  .get("/", v("param", idParam), v("query", yearQuery), async (c) => {
    const org = requireBranch(await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS));
    const now = Date.now();
    return c.json(await branchYear(c.var.db, org, yearOf(now, org.timeZone, c.req.valid("query").year), now));
  })
  .get("/kinds", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS);
    const [rules, kinds] = await readBatch<[Record<string, unknown>, { id: string; orgId: string; name: string }]>(
      c.var.db,
      [rulesSql(org.path), kindsSql(org.path)],
    );
    const versions = parseRules(rules);
    const year = yearOf(Date.now(), org.timeZone);
    return c.json({
      year,
      kinds: kindsAt(kinds, org.path),
      current: rhythmFor(versions, org.path, year),
      versions: versions.filter((r) => r.orgId === org.id),
    });
  })
  .post("/kinds", v("param", idParam), v("json", kindBody), async (c) => {
    const org = requireCommittee(await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]));
    return c.json(await addKind(c.var.db, org.id, c.req.valid("json").name, c.var.user.id, Date.now()), 201);
  })
  .post("/rules", v("param", idParam), v("json", rulesBody), async (c) => {
    const org = requireCommittee(await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]));
    const kinds = await c.var.db.all<{ id: string; orgId: string; name: string }>(kindsSql(org.path));
    const known = kindsAt(kinds, org.path).map((k) => k.id);
    const saved = await addRuleVersion(c.var.db, org, c.req.valid("json"), known, c.var.user.id, Date.now());
    return c.json(saved, 201);
  })
  .post("/meetings", v("param", idParam), v("json", meetingBody), async (c) => {
    const org = requireBranch(await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS));
    const input = c.req.valid("json");
    const kinds = await c.var.db.all<{ id: string; orgId: string; name: string }>(kindsSql(org.path));
    if (!kindsAt(kinds, org.path).some((k) => k.id === input.kind))
      throw invalid("unknown meeting kind", [{ path: "kind", code: "unknown_kind" }]);
    if (input.courseId) await viewableCourse(c.var, input.courseId);
    return c.json(await planMeeting(c.var.db, org, input, c.var.user.id, Date.now()), 201);
  })
  .get("/cycles", v("param", idParam), async (c) => {
    const org = requireBranch(await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS));
    return c.json({ items: await listCycles(c.var.db, org.path, { limit: 20, offset: 0 }) });
  })
  // A page of the branches against the rhythm, in path order; the subtree's totals are their own read.
  .get("/behind", v("param", idParam), v("query", behindQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const { year: asked, ...page } = c.req.valid("query");
    const now = Date.now();
    const year = yearOf(now, org.timeZone, asked);
    return c.json({ year, ...(await standingPage(c.var.db, org, year, now, page)) });
  })
  .get("/behind/summary", v("param", idParam), v("query", yearQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const now = Date.now();
    const year = yearOf(now, org.timeZone, c.req.valid("query").year);
    return c.json({ year, ...(await behindSummary(c.var.db, org, year, now)) });
  })
  // The export reads the whole subtree: that is what it is for.
  .get("/behind/export", v("param", idParam), v("query", yearExportQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    const now = Date.now();
    const q = c.req.valid("query");
    const year = yearOf(now, org.timeZone, q.year);
    const rows = await behindBranches(c.var.db, org, year, now);
    return sheetFile(c, q.format, `orglife-behind-${year}`, behindTable(rows, c.var.user.locale));
  })
  .get("/talks", v("param", idParam), v("query", yearQuery), async (c) => {
    const org = requireBranch(await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS));
    const year = yearOf(Date.now(), org.timeZone, c.req.valid("query").year);
    const content = readsTalkContent(c.var.user, org.path);
    return c.json({ year, content, items: await listTalks(c.var.db, org, year, content) });
  })
  .post("/talks", v("param", idParam), v("json", talkBody), async (c) => {
    const org = requireBranch(await authorizedOrg(c.var, c.req.valid("param").id, KEEPERS));
    // Whoever writes a talk's content must be one who may read it back: the branch's own committee.
    if (!readsTalkContent(c.var.user, org.path)) throw forbidden();
    return c.json(await addTalk(c.var.db, org, c.req.valid("json"), c.var.user.id, Date.now()), 201);
  });

export const meetingRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), async (c) => {
    const loaded = await keptMeeting(c.var, c.req.valid("param").id);
    return c.json(await meetingDetail(c.var.db, loaded));
  })
  .patch("/:id", v("param", idParam), v("json", meetingEditBody), async (c) => {
    const loaded = await keptMeeting(c.var, c.req.valid("param").id);
    const input = c.req.valid("json");
    if (input.courseId) await viewableCourse(c.var, input.courseId);
    return c.json(await editMeeting(c.var.db, loaded, input, c.var.user.id, Date.now()));
  })
  .post("/:id/record", v("param", idParam), v("json", recordBody), async (c) => {
    const loaded = await keptMeeting(c.var, c.req.valid("param").id);
    const input = c.req.valid("json");
    const [people, cycles] = await Promise.all([
      recordable(c.var.db, loaded),
      input.cycleId ? listCycles(c.var.db, loaded.branch.path, { limit: 50, offset: 0 }) : [],
    ]);
    if (input.cycleId && !cycles.some((cy) => cy.id === input.cycleId))
      throw invalid("the appraisal cycle is not this branch's", [{ path: "cycleId", code: "not_this_branch" }]);
    return c.json(await recordMeeting(c.var.db, loaded, input, people, c.var.user.id, Date.now()));
  })
  .post("/:id/cancel", v("param", idParam), async (c) => {
    const loaded = await keptMeeting(c.var, c.req.valid("param").id);
    return c.json(await cancelMeeting(c.var.db, loaded, c.var.user.id, Date.now()));
  });

export const talkRoutes = createAuthedRouter().get("/:id", v("param", idParam), async (c) =>
  c.json(await readableTalk(c.var, c.req.valid("param").id)),
);
