import { and, desc, eq, inArray } from "drizzle-orm";
import { ratingTemplates } from "../../schema";
import { DEFAULT_ITEMS, type RatingItem, type TemplateTarget } from "../../schema/masses/values";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { nearest, pathIds } from "../lib/paths";
import type { OrgRow } from "../orgs";

/** One query: the newest template of the nearest org at or above `path`, else the built-in default. */
export async function effectiveTemplate(db: Db, path: string, target: TemplateTarget) {
  const ids = pathIds(path);
  const rows = await db
    .select()
    .from(ratingTemplates)
    .where(and(inArray(ratingTemplates.orgId, ids), eq(ratingTemplates.target, target)))
    .orderBy(desc(ratingTemplates.createdAt));
  const found = nearest(rows, path);
  if (found) return { id: found.id, orgId: found.orgId, name: found.name, target, items: found.items };
  return { id: null, orgId: null, name: "default", target, items: DEFAULT_ITEMS[target] };
}

export async function saveTemplate(
  db: Db,
  actorId: string,
  org: OrgRow,
  input: { target: TemplateTarget; name: string; items: RatingItem[] },
) {
  if (org.kind !== "committee")
    throw invalid("templates belong to a committee", [{ path: "orgId", code: "not_a_committee" }]);
  const keys = new Set(input.items.map((i) => i.key));
  if (keys.size !== input.items.length) throw invalid("item keys repeat", [{ path: "items", code: "duplicate_key" }]);
  const id = newId();
  const now = Date.now();
  await db.batch([
    db.insert(ratingTemplates).values({ id, orgId: org.id, ...input, createdBy: actorId, createdAt: now }),
    auditInsert(
      db,
      { actorId, action: "rating_template_saved", entity: "rating_template", entityId: id, orgId: org.id },
      now,
    ),
  ]);
  return { id };
}
