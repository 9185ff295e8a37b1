import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { RouterRoute } from "hono/types";
import { archiveRoutes } from "./archives/routes";
import { csrf, loadSession, replayThrough, withDb } from "./auth/middleware";
import { isPublicPath } from "./auth/public";
import { authRoutes, meRoutes } from "./auth/routes";
import { bankRoutes, questionRoutes } from "./banks/routes";
import { orgBastionRoutes } from "./bastion/routes";
import { commendationRoutes, orgCommendationRoutes } from "./commendations/routes";
import { completionRoutes, orgPlanRoutes, planRoutes, studyReportRoutes, studyRuleRoutes } from "./courses/plan-routes";
import { catalogueRoutes, courseRoutes, schoolCourseRoutes, studyRoutes } from "./courses/routes";
import { developmentRoutes, orgDevelopmentRoutes } from "./development/routes";
import { docsRoutes } from "./docs/routes";
import type { AppEnv } from "./env";
import { followupRoutes, orgFollowupRoutes } from "./evaluations/followup-routes";
import { homeRoutes } from "./evaluations/home-routes";
import {
  analysisRoutes,
  cycleRoutes,
  myEvaluationRoutes,
  notificationRoutes,
  orgCycleRoutes,
  orgScheduleRoutes,
  quotaOverrideRoutes,
  scheduleRoutes,
} from "./evaluations/routes";
import { ApiError, errorBody, isUniqueViolation } from "./lib/errors";
import { myPledgeRoutes, orgPledgeRoutes, orgSealRoutes, pledgeRoutes } from "./masses/pledge-routes";
import { publicRatingRoutes, publicSealRoutes } from "./masses/public-routes";
import {
  orgRoundRoutes,
  ratingRoutes,
  ratingTemplateRoutes,
  ratingTemplatesRoutes,
  roundRoutes,
} from "./masses/routes";
import { opsRoutes, tenantReportRoutes } from "./ops/routes";
import { meetingRoutes, orgOrglifeRoutes, talkRoutes } from "./orglife/routes";
import { orgRoutes } from "./orgs/routes";
import { attemptRoutes, myQuizRoutes, practiceRoutes, quizRoutes, regradeRoutes } from "./quizzes/routes";
import { memberRoutes, userRoutes } from "./roster/routes";
import { orgTransferRoutes, transferRoutes } from "./roster/transfer-routes";
import { orgServiceRoutes, serviceRoutes } from "./services/routes";
import { publicNominationRoutes } from "./talent/public-routes";
import { orgTalentRoutes, talentRoutes } from "./talent/routes";
import { orgVanguardRoutes, vanguardRoutes } from "./vanguard/routes";

// The API's table of contents: each router is mounted at the prefix it serves.
const api = new Hono<AppEnv>()
  .get("/health", (c) => c.json({ ok: true as const }))
  .route("/auth", authRoutes)
  .route("/me", meRoutes)
  .route("/ops", opsRoutes)
  .route("/orgs/:id/tenant-reports", tenantReportRoutes)
  .route("/home", homeRoutes)
  .route("/orgs", orgRoutes)
  .route("/orgs/:id/members", memberRoutes)
  .route("/users", userRoutes)
  .route("/orgs/:id/transfers", orgTransferRoutes)
  .route("/transfers", transferRoutes)
  .route("/orgs/:id/eval-schedules", orgScheduleRoutes)
  .route("/eval-schedules", scheduleRoutes)
  .route("/orgs/:id/eval-cycles", orgCycleRoutes)
  .route("/eval-cycles", cycleRoutes)
  .route("/eval-quota-overrides", quotaOverrideRoutes)
  .route("/eval-analyses", analysisRoutes)
  .route("/my/evaluations", myEvaluationRoutes)
  .route("/orgs/:id/eval-followups", orgFollowupRoutes)
  .route("/eval-followups", followupRoutes)
  .route("/notifications", notificationRoutes)
  .route("/services", serviceRoutes)
  .route("/orgs/:id/services", orgServiceRoutes)
  .route("/orgs/:id/rating-template", ratingTemplateRoutes)
  .route("/orgs/:id/rating-templates", ratingTemplatesRoutes)
  .route("/orgs/:id/rating-rounds", orgRoundRoutes)
  .route("/rating-rounds", roundRoutes)
  .route("/ratings", ratingRoutes)
  .route("/public/ratings", publicRatingRoutes)
  .route("/public/seals", publicSealRoutes)
  .route("/orgs/:id/pledges", orgPledgeRoutes)
  .route("/pledges", pledgeRoutes)
  .route("/my/pledges", myPledgeRoutes)
  .route("/orgs/:id/chain-seals", orgSealRoutes)
  .route("/archives", archiveRoutes)
  .route("/orgs/:id/development", orgDevelopmentRoutes)
  .route("/development", developmentRoutes)
  .route("/orgs/:id/vanguard", orgVanguardRoutes)
  .route("/vanguard", vanguardRoutes)
  .route("/orgs/:id/bastion", orgBastionRoutes)
  .route("/courses", courseRoutes)
  .route("/schools/:id/courses", schoolCourseRoutes)
  .route("/study", studyRoutes)
  .route("/catalogue", catalogueRoutes)
  .route("/plans", planRoutes)
  .route("/orgs/:id/plans", orgPlanRoutes)
  .route("/orgs/:id/study-rules", studyRuleRoutes)
  .route("/orgs/:id/study-report", studyReportRoutes)
  .route("/completions", completionRoutes)
  .route("/banks", bankRoutes)
  .route("/questions", questionRoutes)
  .route("/questions/:id/regrade", regradeRoutes)
  .route("/quizzes", quizRoutes)
  .route("/attempts", attemptRoutes)
  .route("/my/quizzes", myQuizRoutes)
  .route("/practice", practiceRoutes)
  .route("/orgs/:id/commendations", orgCommendationRoutes)
  .route("/commendations", commendationRoutes)
  .route("/talent", talentRoutes)
  .route("/orgs/:id/talent", orgTalentRoutes)
  .route("/public/talent-nominations", publicNominationRoutes)
  .route("/orgs/:id/orglife", orgOrglifeRoutes)
  .route("/orglife/meetings", meetingRoutes)
  .route("/orglife/talks", talkRoutes)
  .route("/", docsRoutes(appRoutes));

// Read lazily, typed by hand: the document lists the routes of the whole app, which is built below.
function appRoutes(): readonly RouterRoute[] {
  return app.routes;
}

// The API's answers are JSON, files and the docs page: the headers that guard those. Left out, as each costs a
// header write on every answer: ones for HTML documents' own features or for browsers gone (IE8's download
// prompt, Flash's policy files, the XSS auditor, DNS prefetch, origin-keyed agent clusters). Nothing sets
// X-Powered-By to remove.
const apiSecureHeaders = secureHeaders({
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  removePoweredBy: false,
});

export const app = new Hono<AppEnv>()
  .use("/api/*", apiSecureHeaders)
  .use("/api/*", csrf)
  .use("/api/*", withDb)
  .use("/api/*", async (c, next) => {
    // Public endpoints skip the session query.
    if (isPublicPath(c.req.path)) {
      c.set("user", null);
      return next();
    }
    return loadSession(c, next);
  })
  .route("/api", api);

// A read whose session guess failed runs again from the top (worker/auth/speculation.ts).
replayThrough(async (request, env, ctx) => app.fetch(request, env, ctx));

app.all("/api/*", (c) => c.json(errorBody("not_found", "no such API route"), 404));

app.onError((thrown, c) => {
  // drizzle wraps what a D1 call throws: a refusal from below the query (a session guess gone wrong) stays one
  const err = thrown instanceof Error && thrown.cause instanceof ApiError ? thrown.cause : thrown;
  if (err instanceof ApiError) {
    for (const [k, val] of Object.entries(err.headers ?? {})) c.header(k, val);
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(errorBody("bad_request", err.message), err.status);
  }
  if (isUniqueViolation(err)) return c.json(errorBody("conflict", "this already exists"), 409);
  console.error(err);
  return c.json(errorBody("internal", "something went wrong on our side"), 500);
});

export type AppType = typeof api;
