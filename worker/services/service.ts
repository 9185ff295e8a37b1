import { and, desc, eq, type SQL } from "drizzle-orm";
import { orgs, serviceRecords, users } from "../../schema";
import type { ServiceCategory, ServiceStatus } from "../../schema/services/values";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import { dayStart } from "../lib/day";
import type { Db } from "../lib/db";
import { conflict, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { notifyRoleHolders } from "../lib/notify";
import { subtreeRange } from "../lib/paths";

export interface ServiceInput {
  category: ServiceCategory;
  servedOn: string;
  hours: number;
  place: string;
  peopleServed: number;
  description: string;
}

/** A member records a service; the branch's secretaries (never the member) are told it awaits their review. */
export async function recordService(
  db: Db,
  member: { id: string; displayName: string },
  orgId: string,
  input: ServiceInput,
  now: number,
) {
  const servedAt = dayStart(input.servedOn);
  if (Number.isNaN(servedAt)) throw invalid("not a date", [{ path: "servedOn", code: "invalid_format" }]);
  if (servedAt > now) throw invalid("a service cannot be in the future", [{ path: "servedOn", code: "future" }]);
  const id = newId();
  await db.batch([
    db.insert(serviceRecords).values({ id, memberId: member.id, orgId, ...input, servedAt, createdAt: now }),
    notifyRoleHolders(
      db,
      { orgIds: [orgId], role: "secretary", except: [member.id] },
      {
        key: `service:${id}`,
        kind: "service_pending",
        params: { person: member.displayName, servedOn: input.servedOn, hours: input.hours },
        link: `/services?org=${orgId}`,
      },
      now,
    ),
  ]);
  return { id };
}

const listColumns = {
  id: serviceRecords.id,
  memberId: serviceRecords.memberId,
  memberName: users.displayName,
  orgId: serviceRecords.orgId,
  category: serviceRecords.category,
  servedOn: serviceRecords.servedOn,
  hours: serviceRecords.hours,
  place: serviceRecords.place,
  peopleServed: serviceRecords.peopleServed,
  description: serviceRecords.description,
  status: serviceRecords.status,
  rejectReason: serviceRecords.rejectReason,
  reviewedAt: serviceRecords.reviewedAt,
  createdAt: serviceRecords.createdAt,
};

interface ListQuery {
  status?: ServiceStatus | undefined;
  limit: number;
  offset: number;
}

/** One query: a page of the records under an org's subtree (or of one member), newest service first. */
export function listServices(db: Db, scope: { orgPath: string } | { memberId: string }, q: ListQuery) {
  const filters: SQL[] = [];
  if ("orgPath" in scope) filters.push(subtreeRange(orgs.path, scope.orgPath));
  else filters.push(eq(serviceRecords.memberId, scope.memberId));
  if (q.status) filters.push(eq(serviceRecords.status, q.status));
  return db
    .select(listColumns)
    .from(serviceRecords)
    .innerJoin(orgs, eq(orgs.id, serviceRecords.orgId))
    .innerJoin(users, eq(users.id, serviceRecords.memberId))
    .where(and(...filters))
    .orderBy(desc(serviceRecords.servedAt), desc(serviceRecords.createdAt))
    .limit(q.limit + 1)
    .offset(q.offset);
}

/** One query: the record and the path of the org whose secretary reviews it. */
export async function getService(db: Db, id: string) {
  const [row] = await db
    .select({ record: serviceRecords, orgPath: orgs.path, orgName: orgs.name })
    .from(serviceRecords)
    .innerJoin(orgs, eq(orgs.id, serviceRecords.orgId))
    .where(eq(serviceRecords.id, id))
    .limit(1);
  return row;
}

type Loaded = NonNullable<Awaited<ReturnType<typeof getService>>>;

/**
 * Confirm or reject a pending record. The UPDATE is conditional on status = 'pending', so two
 * reviewers racing produce one decision; confirmation writes the growth-archive event in the same batch.
 */
export async function reviewService(
  db: Db,
  reviewerId: string,
  loaded: Loaded,
  decision: { confirm: true } | { confirm: false; reason: string },
  now: number,
) {
  const r = loaded.record;
  if (r.status !== "pending") throw conflict("this record was already reviewed", { status: r.status });
  const status: ServiceStatus = decision.confirm ? "confirmed" : "rejected";
  const update = db
    .update(serviceRecords)
    .set({ status, reviewedBy: reviewerId, reviewedAt: now, rejectReason: decision.confirm ? null : decision.reason })
    .where(and(eq(serviceRecords.id, r.id), eq(serviceRecords.status, "pending")));
  const audit = auditInsert(
    db,
    { actorId: reviewerId, action: `service_${status}`, entity: "service_record", entityId: r.id, orgId: r.orgId },
    now,
  );
  const [res] = decision.confirm
    ? await db.batch([
        update,
        archiveInsert(
          db,
          {
            memberId: r.memberId,
            orgId: r.orgId,
            kind: "service",
            subjectType: "service_record",
            subjectId: r.id,
            summary: { category: r.category, hours: r.hours, place: r.place, servedOn: r.servedOn },
            occurredAt: r.servedAt,
            recordedBy: reviewerId,
          },
          now,
        ),
        audit,
      ])
    : await db.batch([update, audit]);
  if (!res || (res as { meta?: { changes?: number } }).meta?.changes === 0) {
    throw conflict("this record was already reviewed");
  }
  return { status };
}

export async function deletePending(db: Db, loaded: Loaded | undefined, memberId: string) {
  if (!loaded || loaded.record.memberId !== memberId) throw notFound("service record");
  if (loaded.record.status !== "pending") throw conflict("a reviewed record cannot be withdrawn");
  await db
    .delete(serviceRecords)
    .where(and(eq(serviceRecords.id, loaded.record.id), eq(serviceRecords.status, "pending")));
}
