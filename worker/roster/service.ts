import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { memberships, orgs, sessions, users } from "../../schema";
import type { Role } from "../../schema/orgs/values";
import { hashPassword } from "../auth";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError, conflict, invalid, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { readBatch } from "../lib/sql";
import type { OrgRow } from "../orgs";

export interface MemberInput {
  username: string;
  displayName: string;
  phone?: string | null | undefined;
  gender?: "male" | "female" | null | undefined;
  joinedPartyOn?: string | null | undefined;
  cadre?: boolean | undefined;
  password?: string | undefined;
}

/** Members hang from branches and party groups; committees and schools hold roles, not a roster. */
function assertRosterOrg(org: OrgRow) {
  if (org.kind !== "branch" && org.kind !== "group") {
    throw invalid("members belong to a branch or a party group", [{ path: "orgId", code: "not_a_branch" }]);
  }
}

/** The statements that create one member in a branch: account, membership, archive and audit. */
export async function memberStatements(db: Db, actorId: string, org: OrgRow, input: MemberInput, now: number) {
  const id = newId();
  const password = input.password ? await hashPassword(input.password) : {};
  return {
    id,
    statements: [
      db.insert(users).values({
        id,
        username: input.username,
        displayName: input.displayName,
        phone: input.phone ?? null,
        gender: input.gender ?? null,
        joinedPartyOn: input.joinedPartyOn ?? null,
        cadre: input.cadre ?? false,
        ...password,
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(memberships).values({ id: newId(), userId: id, orgId: org.id, role: "member", startedAt: now }),
      archiveInsert(
        db,
        { memberId: id, orgId: org.id, kind: "joined", summary: { orgName: org.name }, recordedBy: actorId },
        now,
      ),
      auditInsert(
        db,
        {
          actorId,
          action: "member_added",
          entity: "user",
          entityId: id,
          orgId: org.id,
          detail: { username: input.username },
        },
        now,
      ),
    ] as const,
  };
}

export async function addMember(db: Db, actorId: string, org: OrgRow, input: MemberInput) {
  assertRosterOrg(org);
  const { id, statements } = await memberStatements(db, actorId, org, input, Date.now());
  try {
    await db.batch(statements);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("this username is taken", [{ path: "username", code: "taken" }]);
    throw err;
  }
  return { id };
}

export async function updateMember(
  db: Db,
  actorId: string,
  userId: string,
  orgId: string | null,
  patch: Partial<Omit<MemberInput, "username" | "password">>,
) {
  await db.batch([
    db
      .update(users)
      .set({ ...patch, updatedAt: Date.now() })
      .where(eq(users.id, userId)),
    auditInsert(db, { actorId, action: "member_updated", entity: "user", entityId: userId, orgId, detail: patch }),
  ]);
}

/** Ends the membership in the old branch and opens one in the new: the history stays. */
export async function transferMember(
  db: Db,
  actorId: string,
  userId: string,
  from: { id: string; name: string },
  to: OrgRow,
) {
  assertRosterOrg(to);
  if (from.id === to.id) throw conflict("the member is already in this branch");
  // A 预备党员's membership moves with their development record (its transfer step), never apart from it.
  const [open] = await readBatch<[{ id: string }]>(db, [
    sql`SELECT id FROM dev_cases WHERE user_id = ${userId} AND status = 'open' LIMIT 1`,
  ]);
  if (open.length)
    throw new ApiError(409, "in_pipeline", "this person is in the development pipeline: move them from their record");
  const now = Date.now();
  await db.batch([
    db
      .update(memberships)
      .set({ endedAt: now })
      .where(
        and(
          eq(memberships.userId, userId),
          eq(memberships.orgId, from.id),
          eq(memberships.role, "member"),
          isNull(memberships.endedAt),
        ),
      ),
    db.insert(memberships).values({ id: newId(), userId, orgId: to.id, role: "member", startedAt: now }),
    archiveInsert(
      db,
      {
        memberId: userId,
        orgId: to.id,
        kind: "transferred",
        summary: { from: from.name, to: to.name },
        recordedBy: actorId,
      },
      now,
    ),
    auditInsert(
      db,
      {
        actorId,
        action: "member_transferred",
        entity: "membership",
        entityId: userId,
        orgId: to.id,
        detail: { from: from.id, to: to.id },
      },
      now,
    ),
  ]);
}

export async function setActive(db: Db, actorId: string, userId: string, orgId: string | null, active: boolean) {
  const now = Date.now();
  await db.batch([
    db.update(users).set({ active, updatedAt: now }).where(eq(users.id, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    auditInsert(
      db,
      {
        actorId,
        action: active ? "member_reactivated" : "member_deactivated",
        entity: "user",
        entityId: userId,
        orgId,
      },
      now,
    ),
  ]);
}

export async function grantRole(db: Db, actorId: string, userId: string, org: OrgRow, role: Role) {
  const now = Date.now();
  try {
    await db.batch([
      db.insert(memberships).values({ id: newId(), userId, orgId: org.id, role, startedAt: now }),
      archiveInsert(
        db,
        {
          memberId: userId,
          orgId: org.id,
          kind: "role_granted",
          summary: { role, orgName: org.name },
          recordedBy: actorId,
        },
        now,
      ),
      auditInsert(
        db,
        { actorId, action: "role_granted", entity: "membership", entityId: userId, orgId: org.id, detail: { role } },
        now,
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("the user already holds this role here");
    throw err;
  }
}

export async function revokeRole(db: Db, actorId: string, userId: string, org: OrgRow, role: Role) {
  const now = Date.now();
  const ended = await db
    .update(memberships)
    .set({ endedAt: now })
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.orgId, org.id),
        eq(memberships.role, role),
        isNull(memberships.endedAt),
      ),
    )
    .returning({ id: memberships.id });
  if (ended.length === 0) throw conflict("the user does not hold this role here");
  await db.batch([
    archiveInsert(
      db,
      {
        memberId: userId,
        orgId: org.id,
        kind: "role_revoked",
        summary: { role, orgName: org.name },
        recordedBy: actorId,
      },
      now,
    ),
    auditInsert(
      db,
      { actorId, action: "role_revoked", entity: "membership", entityId: userId, orgId: org.id, detail: { role } },
      now,
    ),
  ]);
}

export function membershipHistory(db: Db, userId: string) {
  return db
    .select({
      id: memberships.id,
      orgId: orgs.id,
      orgName: orgs.name,
      role: memberships.role,
      startedAt: memberships.startedAt,
      endedAt: memberships.endedAt,
    })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.startedAt));
}

export async function existingUsernames(db: Db, names: string[]) {
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += 90) {
    const rows = await db
      .select({ u: users.username })
      .from(users)
      .where(inArray(users.username, names.slice(i, i + 90)));
    for (const r of rows) found.add(r.u);
  }
  return found;
}
