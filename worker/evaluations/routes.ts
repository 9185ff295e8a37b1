import "./moves";
import { idParam } from "../../schema/common/validation";
import {
  acceptBody,
  cyclesQuery,
  decisionsBody,
  draftBody,
  extendBody,
  notificationsQuery,
  openCycleBody,
  overrideAnswerBody,
  overrideRequestBody,
  peerAppraisalBody,
  reopenBody,
  returnBody,
  scheduleBody,
  selfAppraisalBody,
} from "../../schema/evaluations/validation";
import { authorizePath } from "../auth";
import { invalid } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { asCommittee, asManager, asMember, loadCycle, MANAGERS } from "./access";
import {
  accept,
  analysisForReview,
  myAnalysis,
  remindMissing,
  reopenForm,
  returnAnalysis,
  saveDraft,
  submit,
} from "./analyses";
import { appraisalSheet, branchMembers, myResult, savePeerAppraisals, saveSelfAppraisal } from "./appraisals";
import { answerOverride, decide, decisionSheet, requestOverride } from "./decisions";
import { createSchedule, getSchedule, listSchedules, openByHand, updateSchedule } from "./schedules";
import { dashboard, extendWindow, listCycles, listNotifications, markRead, myEvaluations } from "./service";

export const orgScheduleRoutes = createAuthedRouter()
  .get("/", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    return c.json({ items: await listSchedules(c.var.db, org) });
  })
  .post("/", v("param", idParam), v("json", scheduleBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin"]);
    return c.json(await createSchedule(c.var.db, c.var.user.id, org, c.req.valid("json")), 201);
  });

export const scheduleRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), async (c) => {
    const s = await getSchedule(c.var.db, c.req.valid("param").id);
    authorizePath(c.var.user, s.orgPath, ["admin"], "schedule");
    return c.json(s);
  })
  .patch("/:id", v("param", idParam), v("json", scheduleBody), async (c) => {
    const db = c.var.db;
    const s = await getSchedule(db, c.req.valid("param").id);
    authorizePath(c.var.user, s.orgPath, ["admin"], "schedule");
    await updateSchedule(db, c.var.user.id, s, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .post("/:id/open", v("param", idParam), v("json", openCycleBody), async (c) => {
    const db = c.var.db;
    const s = await getSchedule(db, c.req.valid("param").id);
    authorizePath(c.var.user, s.orgPath, ["admin"], "schedule");
    return c.json(await openByHand(db, db.$client, c.var.user.id, s, c.req.valid("json").branchId), 201);
  });

export const orgCycleRoutes = createAuthedRouter().get("/", v("param", idParam), v("query", cyclesQuery), async (c) => {
  const org = await authorizedOrg(c.var, c.req.valid("param").id, MANAGERS);
  const q = c.req.valid("query");
  return c.json(page(await listCycles(c.var.db, org.path, q), q.limit, q.offset));
});

export const cycleRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(c.var.user, cycle);
    return c.json(await dashboard(db, cycle));
  })
  .post("/:id/extend", v("param", idParam), v("json", extendBody), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asCommittee(c.var.user, cycle);
    const body = c.req.valid("json");
    return c.json(await extendWindow(db, c.var.user, cycle, body.phase, body.closesAt));
  })
  .post("/:id/reopen", v("param", idParam), v("json", reopenBody), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asCommittee(c.var.user, cycle);
    const body = c.req.valid("json");
    const members = await branchMembers(db, cycle);
    if (!members.some((m) => m.id === body.memberId)) {
      throw invalid("not a member of this branch", [{ path: "memberId", code: "not_a_member" }]);
    }
    await reopenForm(db, c.var.user.id, cycle, body.memberId, body.until);
    return c.json({ ok: true as const });
  })
  .post("/:id/remind", v("param", idParam), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(c.var.user, cycle);
    return c.json(await remindMissing(db, cycle, Date.now()));
  })
  .get("/:id/tally", v("param", idParam), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(c.var.user, cycle);
    return c.json(await decisionSheet(db, cycle, c.var.user, Date.now()));
  })
  .put("/:id/decisions", v("param", idParam), v("json", decisionsBody), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(c.var.user, cycle);
    return c.json(await decide(db, c.var.user, cycle, c.req.valid("json")));
  })
  .post("/:id/quota-overrides", v("param", idParam), v("json", overrideRequestBody), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asManager(c.var.user, cycle);
    return c.json(await requestOverride(db, c.var.user, cycle, c.req.valid("json")), 201);
  })
  .get("/:id/analysis", v("param", idParam), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(c.var.user, cycle);
    return c.json(await myAnalysis(db, cycle, c.var.user.id));
  })
  .put("/:id/analysis", v("param", idParam), v("json", draftBody), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(c.var.user, cycle);
    return c.json(await saveDraft(db, cycle, c.var.user.id, c.req.valid("json")));
  })
  .post("/:id/analysis/submit", v("param", idParam), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(c.var.user, cycle);
    return c.json(await submit(db, cycle, c.var.user.id));
  })
  .get("/:id/appraisal", v("param", idParam), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    const m = asMember(c.var.user, cycle);
    return c.json(await appraisalSheet(db, cycle, m, c.var.user.id));
  })
  .put("/:id/appraisal/self", v("param", idParam), v("json", selfAppraisalBody), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(c.var.user, cycle);
    await saveSelfAppraisal(db, cycle, c.var.user.id, c.req.valid("json"));
    return c.json({ ok: true as const });
  })
  .post("/:id/appraisal/peers", v("param", idParam), v("json", peerAppraisalBody), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    const m = asMember(c.var.user, cycle);
    return c.json(await savePeerAppraisals(db, cycle, m, c.var.user.id, c.req.valid("json").votes), 201);
  })
  .get("/:id/result", v("param", idParam), async (c) => {
    const db = c.var.db;
    const cycle = await loadCycle(db, c.req.valid("param").id);
    asMember(c.var.user, cycle);
    return c.json(await myResult(db, cycle, c.var.user.id));
  });

export const quotaOverrideRoutes = createAuthedRouter().post(
  "/:id/answer",
  v("param", idParam),
  v("json", overrideAnswerBody),
  async (c) => {
    return c.json(await answerOverride(c.var.db, c.var.user, c.req.valid("param").id, c.req.valid("json")));
  },
);

export const analysisRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), async (c) => {
    const r = await analysisForReview(c.var.db, c.req.valid("param").id);
    asManager(c.var.user, r.cycle);
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
  .post("/:id/accept", v("param", idParam), v("json", acceptBody), async (c) => {
    const db = c.var.db;
    const r = await analysisForReview(db, c.req.valid("param").id);
    asManager(c.var.user, r.cycle);
    return c.json(await accept(db, c.var.user.id, r, c.req.valid("json").comment));
  })
  .post("/:id/return", v("param", idParam), v("json", returnBody), async (c) => {
    const db = c.var.db;
    const r = await analysisForReview(db, c.req.valid("param").id);
    asManager(c.var.user, r.cycle);
    return c.json(await returnAnalysis(db, c.var.user.id, r, c.req.valid("json").comment));
  });

export const myEvaluationRoutes = createAuthedRouter().get("/", async (c) =>
  c.json({ items: await myEvaluations(c.var.db, c.var.user) }),
);

export const notificationRoutes = createAuthedRouter()
  .get("/", v("query", notificationsQuery), async (c) => {
    const q = c.req.valid("query");
    const { rows, unread } = await listNotifications(c.var.db, c.var.user.id, q);
    return c.json({ ...page(rows, q.limit, q.offset), unread });
  })
  .post("/read", async (c) => {
    await markRead(c.var.db, c.var.user.id);
    return c.json({ ok: true as const });
  });
