import { createResource } from "solid-js";
import { api, call } from "../api";
import { me, orgsWithRole } from "../session";

/** Orgs the caller leads (secretary or admin) and everything below them, as choices for a select. */
export function useLedOrgs(kinds: readonly string[]) {
  // Keyed on the session, so a page opened directly waits for it instead of seeing no roles.
  const [orgs] = createResource(
    () => me()?.memberships,
    async () => {
      const leaders = orgsWithRole("secretary", "admin");
      const { items } = await call(api.orgs.$get());
      return items.filter(
        (o) => kinds.includes(o.kind) && !o.archivedAt && leaders.some((l) => o.path.includes(`/${l.orgId}/`)),
      );
    },
  );
  return orgs;
}

/** Committees the caller administers (directly or below an org they administer): where models and templates live. */
export function useAdminCommittees() {
  // Keyed on the session, so a page opened directly waits for it instead of seeing no roles.
  const [orgs] = createResource(
    () => me()?.memberships,
    async () => {
      const admin = orgsWithRole("admin");
      const { items } = await call(api.orgs.$get());
      return items.filter(
        (o) => o.kind === "committee" && !o.archivedAt && admin.some((l) => o.path.includes(`/${l.orgId}/`)),
      );
    },
  );
  return orgs;
}
