import { createResource, createSignal, For, Index, Show } from "solid-js";
import type { StudyRuleInput } from "../../../schema/courses/validation";
import { STUDY_RULE_FIELDS, type StudyRuleKind } from "../../../schema/courses/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { DataTable } from "../../components/DataTable";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDate } from "../../components/format";
import { useT } from "../../i18n";
import { rulesMessages } from "./rulesMessages";

type RuleField = (typeof STUDY_RULE_FIELDS)[StudyRuleKind][number];

/**
 * The study rules of a committee or party school: per rule, the version in force this year with its
 * source, every version along the org's path, and (for the org that sets the rule) a form for a new one.
 */
export default function StudyRulesPage() {
  const t = useT(rulesMessages);
  const [orgs] = createResource(async () =>
    (await call(api.orgs.$get())).items.filter((o) => o.kind === "committee" || o.kind === "school"),
  );
  const [picked, setPicked] = createSignal("");
  const orgId = () => picked() || orgs()?.[0]?.id || "";
  const org = () => orgs()?.find((o) => o.id === orgId());
  const [rules, { refetch }] = createResource(orgId, (id) =>
    id ? call(api.orgs[":id"]["study-rules"].$get({ param: { id } })) : null,
  );
  const submit = (kind: StudyRuleKind) => (f: FormData) =>
    call(
      api.orgs[":id"]["study-rules"].$post({
        param: { id: orgId() },
        json: {
          kind,
          fromYear: Number(f.get("fromYear")),
          values: Object.fromEntries(STUDY_RULE_FIELDS[kind].map((k) => [k, Number(f.get(k))])),
          source: String(f.get("source") ?? ""),
          note: String(f.get("note") ?? ""),
        } as StudyRuleInput,
      }),
    );
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <p class="muted">{t("intro")}</p>
      <div class="form">
        <label for="rules-org">{t("org")}</label>
        <select id="rules-org" value={orgId()} onChange={(e) => setPicked(e.currentTarget.value)}>
          <For each={orgs()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
        </select>
      </div>
      <Show when={rules()}>
        {(r) => (
          // Index, not For: a saved version refetches the rules without closing the form or losing its notice.
          <Index each={r().kinds.filter((k) => k.setter === org()?.kind)}>
            {(kind) => {
              const k = () => kind();
              const action = createAction(() => t("saved"), refetch);
              const label = (f: string) => t(f as RuleField);
              const source = () =>
                k().versions.find((v) => v.orgId === k().inForce.orgId && v.version === k().inForce.version)?.source ??
                k().defaultSource;
              return (
                <article class="card" style={{ display: "block", "margin-block-end": "1rem" }} data-kind={k().kind}>
                  <h2>{t(`kind_${k().kind}`)}</h2>
                  <p>
                    {k().inForce.orgId
                      ? t("inForce", { y: r().year, v: k().inForce.version, from: k().inForce.fromYear ?? "" })
                      : t("inForceDefault", { y: r().year })}
                    {k().inForce.orgId && k().inForce.orgId !== orgId() ? ` · ${t("inheritedFrom")}` : ""}
                  </p>
                  <DataTable
                    rows={STUDY_RULE_FIELDS[k().kind] as readonly string[]}
                    columns={[
                      { header: t("item"), cell: (f) => label(f) },
                      { header: t("value"), cell: (f) => (k().inForce.values as Record<string, number>)[f] },
                    ]}
                  />
                  <p class="muted">
                    {t("source")}：{source()}
                  </p>
                  <h3>{t("versions")}</h3>
                  <DataTable
                    rows={k().versions}
                    empty={t("noVersions")}
                    columns={[
                      {
                        header: t("version"),
                        cell: (v) => `${v.version}${v.orgId === orgId() ? "" : ` · ${t("inheritedFrom")}`}`,
                      },
                      { header: t("fromYear"), cell: (v) => v.fromYear },
                      {
                        header: t("value"),
                        cell: (v) =>
                          STUDY_RULE_FIELDS[k().kind].map((f) => `${label(f)} ${v.values[f] ?? "—"}`).join("；"),
                      },
                      { header: t("source"), cell: (v) => v.source },
                      { header: t("note"), cell: (v) => v.note || "—" },
                      { header: t("createdAt"), cell: (v) => formatDate(v.createdAt) },
                    ]}
                  />
                  <details class="card-details">
                    <summary>{t("newVersion")}</summary>
                    <ActionForm action={action} onSubmit={submit(k().kind)} submit={t("save")} novalidate>
                      <Field label={t("fromYear")} name="fromYear">
                        <input name="fromYear" type="number" min="2000" max="2100" value={r().year} />
                      </Field>
                      <For each={STUDY_RULE_FIELDS[k().kind] as readonly string[]}>
                        {(f) => (
                          <Field label={label(f)} name={`values.${f}`}>
                            <input
                              name={f}
                              type="number"
                              min="0"
                              step="0.05"
                              value={(k().inForce.values as Record<string, number>)[f]}
                            />
                          </Field>
                        )}
                      </For>
                      <Field label={t("source")} name="source">
                        <input name="source" required maxlength="500" value={source()} />
                      </Field>
                      <Field label={t("note")} name="note">
                        <input name="note" maxlength="500" />
                      </Field>
                    </ActionForm>
                  </details>
                </article>
              );
            }}
          </Index>
        )}
      </Show>
    </section>
  );
}
