import { Hono } from "hono";
import { archiveQuery, exportQuery } from "../../schema/archives/validation";
import { idParam } from "../../schema/common/validation";
import type { AppEnv } from "../env";
import { CSV_CONTENT_TYPE } from "../lib/csv";
import { getDb } from "../lib/db";
import { page } from "../lib/pagination";
import { v } from "../lib/validate";
import { authorizedArchive } from "./access";
import { archiveAll, archiveCsv, archiveFacets, archivePage } from "./service";

export const archiveRoutes = new Hono<AppEnv>()
  .get("/archives/:id", v("param", idParam), v("query", archiveQuery), async (c) => {
    const member = await authorizedArchive(c, c.req.valid("param").id);
    const q = c.req.valid("query");
    const rows = await archivePage(getDb(c.env.DB), member.id, q);
    return c.json({ member, ...page(rows, q.limit, q.offset) });
  })
  .get("/archives/:id/facets", v("param", idParam), async (c) => {
    const member = await authorizedArchive(c, c.req.valid("param").id);
    return c.json({ items: await archiveFacets(getDb(c.env.DB), member.id) });
  })
  .get("/archives/:id/export", v("param", idParam), v("query", exportQuery), async (c) => {
    const member = await authorizedArchive(c, c.req.valid("param").id);
    const q = c.req.valid("query");
    const rows = await archiveAll(getDb(c.env.DB), member.id, q);
    const name = `archive-${member.username}`;
    if (q.format === "csv") {
      c.header("Content-Type", CSV_CONTENT_TYPE);
      c.header("Content-Disposition", `attachment; filename="${name}.csv"`);
      return c.body(archiveCsv(rows));
    }
    c.header("Content-Disposition", `attachment; filename="${name}.json"`);
    return c.json({ member, exportedAt: Date.now(), events: rows });
  });
