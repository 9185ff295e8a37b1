import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { archiveRoutes } from "./archives/routes";
import { csrf, loadSession } from "./auth/middleware";
import { isPublicPath } from "./auth/public";
import { authRoutes } from "./auth/routes";
import { bankRoutes } from "./banks/routes";
import { courseRoutes } from "./courses/routes";
import { curriculumRoutes } from "./curricula/routes";
import { buildOpenApi } from "./docs/openapi";
import { docsPage } from "./docs/page";
import type { AppEnv } from "./env";
import { evaluationRoutes } from "./evaluations/routes";
import { ApiError, errorBody, isUniqueViolation } from "./lib/errors";
import { publicRatingRoutes } from "./masses/public-routes";
import { massesRoutes } from "./masses/routes";
import { orgRoutes } from "./orgs/routes";
import { quizRoutes } from "./quizzes/routes";
import { rosterRoutes } from "./roster/routes";
import { serviceRoutes } from "./services/routes";
import { vanguardRoutes } from "./vanguard/routes";

const api = new Hono<AppEnv>()
  .get("/health", (c) => c.json({ ok: true as const }))
  .route("/", authRoutes)
  .route("/", orgRoutes)
  .route("/", rosterRoutes)
  .route("/", evaluationRoutes)
  .route("/", serviceRoutes)
  .route("/", massesRoutes)
  .route("/", publicRatingRoutes)
  .route("/", archiveRoutes)
  .route("/", vanguardRoutes)
  .route("/", courseRoutes)
  .route("/", curriculumRoutes)
  .route("/", bankRoutes)
  .route("/", quizRoutes);

export const app = new Hono<AppEnv>()
  .use("/api/*", secureHeaders())
  .use("/api/*", csrf)
  .use("/api/*", async (c, next) => {
    // Public endpoints skip the session query.
    if (isPublicPath(c.req.path)) {
      c.set("user", null);
      return next();
    }
    return loadSession(c, next);
  })
  .route("/api", api);

let openApiDoc: ReturnType<typeof buildOpenApi> | undefined;
const openApi = () => {
  openApiDoc ??= buildOpenApi(app.routes);
  return openApiDoc;
};
app.get("/api/openapi.json", (c) => c.json(openApi()));
app.get("/api/docs", (c) => c.html(docsPage(openApi())));
app.all("/api/*", (c) => c.json(errorBody("not_found", "no such API route"), 404));

app.onError((err, c) => {
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
