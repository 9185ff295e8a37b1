import { createEffect, createResource, For } from "solid-js";
import { api, call } from "../api";
import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";
import type { Role } from "../session";
import { orgsWithRole } from "../session";

/** The orgs under the caller's roles (committees and branches), indented by depth. */
export function OrgPicker(props: { roles: Role[]; value: string; onChange: (id: string) => void }) {
  const t = useT(shellMessages);
  const [orgs] = createResource(async () => {
    const roots = orgsWithRole(...props.roles).map((m) => m.orgId);
    const all = (await call(api.orgs.$get())).items;
    const rootPaths = all.filter((o) => roots.includes(o.id)).map((o) => o.path);
    return all.filter((o) => o.kind !== "school" && rootPaths.some((p) => o.path.startsWith(p)));
  });
  createEffect(() => {
    const first = orgs()?.[0];
    if (!props.value && first) props.onChange(first.id);
  });
  return (
    <>
      <label for="org-picker">{t("chooseOrg")}</label>
      <select id="org-picker" value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="" disabled>
          —
        </option>
        <For each={orgs()}>
          {(o) => <option value={o.id}>{`${"· ".repeat(o.path.split("/").length - 3)}${o.name}`}</option>}
        </For>
      </select>
    </>
  );
}
