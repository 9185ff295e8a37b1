import { createResource, For, Show } from "solid-js";
import { MAX_WARN_DAYS } from "../../../schema/evaluations/followups";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime } from "../../components/format";
import { hasRole } from "../../session";
import { type FollowupKey, useFollowupText } from "./followupMessages";

const KEYS = ["planDays", "nextDays", "warnDays"] as const;

/**
 * The follow-up time limits in force under an org, with their source; a committee's admin saves a new
 * version, which follow-ups opened from then on use (earlier ones keep theirs).
 */
export function FollowupRulesPanel(props: { orgId: string }) {
  const { t } = useFollowupText();
  const [rules, { refetch }] = createResource(
    () => props.orgId || null,
    (id) => call(api.orgs[":id"]["eval-followups"].rules.$get({ param: { id } })),
  );
  const action = createAction(() => t("ruleSaved"), refetch);
  const submit = (f: FormData) =>
    call(
      api.orgs[":id"]["eval-followups"].rules.$post({
        param: { id: props.orgId },
        json: {
          planDays: Number(f.get("planDays")),
          nextDays: Number(f.get("nextDays")),
          warnDays: Number(f.get("warnDays")),
          source: String(f.get("source") ?? ""),
          note: String(f.get("note") ?? ""),
        },
      }),
    );
  return (
    <Show when={!rules.error && rules.latest}>
      {(r) => (
        <details class="card-details">
          <summary>
            {t("timeLimits")} · {r().current.id ? t("ruleVersion", { v: r().current.version }) : t("ruleDefault")}
          </summary>
          <DataTable
            rows={[...KEYS]}
            columns={[
              { header: t("timeLimits"), cell: (k) => t(`r_${k}` as FollowupKey) },
              { header: t("ruleValue"), cell: (k) => r().current[k] },
            ]}
          />
          <p class="muted">
            {t("ruleSource")}: {r().current.id ? r().current.source : t("ruleDefaultSource")}
          </p>
          <Show when={r().versions.length}>
            <h3>{t("ruleMine")}</h3>
            <ul>
              <For each={r().versions}>
                {(v) => (
                  <li>
                    {t("ruleVersion", { v: v.version })} · {v.planDays}/{v.nextDays}/{v.warnDays} · {v.note} ·{" "}
                    {formatDateTime(v.createdAt)}
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={hasRole("admin")}>
            <ActionForm action={action} onSubmit={submit} submit={t("ruleSave")} novalidate>
              <div class="row">
                <For each={KEYS}>
                  {(k) => (
                    <Field label={t(`r_${k}` as FollowupKey)} name={k}>
                      <input
                        name={k}
                        type="number"
                        min="1"
                        max={k === "warnDays" ? MAX_WARN_DAYS : 365}
                        value={r().current[k]}
                      />
                    </Field>
                  )}
                </For>
              </div>
              <Field label={t("ruleSource")} name="source">
                <input name="source" required maxlength="300" value={r().current.id ? r().current.source : ""} />
              </Field>
              <Field label={t("ruleNote")} name="note">
                <input name="note" required maxlength="500" />
              </Field>
            </ActionForm>
          </Show>
        </details>
      )}
    </Show>
  );
}
