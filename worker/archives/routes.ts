import { ORG_HELD_KINDS } from "../../schema/archives/kinds";
import { archiveQuery, exportQuery } from "../../schema/archives/validation";
import { idParam } from "../../schema/common/validation";
import { rootsFor, type SessionUser } from "../auth";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { attachment, sheetFile } from "../lib/xlsx";
import { authorizedArchive } from "./access";
import { archiveFileName } from "./labels";
import { archiveAll, archiveFacets, archivePage, archiveTable, developmentStory } from "./service";

/**
 * What the organisation holds is not shown to the member reading their own archive; what a branch holds
 * is shown to others only inside the subtrees they keep as secretary or committee.
 */
const hiddenFrom = (reader: SessionUser, memberId: string) =>
  reader.id === memberId
    ? { hidden: ORG_HELD_KINDS }
    : { hidden: [], keptPaths: rootsFor(reader, ["secretary", "admin"]) };

export const archiveRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), v("query", archiveQuery), async (c) => {
    const member = await authorizedArchive(c.var, c.req.valid("param").id);
    const q = c.req.valid("query");
    const shown = hiddenFrom(c.var.user, member.id);
    // Unfiltered, the archive opens with the development story in its order and pages through the rest.
    if (q.kind || q.year || q.q) {
      const rows = await archivePage(c.var.db, member.id, { ...q, ...shown });
      return c.json({ member, story: [], ...page(rows, q.limit, q.offset) });
    }
    const [rows, story] = await c.var.db.batch([
      archivePage(c.var.db, member.id, { ...q, ...shown, hidden: [...shown.hidden, "development"] }),
      developmentStory(c.var.db, member.id),
    ]);
    return c.json({ member, story: q.offset === 0 ? story : [], ...page(rows, q.limit, q.offset) });
  })
  .get("/:id/facets", v("param", idParam), async (c) => {
    const member = await authorizedArchive(c.var, c.req.valid("param").id);
    return c.json({
      items: await archiveFacets(c.var.db, member.id, hiddenFrom(c.var.user, member.id)),
    });
  })
  .get("/:id/export", v("param", idParam), v("query", exportQuery), async (c) => {
    const member = await authorizedArchive(c.var, c.req.valid("param").id);
    const q = c.req.valid("query");
    const rows = await archiveAll(c.var.db, member.id, { ...q, ...hiddenFrom(c.var.user, member.id) });
    const name = archiveFileName(c.var.user.locale, member.displayName);
    if (q.format !== "json") {
      return sheetFile(c, q.format, name, archiveTable(rows, c.var.user.locale));
    }
    c.header("Content-Disposition", attachment(`${name}.json`));
    return c.json({ member, exportedAt: Date.now(), events: rows });
  });
