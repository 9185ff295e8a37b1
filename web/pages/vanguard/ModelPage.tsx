import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { ApiFailure, api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatScore } from "../../components/format";
import { useAdminCommittees } from "../../components/orgOptions";
import { useT } from "../../i18n";
import { ModelItemRow } from "./ModelItemRow";
import { baseSum, type Draft, modelFieldText, toBody, toDraft } from "./modelDraft";
import { modelMessages } from "./modelMessages";

/** Committee admins: the current model version (or the built-in default), edited and saved as a new version. */
export default function ModelPage() {
  const t = useT(modelMessages);
  const committees = useAdminCommittees();
  const [orgId, setOrgId] = createSignal("");
  createEffect(() => {
    if (!orgId() && committees()?.[0]) setOrgId(committees()?.[0]?.id ?? "");
  });
  const [model, { refetch }] = createResource(
    () => orgId() || false,
    (id) => call(api.orgs[":id"].vanguard.model.$get({ param: { id } })),
  );
  const [draft, setDraft] = createStore<Draft>({ name: "", base: 0, bonusCap: 0, deductionCap: 0, items: [] });
  createEffect(() => {
    const m = model();
    if (m) setDraft(reconcile(toDraft(m.name, m.definition)));
  });
  const [savedVersion, setSavedVersion] = createSignal(0);
  const action = createAction(() => t("saved", { v: savedVersion() }), refetch);
  const save = async () => {
    const r = await call(api.orgs[":id"].vanguard.models.$post({ param: { id: orgId() }, json: toBody(draft) }));
    setSavedVersion(r.version);
  };
  const err = (path: string) => modelFieldText(action.error(), path, t);
  const itemsErr = () =>
    action.error() instanceof ApiFailure &&
    (action.error() as ApiFailure).field("definition.items")?.code === "too_small"
      ? t("none")
      : err("definition.items");
  const num = (field: "base" | "bonusCap" | "deductionCap") => (
    <Field label={t(field)} error={err(`definition.${field}`)}>
      <input
        id={`vm-${field}`}
        type="number"
        inputmode="decimal"
        min="0"
        max="100"
        step="0.5"
        value={draft[field]}
        onInput={(e) => setDraft(field, e.currentTarget.valueAsNumber)}
      />
    </Field>
  );
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <Show when={(committees()?.length ?? 0) > 1}>
        <Field label={t("committee")}>
          <select id="vm-org" value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
            <For each={committees()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
          </select>
        </Field>
      </Show>
      <Show when={model()}>
        {(m) => (
          <p class="model-version">
            {m().version === 0 ? t("builtIn") : t("current", { v: m().version, name: m().name })}
          </p>
        )}
      </Show>
      <p class="muted">{t("noHistory")}</p>
      <Show when={model()}>
        <ActionForm action={action} onSubmit={save} submit={t("save")} primary={false} class="model-form" novalidate>
          <Field label={t("name")} name="name">
            <input
              id="vm-name"
              maxLength={100}
              value={draft.name}
              onInput={(e) => setDraft("name", e.currentTarget.value)}
            />
          </Field>
          <div class="row">
            {num("base")}
            {num("bonusCap")}
            {num("deductionCap")}
          </div>
          <p class={baseSum(draft) === draft.base ? "muted" : "warn"}>
            {t("baseSum", { sum: formatScore(baseSum(draft)), base: formatScore(draft.base) })}
          </p>
          <h2>{t("items")}</h2>
          <Show when={itemsErr()}>{(m) => <p class="field-error">{m()}</p>}</Show>
          <ul class="cards">
            <For each={draft.items}>
              {(_, i) => <ModelItemRow draft={draft} set={setDraft} index={i()} error={action.error()} />}
            </For>
          </ul>
        </ActionForm>
      </Show>
    </section>
  );
}
