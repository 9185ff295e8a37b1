import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { TEMPLATE_TARGETS, type TemplateTarget } from "../../../schema/masses/values";
import { ApiFailure, api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { useAdminCommittees } from "../../components/orgOptions";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { type TemplateDraft, TemplateItem } from "./TemplateItem";
import { templateMessages } from "./templateMessages";

/** A key the API accepts and no other item has: item_1, item_2, … */
const freshKey = (items: { key: string }[]) => {
  let n = items.length + 1;
  while (items.some((i) => i.key === `item_${n}`)) n++;
  return `item_${n}`;
};

/** Committee admins: per target (members / branch), the items the masses rate, saved as the committee's template. */
export default function TemplatePage() {
  const t = useT(templateMessages);
  const committees = useAdminCommittees();
  const [orgId, setOrgId] = createSignal("");
  createEffect(() => {
    if (!orgId() && committees()?.[0]) setOrgId(committees()?.[0]?.id ?? "");
  });
  const [target, setTarget] = createSignal<TemplateTarget>("member");
  const [tpl, { refetch }] = createResource(
    () => (orgId() ? { id: orgId(), target: target() } : false),
    (q) => call(api.orgs[":id"]["rating-template"].$get({ param: { id: q.id }, query: { target: q.target } })),
  );
  const [draft, setDraft] = createStore<TemplateDraft>({ name: "", items: [] });
  createEffect(() => {
    const v = tpl();
    if (v) setDraft(reconcile({ name: v.id ? v.name : "", items: structuredClone(v.items) }));
  });
  const action = createAction(() => t("saved"), refetch);
  const save = (e: Event) => {
    e.preventDefault();
    return action.run(() =>
      call(
        api.orgs[":id"]["rating-templates"].$post({
          param: { id: orgId() },
          json: { target: target(), name: draft.name, items: draft.items },
        }),
      ),
    );
  };
  const itemsErr = () => {
    const d = action.error() instanceof ApiFailure ? (action.error() as ApiFailure).field("items") : undefined;
    if (d?.code === "too_small") return t("none");
    if (d?.code === "duplicate_key") return t("duplicate_key");
    return fieldText(action.error(), "items");
  };
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <div class="row">
        <Show when={(committees()?.length ?? 0) > 1}>
          <Field label={t("committee")}>
            <select value={orgId()} onChange={(e) => setOrgId(e.currentTarget.value)}>
              <For each={committees()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
            </select>
          </Field>
        </Show>
        <Field label={t("target")}>
          <select
            value={target()}
            onChange={(e) => {
              action.setError(null);
              setTarget(e.currentTarget.value as TemplateTarget);
            }}
          >
            <For each={TEMPLATE_TARGETS}>{(x) => <option value={x}>{t(`t_${x}`)}</option>}</For>
          </select>
        </Field>
      </div>
      <Show when={tpl()}>{(v) => <p class="muted">{t("source", { name: v().id ? v().name : t("builtIn") })}</p>}</Show>
      <form class="template-form" noValidate onSubmit={save}>
        <Field label={t("name")} error={fieldText(action.error(), "name")}>
          <input maxLength={100} value={draft.name} onInput={(e) => setDraft("name", e.currentTarget.value)} />
        </Field>
        <h2>{t("items")}</h2>
        <Show when={itemsErr()}>{(m) => <p class="field-error">{m()}</p>}</Show>
        <ol class="cards">
          <For each={draft.items}>
            {(_, i) => <TemplateItem draft={draft} set={setDraft} index={i()} error={action.error()} />}
          </For>
        </ol>
        <div class="item-actions">
          <button
            type="button"
            disabled={draft.items.length >= 20}
            onClick={() =>
              setDraft("items", (items) => [
                ...items,
                { key: freshKey(items), label: { "zh-CN": "", "zh-TW": "", en: "" } },
              ])
            }
          >
            {t("add")}
          </button>
          <button type="submit">{t("save")}</button>
        </div>
        <Feedback error={action.error()} notice={action.notice()} />
      </form>
    </section>
  );
}
