import { desc, eq } from "drizzle-orm";
import { bastionItems } from "../../schema";
import { HAND } from "../../schema/bastion/values";
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

/** The items of the branch's effective model the committee assesses by hand: its common and sector ones, and lagging cases. */
export async function handItems(db: Db, branch: OrgRow) {
  const { definition: def } = await effectiveModel(db, branch);
  return [...def.common, ...def.sectors[sectorOf(branch.orgType)], ...def.lagging]
    .filter((i) => i.indicator === HAND)
    .map((i) => ({ key: i.key, label: i.label, max: i.max, lagging: i.part === "veto" }));
}

/** Records one assessment with its evidence (2 round trips: the model, then the item with its audit row). */
export async function recordItem(db: Db, actorId: string, branch: OrgRow, input: HandInput, now: number) {
  if (branch.kind !== "branch")
    throw invalid("the bastion index assesses a branch", [{ path: "orgId", code: "not_a_branch" }]);
  const item = (await handItems(db, branch)).find((i) => i.key === input.itemKey);
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

/** One query: the branch's assessments, newest first. */
export function listItems(db: Db, branchId: string) {
  return db
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
}
