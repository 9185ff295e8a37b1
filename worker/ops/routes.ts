import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { tenantEntryBody } from "../../schema/common/tenants";
import { idParam, pageQuery, reportYearQuery } from "../../schema/common/validation";
import { auditInsert } from "../lib/audit";
import { yearOf } from "../lib/day";
import { ApiError, notFound } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter, createRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { tenantsBelow } from "./aggregates";
import { listDeadLetters, replayDeadLetter } from "./dead-letters";
import { listTenants, putTenant } from "./directory";
import { exportTenant, importTenant, linesOf } from "./dump";

const encoder = new TextEncoder();

/**
 * The operator's API, on each tenant's own host: the tenant's dump and load, its dead letters, and the
 * tenant directory (the same on every host).
 * Only with the OPERATOR_TOKEN secret set, and only for a request that carries it as a bearer token;
 * without the secret the paths do not exist.
 */
export const opsRoutes = createRouter()
  .use(async (c, next) => {
    const secret = c.env.OPERATOR_TOKEN;
    if (!secret) throw notFound();
    const given = encoder.encode(c.req.header("Authorization")?.replace(/^Bearer /, "") ?? "");
    const wanted = encoder.encode(secret);
    if (given.length !== wanted.length || !constantTimeEqual(given, wanted)) {
      throw new ApiError(401, "unauthenticated", "operator token required");
    }
    await next();
  })
  .get("/export", async (c) => {
    const host = new URL(c.req.url).hostname;
    await auditInsert(c.var.db, { actorId: null, action: "tenant.export", entity: "tenant", entityId: host });
    return new Response(exportTenant(c.var.db.$client), {
      headers: {
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="tenant-${host}.ndjson"`,
      },
    });
  })
  .post("/import", async (c) => {
    if (!c.req.raw.body) throw new ApiError(400, "invalid_input", "the dump is empty");
    const tables = await importTenant(c.var.db.$client, linesOf(c.req.raw.body));
    const host = new URL(c.req.url).hostname;
    await auditInsert(c.var.db, {
      actorId: null,
      action: "tenant.import",
      entity: "tenant",
      entityId: host,
      detail: tables,
    });
    return c.json({ tables });
  })
  .get("/dead-letters", v("query", pageQuery), async (c) => {
    const { limit, offset } = c.req.valid("query");
    return c.json(page(await listDeadLetters(c.var.db, limit, offset), limit, offset));
  })
  .get("/tenants", async (c) => c.json({ items: await listTenants(c.env) }))
  .put("/tenants/:id", v("param", idParam), v("json", tenantEntryBody), async (c) => {
    const entry = { id: c.req.valid("param").id, ...c.req.valid("json") };
    await putTenant(c.env, entry, Date.now());
    await auditInsert(c.var.db, {
      actorId: null,
      action: "tenant.directory",
      entity: "tenant",
      entityId: entry.id,
      detail: entry,
    });
    return c.json({ ok: true as const });
  })
  .post("/dead-letters/:id/replay", v("param", idParam), async (c) => {
    const gone = await replayDeadLetter(c.var.db, c.env.EVAL_QUEUE, c.req.valid("param").id);
    await auditInsert(c.var.db, {
      actorId: null,
      action: "dead_letter.replay",
      entity: "dead_letter",
      entityId: gone.id,
      detail: gone.body,
    });
    return c.json({ ok: true as const });
  });

/**
 * A committee above tenants (a province) reads the tenants under it by the figures they publish: counts
 * only; the address of each opens that tenant for drilling down (its own accounts there).
 */
export const tenantReportRoutes = createAuthedRouter().get(
  "/",
  v("param", idParam),
  v("query", reportYearQuery),
  async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ["admin", "secretary"]);
    const year = c.req.valid("query").year ?? yearOf(Date.now(), org.timeZone);
    return c.json({ year, items: await tenantsBelow(c.var.db, c.env, org, year) });
  },
);
