import { and, eq, isNull } from "drizzle-orm";
import { memberships, orgs, users } from "../../schema";
import type { Role } from "../../schema/orgs/values";
import type { SessionUser } from "../auth";
import { hasRoleOver } from "../auth";
import type { Caller } from "../env";
import { forbidden, notFound } from "../lib/errors";
import { ANY_ROLE } from "../orgs";

export const ROSTER_ROLES: readonly Role[] = ["secretary", "admin"];

/**
 * A user is someone else's to manage when `roles` cover one of the orgs the user is an active member of.
 * One query: the user and their current memberships with org paths.
 */
export async function authorizedUser({ db, user: caller }: Caller, userId: string, roles: readonly Role[]) {
  const rows = await db
    .select({ user: users, orgId: orgs.id, orgName: orgs.name, path: orgs.path, role: memberships.role })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.endedAt)))
    .leftJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(eq(users.id, userId));
  const first = rows[0];
  if (!first) throw notFound("user");
  const seen = rows.some((r) => r.path && hasRoleOver(caller, r.path, ANY_ROLE));
  if (!seen && caller.id !== userId) throw notFound("user");
  const allowed = rows.some((r) => r.path && hasRoleOver(caller, r.path, roles));
  if (!allowed) throw forbidden();
  const branch = rows.find((r) => r.role === "member");
  const held = rows.flatMap((r) => (r.path && r.role ? [{ path: r.path, role: r.role }] : []));
  return {
    user: first.user,
    branchId: branch?.orgId ?? null,
    branchPath: branch?.path ?? null,
    branchName: branch?.orgName ?? "",
    held,
  };
}

/**
 * A new password hands the account over, so the caller must stand above every role it holds: a secretary
 * resets plain members of their branches, and an office (secretary, school, admin) needs an admin over it.
 */
export function mayResetPassword(caller: SessionUser, held: { path: string; role: Role }[]) {
  return held.every((m) => hasRoleOver(caller, m.path, m.role === "member" ? ROSTER_ROLES : ["admin"]));
}
