import { Hono } from "hono";
import { idParam, pageQuery } from "../../schema/common/validation";
import {
  acceptBody,
  cyclesQuery,
  decisionsBody,
  draftBody,
  extendBody,
  openCycleBody,
  overrideAnswerBody,
  overrideRequestBody,
  peerAppraisalBody,
  reopenBody,
  returnBody,
  scheduleBody,
  selfAppraisalBody,
  updateScheduleBody,
} from "../../schema/evaluations/validation";
import { authorizePath, requireUser } from "../auth/authorize";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { invalid } from "../lib/errors";
import { page } from "../lib/pagination";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs/access";
import { asCommittee, asManager, asMember, loadCycle, MANAGERS } from "./access";
import { accept, analysisForReview, myAnalysis, reopenForm, returnAnalysis, saveDraft, submit } from "./analyses";
import { appraisalSheet, branchMembers, myResult, savePeerAppraisals, saveSelfAppraisal } from "./appraisals";
import { answerOverride, decide, decisionSheet, requestOverride } from "./decisions";
import { createSchedule, getSchedule, listSchedules, openByHand, updateSchedule } from "./schedules";
import { dashboard, extendWindow, listCycles, listNotifications, markRead, myEvaluations } from "./service";

const scheduleRoutes = new Hono<AppEnv>()
  .get("/orgs/:id/eval-schedules", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ["admin"]);
    return c.json({ items: await listSchedules(getDb(c.env.DB), org) });
  })
  .post("/orgs/:id/eval-schedules", v("param", idParam), v("json", scheduleBody), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, ["admin"]);
    return c.json(await createSchedule(getDb(c.env.DB), requireUser(c).id, org, c.req.valid("json")), 201);
  })
  .get("/eval-schedules/:id", v("param", idParam), async (c) => {
    const s = await getSchedule(getDb(c.env.DB), c.req.valid("param").id);
    authorizePath(requireUser(c), s.orgPath, ["admin"], "schedule");
    return c.json(s);
  })
  .patch("/eval-schedules/:id", v("param", idParam), v("json", updateScheduleBody), async (c) => {
    const db = getDb(c.env.DB);
    const s = await getSchedule(db, c.req.valid("param").id);
    authorizePath(requireUser(c), s.orgPath, ["admin"], "schedule");
    await updateSchedule(db, requireUser(c).id, s, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .post("/eval-schedules/:id/open", v("param", idParam), v("json", openCycleBody), async (c) => {
    const db = getDb(c.env.DB);
    const s = await getSchedule(db, c.req.valid("param").id);
    authorizePath(requireUser(c), s.orgPath, ["admin"], "schedule");
    return c.json(await openByHand(db, c.env.DB, requireUser(c).id, s, c.req.valid("json").branchId), 201);
  });

const cycleRoutes = new Hono<AppEnv>()
  .get("/orgs/:id/eval-cycles", v("param", idParam), v("query", cyclesQuery), async (c) => {
    const org = await authorizedOrg(c, c.req.valid("param").id, MANAGERS);
    const q = c.req.valid("query");
    return c.json(page(await listCycles(getDb(c.env.DB), org.path, q), q.limit, q.offset));
  })
  .get("/eval-cycles/:id", v("param", idParam), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(requireUser(c), cycle);
    return c.json(await dashboard(db, cycle));
  })
  .post("/eval-cycles/:id/extend", v("param", idParam), v("json", extendBody), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asCommittee(requireUser(c), cycle);
    const body = c.req.valid("json");
    return c.json(await extendWindow(db, requireUser(c), cycle, body.phase, body.closesAt));
  })
  .post("/eval-cycles/:id/reopen", v("param", idParam), v("json", reopenBody), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asCommittee(requireUser(c), cycle);
    const body = c.req.valid("json");
    const members = await branchMembers(db, cycle);
    if (!members.some((m) => m.id === body.memberId)) {
      throw invalid("not a member of this branch", [{ path: "memberId", code: "not_a_member" }]);
    }
    await reopenForm(db, requireUser(c).id, cycle, body.memberId, body.until);
    return c.json({ ok: true as const });
  })
  .get("/eval-cycles/:id/tally", v("param", idParam), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(requireUser(c), cycle);
    return c.json(await decisionSheet(db, cycle, requireUser(c), Date.now()));
  })
  .put("/eval-cycles/:id/decisions", v("param", idParam), v("json", decisionsBody), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(requireUser(c), cycle);
    return c.json(await decide(db, requireUser(c), cycle, c.req.valid("json")));
  })
  .post("/eval-cycles/:id/quota-overrides", v("param", idParam), v("json", overrideRequestBody), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(requireUser(c), cycle);
    return c.json(await requestOverride(db, requireUser(c), cycle, c.req.valid("json")), 201);
  })
  .post("/eval-quota-overrides/:id/answer", v("param", idParam), v("json", overrideAnswerBody), async (c) => {
    return c.json(await answerOverride(getDb(c.env.DB), requireUser(c), c.req.valid("param").id, c.req.valid("json")));
  })
  .get("/eval-analyses/:id", v("param", idParam), async (c) => {
    const r = await analysisForReview(getDb(c.env.DB), c.req.valid("param").id);
    asManager(requireUser(c), r.cycle);
    const { cycle, a, memberName, versions } = r;
    return c.json({
      id: a.id,
      memberId: a.memberId,
      memberName,
      status: a.status,
      comment: a.comment,
      version: a.version,
      cycle: { id: cycle.id, name: cycle.name, label: cycle.label, status: cycle.status },
      template: cycle.template,
      versions,
    });
  })
  .post("/eval-analyses/:id/accept", v("param", idParam), v("json", acceptBody), async (c) => {
    const db = getDb(c.env.DB);
    const r = await analysisForReview(db, c.req.valid("param").id);
    asManager(requireUser(c), r.cycle);
    return c.json(await accept(db, requireUser(c).id, r, c.req.valid("json").comment));
  })
  .post("/eval-analyses/:id/return", v("param", idParam), v("json", returnBody), async (c) => {
    const db = getDb(c.env.DB);
    const r = await analysisForReview(db, c.req.valid("param").id);
    asManager(requireUser(c), r.cycle);
    return c.json(await returnAnalysis(db, requireUser(c).id, r, c.req.valid("json").comment));
  });

const memberRoutes = new Hono<AppEnv>()
  .get("/my/evaluations", async (c) => c.json({ items: await myEvaluations(getDb(c.env.DB), requireUser(c)) }))
  .get("/eval-cycles/:id/analysis", v("param", idParam), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(requireUser(c), cycle);
    return c.json(await myAnalysis(db, cycle, requireUser(c).id));
  })
  .put("/eval-cycles/:id/analysis", v("param", idParam), v("json", draftBody), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(requireUser(c), cycle);
    return c.json(await saveDraft(db, cycle, requireUser(c).id, c.req.valid("json")));
  })
  .post("/eval-cycles/:id/analysis/submit", v("param", idParam), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(requireUser(c), cycle);
    return c.json(await submit(db, cycle, requireUser(c).id));
  })
  .get("/eval-cycles/:id/appraisal", v("param", idParam), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    const m = asMember(requireUser(c), cycle);
    return c.json(await appraisalSheet(db, cycle, m, requireUser(c).id));
  })
  .put("/eval-cycles/:id/appraisal/self", v("param", idParam), v("json", selfAppraisalBody), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(requireUser(c), cycle);
    await saveSelfAppraisal(db, cycle, requireUser(c).id, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .post("/eval-cycles/:id/appraisal/peers", v("param", idParam), v("json", peerAppraisalBody), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    const m = asMember(requireUser(c), cycle);
    return c.json(await savePeerAppraisals(db, cycle, m, requireUser(c).id, c.req.valid("json").votes), 201);
  })
  .get("/eval-cycles/:id/result", v("param", idParam), async (c) => {
    const db = getDb(c.env.DB);
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(requireUser(c), cycle);
    return c.json(await myResult(db, cycle, requireUser(c).id));
  })
  .get("/notifications", v("query", pageQuery), async (c) => {
    const q = c.req.valid("query");
    const { rows, unread } = await listNotifications(getDb(c.env.DB), requireUser(c).id, q);
    return c.json({ ...page(rows, q.limit, q.offset), unread });
  })
  .post("/notifications/read", async (c) => {
    await markRead(getDb(c.env.DB), requireUser(c).id);
    return c.json({ ok: true as const });
  });

export const evaluationRoutes = new Hono<AppEnv>()
  .route("/", scheduleRoutes)
  .route("/", cycleRoutes)
  .route("/", memberRoutes);
