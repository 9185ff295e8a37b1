import type { Role } from "../../schema/orgs/values";
import { forbidden, notFound } from "../lib/errors";
import type { SessionMembership, SessionUser } from "./session";

const covers = (m: SessionMembership, path: string) => path.startsWith(m.orgPath);

/**
 * The one rule for every access: a role granted on an org covers that org's whole subtree.
 * No role of any kind over the target answers 404 (ids from elsewhere reveal nothing);
 * a visible org without the needed role answers 403.
 */
export function authorizePath(
  user: SessionUser,
  path: string | null | undefined,
  roles: readonly Role[],
  what = "organization",
) {
  if (!path) throw notFound(what);
  const over = user.memberships.filter((m) => covers(m, path));
  if (over.length === 0) throw notFound(what);
  if (!over.some((m) => roles.includes(m.role))) throw forbidden();
}

/** True when some role in `roles` covers the path. */
export function hasRoleOver(user: SessionUser, path: string, roles: readonly Role[]) {
  return user.memberships.some((m) => covers(m, path) && roles.includes(m.role));
}

/** The org paths where the user holds one of `roles`: the roots of what they may see. */
export function rootsFor(user: SessionUser, roles: readonly Role[]): string[] {
  const paths = user.memberships.filter((m) => roles.includes(m.role)).map((m) => m.orgPath);
  // Drop paths inside another root, so subtree queries do not repeat rows.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}
