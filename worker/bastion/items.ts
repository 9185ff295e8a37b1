import { desc, eq } from "drizzle-orm";
import { bastionItems } from "../../schema";
import { type BastionDefinition, HAND } from "../../schema/bastion/values";
import type { OrgType } from "../../schema/orgs/values";
import { auditInsert } from "../lib/audit";
import { dayStart } from "../lib/day";
import type { Db } from "../lib/db";
import { invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import type { OrgRow } from "../orgs";
import { effectiveModel, sectorOf } from "./model";

export interface HandInput {
  itemKey: string;
  points: number;
  reason: string;
  evidence: string;
  occurredOn: string;
}

/** The items of a model the committee assesses by hand for a branch: its common and sector ones, and lagging cases. */
export function handItemsOf(def: BastionDefinition, orgType: OrgType) {
  return [...def.common, ...def.sectors[sectorOf(orgType)], ...def.lagging]
    .filter((i) => i.indicator === HAND)
    .map((i) => ({ key: i.key, label: i.label, max: i.max, lagging: i.part === "veto" }));
}

/** Records one assessment with its evidence (2 round trips: the model, then the item with its audit row). */
export async function recordItem(db: Db, actorId: string, branch: OrgRow, input: HandInput, now: number) {
  if (branch.kind !== "branch")
    throw invalid("the bastion index assesses a branch", [{ path: "orgId", code: "not_a_branch" }]);
  const { definition } = await effectiveModel(db, branch);
  const item = handItemsOf(definition, branch.orgType).find((i) => i.key === input.itemKey);
  if (!item) throw invalid("no such item to assess by hand", [{ path: "itemKey", code: "unknown_option" }]);
  if (!item.lagging && input.points > item.max)
    throw invalid(`at most ${item.max} points`, [{ path: "points", code: "too_big" }]);
  const occurredAt = dayStart(input.occurredOn);
  const id = newId();
  await db.batch([
    db.insert(bastionItems).values({
      id,
      ...input,
      points: item.lagging ? 0 : input.points,
      orgId: branch.id,
      occurredAt,
      recordedBy: actorId,
      createdAt: now,
    }),
    auditInsert(
      db,
      {
        actorId,
        action: "bastion_item_recorded",
        entity: "bastion_item",
        entityId: id,
        orgId: branch.id,
        detail: { key: item.key },
      },
      now,
    ),
  ]);
  return { id };
}

/** The branch's assessments, newest first (a statement for db.batch). */
export const itemsQuery = (db: Db, branchId: string) =>
  db
    .select({
      id: bastionItems.id,
      itemKey: bastionItems.itemKey,
      points: bastionItems.points,
      reason: bastionItems.reason,
      evidence: bastionItems.evidence,
      occurredOn: bastionItems.occurredOn,
    })
    .from(bastionItems)
    .where(eq(bastionItems.orgId, branchId))
    .orderBy(desc(bastionItems.occurredAt), desc(bastionItems.createdAt))
    .limit(200);
