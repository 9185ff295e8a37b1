import { desc, sql } from "drizzle-orm";
import { bastionModels } from "../../schema";
import {
  type BastionDefinition,
  COMMON_POINTS,
  DEFAULT_BASTION,
  SECTOR_OF,
  SECTOR_POINTS,
  SECTORS,
  type Sector,
} from "../../schema/bastion/values";
import type { OrgType } from "../../schema/orgs/values";
import type { ModelDefinition } from "../../schema/vanguard/values";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { conflict, invalid, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { nearest } from "../lib/paths";
import type { OrgRow } from "../orgs";
import { checkDefinition } from "../vanguard";

export interface EffectiveBastion {
  id: string;
  orgId: string | null;
  version: number;
  name: string;
  definition: BastionDefinition;
}

// Version 1 added organisational life; scores stored under version 0 keep it.
const BUILT_IN: EffectiveBastion = {
  id: "default",
  orgId: null,
  version: 1,
  name: "堡垒指数（默认 60 + 40）",
  definition: DEFAULT_BASTION,
};

/** The statement reading every model version on the branch's path, newest first (the path resolved inside). */
export const modelsOnPathQuery = (db: Db, orgId: string) =>
  db
    .select()
    .from(bastionModels)
    .where(sql`instr((SELECT path FROM orgs WHERE id = ${orgId}), '/' || ${bastionModels.orgId} || '/') > 0`)
    .orderBy(desc(bastionModels.version));

/** The newest version of the nearest committee's model, else the built-in 60 + 40 design. */
export const pickModel = (rows: (typeof bastionModels.$inferSelect)[], path: string): EffectiveBastion =>
  nearest(rows, path) ?? BUILT_IN;

export async function effectiveModel(db: Db, org: OrgRow) {
  return pickModel(await modelsOnPathQuery(db, org.id), org.path);
}

/**
 * One sector's model as the vanguard scorer reads it: the 60 common and 40 sector points as one
 * base of 100, the lagging situations as veto items, no bonus and no deductions.
 */
export function composed(def: BastionDefinition, sector: Sector): ModelDefinition {
  return {
    base: COMMON_POINTS + SECTOR_POINTS,
    bonusCap: 0,
    deductionCap: 0,
    items: [...def.common, ...def.sectors[sector], ...def.lagging],
  };
}

export const sectorOf = (orgType: OrgType) => SECTOR_OF[orgType];

const sum = (items: { max: number }[]) => items.reduce((s, i) => s + i.max, 0);

/** 60 common points in base items, 40 per sector, lagging items as vetoes; then the vanguard checks per sector. */
function checkBastion(def: BastionDefinition) {
  const parts = [
    ["common", def.common, COMMON_POINTS, "base"],
    ...SECTORS.map((s) => [`sectors.${s}`, def.sectors[s], SECTOR_POINTS, "base"] as const),
  ] as const;
  for (const [path, items, points, part] of parts) {
    if (items.some((i) => i.part !== part))
      throw invalid("common and sector items are base items", [{ path: `definition.${path}`, code: "invalid_value" }]);
    if (Math.abs(sum(items) - points) > 1e-9)
      throw invalid(`these items must add up to ${points}`, [{ path: `definition.${path}`, code: "base_mismatch" }]);
  }
  if (def.lagging.some((i) => i.part !== "veto"))
    throw invalid("lagging items are veto items", [{ path: "definition.lagging", code: "invalid_value" }]);
  for (const s of SECTORS) checkDefinition(composed(def, s), `definition.sectors.${s}`);
}

/** A new version of a committee's model: never edited in place, stored scores keep their version. */
export async function saveModel(db: Db, actorId: string, org: OrgRow, name: string, definition: BastionDefinition) {
  if (org.kind !== "committee")
    throw invalid("models belong to a committee", [{ path: "orgId", code: "not_a_committee" }]);
  checkBastion(definition);
  const id = newId();
  const now = Date.now();
  const [latest] = await db
    .select({ v: sql<number>`coalesce(max(${bastionModels.version}), 0)` })
    .from(bastionModels)
    .where(sql`${bastionModels.orgId} = ${org.id}`);
  const version = Number(latest?.v ?? 0) + 1;
  try {
    await db.batch([
      db
        .insert(bastionModels)
        .values({ id, orgId: org.id, version, name, definition, createdBy: actorId, createdAt: now }),
      auditInsert(
        db,
        {
          actorId,
          action: "bastion_model_saved",
          entity: "bastion_model",
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
