import { and, asc, eq, getTableColumns, gt, isNull, lt, sql } from "drizzle-orm";
import { orgMemberCounts, orgs } from "../../schema";
import { type OrgKind, type OrgType, parentKindOf } from "../../schema/orgs/values";
import { auditInsert } from "../lib/audit";
import { columnsOf, type Db } from "../lib/db";
import { ApiError, conflict, notFound } from "../lib/errors";
import { createBatchHook } from "../lib/events";
import { newId } from "../lib/ids";
import { childPath, inSubtrees, subtreeEnd, subtreeRange } from "../lib/paths";
import { orgMoving, rebase } from "./moves";

export type OrgRow = typeof orgs.$inferSelect;

const orgColumns = columnsOf(orgs);

/** One org by id, as a plain statement: a remembered session's read batches it with its session check. */
export const orgById = (id: string) => sql`SELECT ${orgColumns.list} FROM orgs WHERE id = ${id}`;
export const readOrg = (row: unknown) => orgColumns.read(row as Record<string, unknown>);

export async function getOrg(db: Db, id: string): Promise<OrgRow | undefined> {
  const [row] = await db.all(orgById(id));
  return row ? readOrg(row) : undefined;
}

/** Every org under the given roots, in one indexed query, ordered so parents precede children. */
export function listSubtrees(db: Db, roots: string[], includeArchived = false) {
  const where = includeArchived
    ? inSubtrees(orgs.path, roots)
    : and(inSubtrees(orgs.path, roots), isNull(orgs.archivedAt));
  return db.select().from(orgs).where(where).orderBy(asc(orgs.path));
}

/** The org tree under the given roots, each org with its kept member counts (direct and in its subtree). */
export function orgTree(db: Db, roots: string[]) {
  return db
    .select({
      ...getTableColumns(orgs),
      members: sql<number>`coalesce(${orgMemberCounts.members}, 0)`,
      subtreeMembers: sql<number>`coalesce(${orgMemberCounts.subtreeMembers}, 0)`,
    })
    .from(orgs)
    .leftJoin(orgMemberCounts, eq(orgMemberCounts.orgId, orgs.id))
    .where(and(inSubtrees(orgs.path, roots), isNull(orgs.archivedAt)))
    .orderBy(asc(orgs.path));
}

interface NewOrg {
  name: string;
  kind: OrgKind;
  orgType: OrgType;
  timeZone?: string | undefined;
}

/** Where an org may stand, whether created or moved: a party group under a branch, any other under a committee. */
function checkParentKind(parent: OrgRow, kind: OrgKind, path: "kind" | "parentId", verb: string) {
  if (parent.kind !== parentKindOf(kind)) {
    throw new ApiError(409, "wrong_parent_kind", `a ${kind} cannot ${verb} under a ${parent.kind}`, { path });
  }
}

/** Refused, as a move is: under an archived org (nobody would see it) or one that cannot hold its kind. */
export async function createOrg(db: Db, actorId: string, parent: OrgRow, input: NewOrg) {
  if (parent.archivedAt) throw new ApiError(409, "org_archived", "an archived organization takes no new one in");
  checkParentKind(parent, input.kind, "kind", "be created");
  const id = newId();
  const row = {
    id,
    parentId: parent.id,
    path: childPath(parent.path, id),
    name: input.name,
    kind: input.kind,
    orgType: input.orgType,
    timeZone: input.timeZone ?? parent.timeZone,
    ownTimeZone: input.timeZone != null && input.timeZone !== parent.timeZone,
    createdAt: Date.now(),
  };
  await db.batch([
    db.insert(orgs).values(row),
    auditInsert(db, { actorId, action: "org_created", entity: "org", entityId: id, orgId: id, detail: input }),
  ]);
  return row;
}

/**
 * A zone set on an org is its own when it differs from its parent's; it reaches every descendant that
 * has none of its own, and not below a descendant that set one (one UPDATE for the whole subtree).
 */
function zoneStatements(db: Db, org: OrgRow, timeZone: string) {
  const end = subtreeEnd(org.path);
  return [
    db
      .update(orgs)
      .set({
        ownTimeZone: sql`coalesce(${timeZone} != (SELECT p.time_zone FROM orgs p WHERE p.id = ${org.parentId}), 1)`,
      })
      .where(eq(orgs.id, org.id)),
    db
      .update(orgs)
      .set({ timeZone })
      .where(
        and(
          gt(orgs.path, org.path),
          lt(orgs.path, end),
          eq(orgs.ownTimeZone, false),
          sql`NOT EXISTS (SELECT 1 FROM orgs m WHERE m.own_time_zone = 1 AND m.path > ${org.path} AND m.path < ${end}
            AND "orgs"."path" > m.path AND "orgs"."path" < substr(m.path, 1, length(m.path) - 1) || '0')`,
        ),
      ),
  ] as const;
}

/**
 * After a move the zone follows the new parent unless the org set its own (which stays, and is its own
 * only while it differs from the new parent's); descendants that inherit follow as on a change of zone.
 */
function movedZoneStatements(db: Db, org: OrgRow, parent: OrgRow, path: string) {
  const moved = { ...org, path, parentId: parent.id };
  const [ownFlag, inherited] = zoneStatements(db, moved, org.ownTimeZone ? org.timeZone : parent.timeZone);
  if (org.ownTimeZone) return [ownFlag];
  if (org.timeZone === parent.timeZone) return [];
  return [db.update(orgs).set({ timeZone: parent.timeZone }).where(eq(orgs.id, org.id)), ownFlag, inherited];
}

/** An org about to take a new name. */
interface OrgRename {
  db: Db;
  org: OrgRow;
  name: string;
}

/**
 * Asked before a rename: a feature that keeps a copy of org names (for an index that sorts by name) answers
 * with the UPDATEs that keep it current, landing in the rename's own batch.
 */
export const orgRenaming = createBatchHook<OrgRename>();

export async function updateOrg(db: Db, actorId: string, org: OrgRow, patch: Partial<NewOrg>) {
  const name = patch.name;
  const copies = name !== undefined && name !== org.name ? await orgRenaming.statements({ db, org, name }) : [];
  await db.batch([
    db.update(orgs).set(patch).where(eq(orgs.id, org.id)),
    ...copies,
    ...(patch.timeZone ? zoneStatements(db, org, patch.timeZone) : []),
    auditInsert(db, { actorId, action: "org_updated", entity: "org", entityId: org.id, orgId: org.id, detail: patch }),
  ]);
  return { ...org, ...patch };
}

/**
 * Re-roots a subtree, and every copy of its paths other features keep (`orgMoving`), in one batch: a
 * failure anywhere leaves nothing moved. Refused: the root; under itself or a descendant; an archived org
 * or into one (its members would vanish from every list); under an org that cannot hold it (a group goes
 * under a branch, anything else under a committee); and whatever a feature refuses (an evaluation cycle
 * still open there under a committee the subtree leaves).
 */
export async function moveOrg(db: Db, actorId: string, org: OrgRow, parent: OrgRow) {
  if (!org.parentId) throw conflict("the root organization cannot be moved");
  if (parent.path.startsWith(org.path)) {
    throw conflict("an organization cannot move under itself or its own descendants", { path: "parentId" });
  }
  if (org.archivedAt || parent.archivedAt) {
    throw new ApiError(409, "org_archived", "an archived organization neither moves nor takes one in");
  }
  checkParentKind(parent, org.kind, "parentId", "move");
  const move = { db, org, parent, from: org.path, to: childPath(parent.path, org.id) };
  // The copies before the orgs: they find what moves by the old paths, and the due_work trigger on
  // orgs.path reads the schedules' paths as they will be.
  const copies = await orgMoving.statements(move);
  await db.batch([
    auditInsert(db, {
      actorId,
      action: "org_moved",
      entity: "org",
      entityId: org.id,
      orgId: org.id,
      detail: { from: org.parentId, to: parent.id },
    }),
    ...copies,
    rebase(move, orgs, "path"),
    db.update(orgs).set({ parentId: parent.id }).where(eq(orgs.id, org.id)),
    ...movedZoneStatements(db, org, parent, move.to),
  ]);
}

/** Archiving needs an empty subtree: members are transferred first, so nobody loses their branch. */
export async function archiveOrg(db: Db, actorId: string, org: OrgRow) {
  if (!org.parentId) throw conflict("the root organization cannot be archived");
  // The kept count of the people in its subtree: no scan, and a person in two of its branches once.
  const [active] = await db
    .select({ n: orgMemberCounts.subtreeMembers })
    .from(orgMemberCounts)
    .where(eq(orgMemberCounts.orgId, org.id));
  if ((active?.n ?? 0) > 0)
    throw conflict("transfer this organization's members before archiving it", { members: active?.n });
  const now = Date.now();
  await db.batch([
    db
      .update(orgs)
      .set({ archivedAt: now })
      .where(and(subtreeRange(orgs.path, org.path), isNull(orgs.archivedAt))),
    auditInsert(db, { actorId, action: "org_archived", entity: "org", entityId: org.id, orgId: org.id }, now),
  ]);
}

export async function requireOrg(db: Db, id: string) {
  const org = await getOrg(db, id);
  if (!org) throw notFound("organization");
  return org;
}
