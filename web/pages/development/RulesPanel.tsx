import { createResource, For, Show } from "solid-js";
import { RULE_KEYS, type RuleKey } from "../../../schema/development/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { hasRole } from "../../session";
import type { DevKey } from "./messages";
import { useDevText } from "./text";

/** The time rules in force under an org with their sources; a committee's admin saves a new version. */
export function RulesPanel(props: { orgId: string }) {
  const { t, failure } = useDevText();
  const [rules, { refetch }] = createResource(
    () => props.orgId,
    (id) => call(api.orgs[":id"].development.rules.$get({ param: { id } })),
  );
  const action = createAction(() => t("saved"), refetch);
  const label = (k: RuleKey) => t(`r_${k}` as DevKey);
  const submit = (f: FormData) =>
    call(
      api.orgs[":id"].development.rules.$post({
        param: { id: props.orgId },
        json: {
          values: Object.fromEntries(RULE_KEYS.map((k) => [k, Number(f.get(`v-${k}`))])) as Record<RuleKey, number>,
          sources: Object.fromEntries(RULE_KEYS.map((k) => [k, String(f.get(`s-${k}`) ?? "")])) as Record<
            RuleKey,
            string
          >,
          note: String(f.get("note") ?? ""),
        },
      }),
    );
  return (
    <details class="card-details">
      <summary>
        {t("rules")} · {rules()?.current.id ? t("ruleVersion", { v: rules()?.current.version ?? 0 }) : t("ruleDefault")}
      </summary>
      <Show when={rules()}>
        {(r) => (
          <>
            <DataTable
              rows={RULE_KEYS}
              columns={[
                { header: t("rules"), cell: (k) => label(k) },
                { header: t("ruleValue"), cell: (k) => r().current.values[k] },
                { header: t("ruleSource"), cell: (k) => r().current.sources[k] },
              ]}
            />
            <Show when={hasRole("admin")}>
              <ActionForm action={action} onSubmit={submit} submit={t("save")} text={failure} novalidate>
                <For each={RULE_KEYS}>
                  {(k) => (
                    <div class="row">
                      <Field label={label(k)}>
                        <input name={`v-${k}`} type="number" min="0" max="120" value={r().current.values[k]} />
                      </Field>
                      <Field label={t("ruleSource")}>
                        <input name={`s-${k}`} value={r().current.sources[k]} />
                      </Field>
                    </div>
                  )}
                </For>
                <Field label={t("ruleNote")} name="note">
                  <input name="note" required maxlength="500" />
                </Field>
              </ActionForm>
            </Show>
          </>
        )}
      </Show>
    </details>
  );
}
