import { createResource, createSignal, For } from "solid-js";
import { api, call } from "../../api";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { talentMessages } from "./messages";

/** Chooses a member of an org's subtree by name (no ids typed): a search box and a list. */
export function MemberPicker(props: { orgId: string; name: string; label?: string; id?: string }) {
  const t = useT(talentMessages);
  const [q, setQ] = createSignal("");
  const [members] = createResource(
    () => (props.orgId ? { id: props.orgId, q: q() } : undefined),
    ({ id, q }) => call(api.orgs[":id"].members.$get({ param: { id }, query: { limit: "100", ...(q ? { q } : {}) } })),
  );
  return (
    <>
      <Field label={t("search")}>
        <input type="search" onInput={(e) => setQ(e.currentTarget.value.trim())} />
      </Field>
      <Field label={props.label ?? t("pickMember")} name={props.name}>
        <select id={props.id ?? `${props.name}-picker`} name={props.name} required>
          <For each={members()?.items}>
            {(m) => <option value={m.id}>{`${m.displayName}${m.orgName ? ` · ${m.orgName}` : ""}`}</option>}
          </For>
        </select>
      </Field>
    </>
  );
}
