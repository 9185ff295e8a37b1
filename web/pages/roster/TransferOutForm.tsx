import { createResource, createSignal, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { confirmAction } from "../../components/ConfirmDialog";
import type { Action } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { SearchPicker } from "../../components/SearchPicker";
import { useT } from "../../i18n";
import { transferMessages } from "./transfer-messages";

/**
 * The out-letter (转出): the destination organisation, then its branch by name (read from that
 * organisation's own list), and a note. Shown only where the Worker serves other organisations.
 */
export function TransferOutForm(props: { member: { id: string; displayName: string }; action: Action }) {
  const t = useT(transferMessages);
  const [tenants] = createResource(async () => (await call(api.transfers.tenants.$get())).items);
  const [tenant, setTenant] = createSignal("");
  const [query, setQuery] = createSignal("");
  // The branch as chosen (kept while a new search replaces the list it was chosen from).
  const [chosen, setChosen] = createSignal<{ id: string; name: string } | null>(null);
  const [branches] = createResource(
    () => (tenant() ? { tenant: tenant(), q: query() } : null),
    async ({ tenant, q }) =>
      (await call(api.transfers.tenants[":tenant"].branches.$get({ param: { tenant }, query: { q: q || undefined } })))
        .items,
  );
  return (
    <Show when={(tenants()?.length ?? 0) > 0}>
      <ActionForm
        action={props.action}
        submit={t("send")}
        primary={false}
        feedback={false}
        onSubmit={async (f) => {
          const to = chosen();
          const place = tenants()?.find((x) => x.id === tenant())?.name ?? "";
          if (!to) return; // the select is required: the browser asks for it first
          const ok = await confirmAction(
            t("confirmSend", { name: props.member.displayName, to: `${place} ${to.name}` }),
            t("send"),
          );
          if (!ok) return;
          const note = String(f.get("note") ?? "").trim();
          await call(
            api.users[":id"]["transfer-out"].$post({
              param: { id: props.member.id },
              json: { tenant: tenant(), toOrgId: to.id, note: note || undefined },
            }),
          );
        }}
      >
        <h3>{t("outTitle")}</h3>
        <p class="muted">{t("outHint")}</p>
        <SearchPicker
          label={t("tenant")}
          items={(tenants() ?? []).map((x) => ({ id: x.id, label: x.name }))}
          value={tenant()}
          onChange={(id) => {
            setTenant(id);
            setChosen(null);
          }}
          required
        />
        <Show when={tenant()}>
          <Field label={t("findBranch")}>
            <input
              id="transfer-branch-q"
              type="search"
              value={query()}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          </Field>
          <SearchPicker
            label={t("branch")}
            name="toOrgId"
            items={(branches() ?? []).map((b) => ({
              id: b.id,
              label: b.parentName ? `${b.name}（${b.parentName}）` : b.name,
            }))}
            value={chosen()?.id ?? ""}
            onChange={(id) => setChosen(branches()?.find((b) => b.id === id) ?? null)}
            required
          />
        </Show>
        <Field label={t("note")} name="note">
          <textarea id="transfer-note" name="note" rows="2" maxlength="500" />
        </Field>
      </ActionForm>
    </Show>
  );
}
