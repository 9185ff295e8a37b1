import { desc, inArray, sql } from "drizzle-orm";
import { vanguardModels } from "../../schema";
import { DEFAULT_MODEL, type ModelDefinition } from "../../schema/vanguard/values";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { conflict, invalid, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { nearest, pathIds } from "../lib/paths";
import type { OrgRow } from "../orgs";

export interface EffectiveModel {
  id: string;
  orgId: string | null;
  version: number;
  name: string;
  definition: ModelDefinition;
}

const BUILT_IN: EffectiveModel = {
  id: "default",
  orgId: null,
  version: 0,
  name: "青海先锋指数（默认）",
  definition: DEFAULT_MODEL,
};

/** The statement reading every model version of the org and its ancestors (for db.batch). */
export const modelsQuery = (db: Db, path: string) =>
  db
    .select()
    .from(vanguardModels)
    .where(inArray(vanguardModels.orgId, pathIds(path)))
    .orderBy(desc(vanguardModels.version));

/** The newest version (rows come newest first) of the nearest committee's model, else the Qinghai default. */
export function pickModel(rows: (typeof vanguardModels.$inferSelect)[], path: string): EffectiveModel {
  return nearest(rows, path) ?? BUILT_IN;
}

export async function effectiveModel(db: Db, path: string) {
  return pickModel(await modelsQuery(db, path), path);
}

/** What computeScore needs of a definition: unique item keys, base items adding up to the base. */
export function checkDefinition(definition: ModelDefinition, path = "definition") {
  const keys = new Set(definition.items.map((i) => i.key));
  if (keys.size !== definition.items.length)
    throw invalid("item keys repeat", [{ path: `${path}.items`, code: "duplicate_key" }]);
  const baseMax = definition.items.filter((i) => i.part === "base").reduce((s, i) => s + i.max, 0);
  if (Math.abs(baseMax - definition.base) > 1e-9) {
    throw invalid("the base items' maxima must add up to the base", [{ path: `${path}.base`, code: "base_mismatch" }]);
  }
}

/** A new version of a committee's model: definitions are never edited in place, scores keep their version. */
export async function saveModel(db: Db, actorId: string, org: OrgRow, name: string, definition: ModelDefinition) {
  if (org.kind !== "committee")
    throw invalid("models belong to a committee", [{ path: "orgId", code: "not_a_committee" }]);
  checkDefinition(definition);
  const id = newId();
  const now = Date.now();
  const [latest] = await db
    .select({ v: sql<number>`coalesce(max(${vanguardModels.version}), 0)` })
    .from(vanguardModels)
    .where(inArray(vanguardModels.orgId, [org.id]));
  const version = Number(latest?.v ?? 0) + 1;
  try {
    await db.batch([
      db
        .insert(vanguardModels)
        .values({ id, orgId: org.id, version, name, definition, createdBy: actorId, createdAt: now }),
      auditInsert(
        db,
        {
          actorId,
          action: "vanguard_model_saved",
          entity: "vanguard_model",
          entityId: id,
          orgId: org.id,
          detail: { version },
        },
        now,
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("someone saved a version at the same time; try again");
    throw err;
  }
  return { id, version };
}
