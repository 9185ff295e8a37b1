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

/**
 * authorizePath for what is reached from several orgs: allowed when a role in `roles` covers one of them,
 * else refused as the first one the user can see (403), or as unseen (404).
 */
export function authorizeAnyPath(user: SessionUser, paths: readonly string[], roles: readonly Role[], what?: string) {
  const allowed = paths.find((p) => hasRoleOver(user, p, roles));
  const seen = paths.find((p) => user.memberships.some((m) => covers(m, p)));
  authorizePath(user, allowed ?? seen ?? paths[0], roles, what);
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
