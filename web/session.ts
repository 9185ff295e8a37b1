import { createResource } from "solid-js";
import { api, call } from "./api";

export type Role = "member" | "secretary" | "school" | "admin";

async function fetchMe() {
  return call(api.me.$get());
}

const [me, { refetch, mutate }] = createResource(async () => {
  try {
    return await fetchMe();
  } catch {
    return null;
  }
});

export { me };
export const refreshMe = () => refetch();
export const clearMe = () => mutate(null);

export const hasRole = (...roles: Role[]) => (me()?.memberships ?? []).some((m) => roles.includes(m.role));
/** Orgs where the user holds one of the roles (the roots of what they may manage). */
export const orgsWithRole = (...roles: Role[]) => (me()?.memberships ?? []).filter((m) => roles.includes(m.role));
