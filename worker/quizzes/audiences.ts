import type { SessionUser } from "../auth";
import { publishRoot } from "../banks";
import type { Db } from "../lib/db";
import { listSubtrees } from "../orgs";
import { QUIZ_ROLES } from "./access";

/**
 * The orgs the caller may publish a quiz or a bank's practice to, each with the caller's owner orgs
 * (school or admin) that may choose it: what the pickers offer instead of asking for an id.
 */
export async function publishableAudiences(db: Db, user: SessionUser) {
  const owners = user.memberships.filter((m) => (QUIZ_ROLES as readonly string[]).includes(m.role));
  if (owners.length === 0) return [];
  const roots = [...new Set(owners.map((m) => publishRoot(m.orgPath)))];
  const orgs = await listSubtrees(db, roots);
  return orgs
    .filter((o) => o.kind !== "school")
    .map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      depth: o.path.split("/").length - 3,
      owners: [...new Set(owners.filter((m) => o.path.startsWith(publishRoot(m.orgPath))).map((m) => m.orgId))],
    }));
}
