import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { memberships, orgs, pledges, pledgeUpdates, users } from "../../schema";
import { MAX_PLEDGES, type PledgeStatus, pledgeKey, type RatingItem } from "../../schema/masses/values";
import type { SessionUser } from "../auth";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError, conflict, forbidden, invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import type { OrgRow } from "../orgs";

/**
 * 民考 (承诺、践诺、评诺): a member's few yearly service pledges. The member proposes (or the branch
 * sets) them, the branch approves, the member records progress, and at year end a pledge round asks
 * the masses, through one-time links, whether each was kept (see createRound, target "pledge").
 */

const full = () =>
  new ApiError(409, "quota_exceeded", `at most ${MAX_PLEDGES} pledges per member and year`, { max: MAX_PLEDGES });

/**
 * One statement that adds the pledge only while the member has fewer than MAX_PLEDGES (not rejected)
 * for the year and is an active member of the org: the limit holds under concurrent requests.
 */
async function insertPledge(db: Db, row: typeof pledges.$inferInsert) {
  const inserted = await db
    .insert(pledges)
    .select(
      sql`SELECT ${row.id}, ${row.orgId}, ${row.memberId}, ${row.year}, ${row.text}, ${row.status}, ${row.createdBy},
          ${row.createdAt}, ${row.decidedBy ?? null}, ${row.decidedAt ?? null}
        WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = ${row.memberId} AND m.org_id = ${row.orgId}
            AND m.role = 'member' AND m.ended_at IS NULL)
          AND (SELECT count(*) FROM pledges p WHERE p.member_id = ${row.memberId} AND p.year = ${row.year}
            AND p.status <> 'rejected') < ${MAX_PLEDGES}`,
    )
    .returning({ id: pledges.id });
  return inserted.length === 1;
}

const isMember = (db: Db, orgId: string, userId: string) =>
  db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.orgId, orgId),
        eq(memberships.userId, userId),
        eq(memberships.role, "member"),
        isNull(memberships.endedAt),
      ),
    )
    .limit(1);

/** The branch sets a pledge for one of its members: approved at once. */
export async function setPledge(
  db: Db,
  actorId: string,
  org: OrgRow,
  input: { memberId: string; year: number; text: string },
  now: number,
) {
  if (org.kind !== "branch" && org.kind !== "group") {
    throw invalid("pledges belong to a branch", [{ path: "orgId", code: "not_a_branch" }]);
  }
  const id = newId();
  const row = { id, orgId: org.id, ...input, status: "approved" as const, createdBy: actorId, createdAt: now };
  if (!(await insertPledge(db, { ...row, decidedBy: actorId, decidedAt: now }))) {
    const [member] = await isMember(db, org.id, input.memberId);
    if (!member) throw invalid("not a member of this branch", [{ path: "memberId", code: "not_a_member" }]);
    throw full();
  }
  return { id, status: row.status };
}

/** A member proposes their own pledge in a branch they belong to; the branch approves it. */
export async function proposePledge(db: Db, user: SessionUser, input: { orgId: string; year: number; text: string }) {
  if (!user.memberships.some((m) => m.orgId === input.orgId && m.role === "member")) {
    throw invalid("you are not a member of this branch", [{ path: "orgId", code: "not_a_member" }]);
  }
  const id = newId();
  const ok = await insertPledge(db, {
    id,
    ...input,
    memberId: user.id,
    status: "proposed",
    createdBy: user.id,
    createdAt: Date.now(),
  });
  if (!ok) throw full();
  return { id, status: "proposed" as const };
}

export async function getPledge(db: Db, id: string) {
  const [row] = await db
    .select({ pledge: pledges, orgPath: orgs.path })
    .from(pledges)
    .innerJoin(orgs, eq(orgs.id, pledges.orgId))
    .where(eq(pledges.id, id))
    .limit(1);
  return row;
}
type Pledge = typeof pledges.$inferSelect;

export async function decidePledge(db: Db, actorId: string, pledge: Pledge, approve: boolean, now: number) {
  if (pledge.status !== "proposed") throw conflict("this pledge has already been decided");
  const status: PledgeStatus = approve ? "approved" : "rejected";
  const [updated] = await db.batch([
    db
      .update(pledges)
      .set({ status, decidedBy: actorId, decidedAt: now })
      .where(and(eq(pledges.id, pledge.id), eq(pledges.status, "proposed")))
      .returning({ id: pledges.id }),
    auditInsert(
      db,
      { actorId, action: `pledge_${status}`, entity: "pledge", entityId: pledge.id, orgId: pledge.orgId },
      now,
    ),
  ]);
  if (!updated.length) throw conflict("this pledge has already been decided");
  return { status };
}

/** 践诺: only the member who made the pledge records progress on it, once it is approved. */
export async function addProgress(db: Db, user: SessionUser, pledge: Pledge, note: string, now: number) {
  if (pledge.memberId !== user.id) throw forbidden();
  if (pledge.status !== "approved") throw conflict("progress is recorded on approved pledges");
  const id = newId();
  await db.insert(pledgeUpdates).values({ id, pledgeId: pledge.id, note, createdAt: now });
  return { id };
}

const updatesOf = sql<string>`(SELECT json_group_array(json_object('note', u.note, 'at', u.created_at))
  FROM (SELECT note, created_at FROM pledge_updates WHERE pledge_id = ${pledges.id} ORDER BY created_at) u)`;

const pledgeColumns = {
  id: pledges.id,
  orgId: pledges.orgId,
  memberId: pledges.memberId,
  year: pledges.year,
  text: pledges.text,
  status: pledges.status,
  createdAt: pledges.createdAt,
  updates: updatesOf.as("updates"),
};
// Spread over a generic row, `updates` would be typed `string & Update[]`: the row without it is spread.
const parsed = <R extends { updates: string }>(rows: R[]) =>
  rows.map(({ updates, ...r }) => ({ ...r, updates: JSON.parse(updates) as { note: string; at: number }[] }));

/** One query: the branch's pledges of a year with their members and progress, by member. */
export async function listPledges(db: Db, org: OrgRow, year: number) {
  const rows = await db
    .select({ ...pledgeColumns, memberName: users.displayName })
    .from(pledges)
    .innerJoin(users, eq(users.id, pledges.memberId))
    .where(and(eq(pledges.orgId, org.id), eq(pledges.year, year)))
    .orderBy(asc(users.displayName), asc(pledges.createdAt));
  return parsed(rows);
}

/** One query: the caller's own pledges of a year, in every branch they belong to. */
export async function myPledges(db: Db, userId: string, year: number) {
  const rows = await db
    .select({ ...pledgeColumns, orgName: orgs.name })
    .from(pledges)
    .innerJoin(orgs, eq(orgs.id, pledges.orgId))
    .where(and(eq(pledges.memberId, userId), eq(pledges.year, year)))
    .orderBy(asc(pledges.createdAt));
  return parsed(rows);
}

/**
 * A pledge round's ratees and items: the members with approved pledges in the branch that year (or the
 * chosen ones among them), one item per pledge, labelled with its text. One query.
 */
export async function pledgeItems(db: Db, orgId: string, year: number, rateeIds?: string[]) {
  const all = await db
    .select({ id: pledges.id, memberId: pledges.memberId, text: pledges.text, name: users.displayName })
    .from(pledges)
    .innerJoin(users, eq(users.id, pledges.memberId))
    .where(and(eq(pledges.orgId, orgId), eq(pledges.year, year), eq(pledges.status, "approved")))
    .orderBy(asc(users.displayName), asc(pledges.createdAt));
  // Chosen members are picked here, not bound as parameters: up to 200 ids would pass D1's 100.
  const wanted = rateeIds && new Set(rateeIds);
  const rows = wanted ? all.filter((r) => wanted.has(r.memberId)) : all;
  const ratees = [...new Map(rows.map((r) => [r.memberId, { id: r.memberId, name: r.name }])).values()];
  if (wanted && ratees.length !== wanted.size) {
    throw invalid("some members have no approved pledge this year", [{ path: "rateeIds", code: "not_a_member" }]);
  }
  const items: RatingItem[] = rows.map((r) => ({
    key: pledgeKey(r.id),
    label: { "zh-CN": r.text, "zh-TW": r.text, en: r.text },
    rateeId: r.memberId,
  }));
  return { ratees, items };
}
