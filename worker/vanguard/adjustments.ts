import { and, desc, eq } from "drizzle-orm";
import { orgs, users, vanguardAdjustments } from "../../schema";
import type { AdjustmentKind } from "../../schema/vanguard/values";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import { dayStart } from "../lib/day";
import type { Db } from "../lib/db";
import { conflict, invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { notifyRoleHolders } from "../lib/notify";
import { pathIds, subtreeRange } from "../lib/paths";

export interface AdjustmentInput {
  memberId: string;
  kind: AdjustmentKind;
  points: number;
  reason: string;
  evidence: string;
  occurredOn: string;
}

/**
 * A secretary records an adjustment; the admins over the branch (who approve it; never the recorder or
 * the member) are told it awaits them, in the same batch.
 */
export async function recordAdjustment(
  db: Db,
  actorId: string,
  branch: { id: string; path: string },
  { memberName, ...input }: AdjustmentInput & { memberName: string },
  now: number,
) {
  const branchId = branch.id;
  const occurredAt = dayStart(input.occurredOn);
  if (Number.isNaN(occurredAt)) throw invalid("not a date", [{ path: "occurredOn", code: "invalid_format" }]);
  if (input.kind !== "veto" && input.points <= 0)
    throw invalid("give the points", [{ path: "points", code: "too_small" }]);
  const id = newId();
  await db.batch([
    db.insert(vanguardAdjustments).values({
      id,
      ...input,
      points: input.kind === "veto" ? 0 : input.points,
      orgId: branchId,
      occurredAt,
      recordedBy: actorId,
      createdAt: now,
    }),
    auditInsert(
      db,
      {
        actorId,
        action: "vanguard_adjustment_recorded",
        entity: "vanguard_adjustment",
        entityId: id,
        orgId: branchId,
        detail: { kind: input.kind },
      },
      now,
    ),
    notifyRoleHolders(
      db,
      { orgIds: pathIds(branch.path), role: "admin", except: [actorId, input.memberId] },
      {
        key: `adjustment:${id}`,
        kind: "adjustment_pending",
        params: { person: memberName, adjustment: input.kind },
        link: `/vanguard-overview?org=${branchId}`,
      },
      now,
    ),
  ]);
  return { id };
}

export function listAdjustments(db: Db, orgPath: string, status: "pending" | "approved" | "rejected") {
  return db
    .select({
      id: vanguardAdjustments.id,
      memberId: vanguardAdjustments.memberId,
      memberName: users.displayName,
      orgName: orgs.name,
      kind: vanguardAdjustments.kind,
      points: vanguardAdjustments.points,
      reason: vanguardAdjustments.reason,
      evidence: vanguardAdjustments.evidence,
      occurredOn: vanguardAdjustments.occurredOn,
      status: vanguardAdjustments.status,
      reviewNote: vanguardAdjustments.reviewNote,
    })
    .from(vanguardAdjustments)
    .innerJoin(orgs, eq(orgs.id, vanguardAdjustments.orgId))
    .innerJoin(users, eq(users.id, vanguardAdjustments.memberId))
    .where(and(subtreeRange(orgs.path, orgPath), eq(vanguardAdjustments.status, status)))
    .orderBy(desc(vanguardAdjustments.createdAt))
    .limit(500);
}

export async function getAdjustment(db: Db, id: string) {
  const [row] = await db
    .select({ adj: vanguardAdjustments, orgPath: orgs.path })
    .from(vanguardAdjustments)
    .innerJoin(orgs, eq(orgs.id, vanguardAdjustments.orgId))
    .where(eq(vanguardAdjustments.id, id))
    .limit(1);
  return row;
}

/** The committee approves or rejects; approval writes the growth-archive event in the same batch. */
export async function reviewAdjustment(
  db: Db,
  actorId: string,
  adj: typeof vanguardAdjustments.$inferSelect,
  approve: boolean,
  note: string | undefined,
  now: number,
) {
  if (adj.status !== "pending") throw conflict("this item was already reviewed");
  const status = approve ? "approved" : "rejected";
  const update = db
    .update(vanguardAdjustments)
    .set({ status, reviewedBy: actorId, reviewedAt: now, reviewNote: note ?? null })
    .where(and(eq(vanguardAdjustments.id, adj.id), eq(vanguardAdjustments.status, "pending")));
  const audit = auditInsert(
    db,
    {
      actorId,
      action: `vanguard_adjustment_${status}`,
      entity: "vanguard_adjustment",
      entityId: adj.id,
      orgId: adj.orgId,
    },
    now,
  );
  if (approve) {
    await db.batch([
      update,
      archiveInsert(
        db,
        {
          memberId: adj.memberId,
          orgId: adj.orgId,
          kind: "vanguard_adjustment",
          subjectType: "vanguard_adjustment",
          subjectId: adj.id,
          summary: { kind: adj.kind, points: adj.points, reason: adj.reason },
          occurredAt: adj.occurredAt,
          recordedBy: actorId,
        },
        now,
      ),
      audit,
    ]);
  } else await db.batch([update, audit]);
  return { status };
}
