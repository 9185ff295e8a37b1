import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import {
  APPRAISAL_LEVELS,
  COMMENDATION_KINDS,
  COMMENDATION_TARGETS,
  type CommendationKind,
  type CommendationTarget,
  VANGUARD_BANDS,
} from "../../../schema/commendations/values";
import { api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { useT } from "../../i18n";
import { orgsWithRole } from "../../session";
import { commendationMessages } from "./messages";

const optionalNumber = (v: FormDataEntryValue | null) => {
  const text = optionalText(v);
  return text === null ? undefined : Number(text);
};

/** The rounds an org takes part in, and (for a committee's admin) opening one. */
export default function CommendationsPage() {
  const t = useT(commendationMessages);
  const [orgId, setOrgId] = createSignal("");
  const [rounds, { refetch }] = createResource(
    () => orgId() || undefined,
    (id) => call(api.orgs[":id"].commendations.$get({ param: { id } })),
  );
  const [kind, setKind] = createSignal<CommendationKind>("excellent_member");
  const isAdminHere = () => orgsWithRole("admin").length > 0;
  const opening = createAction(() => t("saved"), refetch);
  const open = async (f: FormData, form: HTMLFormElement) => {
    const vanguard = optionalNumber(f.get("vanguardMin"));
    const masses = optionalNumber(f.get("massesMin"));
    await call(
      api.orgs[":id"].commendations.$post({
        param: { id: orgId() },
        json: {
          name: String(f.get("name") ?? ""),
          kind: kind(),
          ...(kind() === "other" ? { target: String(f.get("target")) as CommendationTarget } : {}),
          year: Number(f.get("year")),
          quota: Number(f.get("quota")),
          criteria: {
            ...(vanguard === undefined ? {} : { vanguardMin: vanguard as (typeof VANGUARD_BANDS)[number] }),
            ...(optionalText(f.get("appraisal"))
              ? { appraisal: String(f.get("appraisal")) as (typeof APPRAISAL_LEVELS)[number] }
              : {}),
            ...(optionalNumber(f.get("serviceHours")) === undefined
              ? {}
              : { serviceHours: optionalNumber(f.get("serviceHours"))! }),
            ...(masses === undefined ? {} : { massesMin: masses / 100 }),
          },
        },
      }),
    );
    // Only the name is cleared: the year, quota and criteria often carry over to the next round.
    (form.elements.namedItem("name") as HTMLInputElement).value = "";
  };
  const branchRound = () => kind() === "advanced_branch";
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <p class="muted">{t("intro")}</p>
      <div class="field">
        <OrgPicker roles={["member", "secretary", "admin"]} value={orgId()} onChange={setOrgId} />
      </div>
      <Show when={rounds()?.items.length} fallback={<p class="muted">{t("none")}</p>}>
        <ul class="cards" id="rounds">
          <For each={rounds()?.items}>
            {(r) => (
              <li class="card">
                <A href={`/commendations/${r.id}`}>{r.name}</A> <span class="tag">{t(r.status)}</span>
                <div class="muted">{t("round", { kind: t(r.kind), year: r.year, quota: r.quota })}</div>
                <div class="muted">{t("by", { org: r.orgName })}</div>
                <Show when={r.noticeStartsOn}>
                  <div class="muted">
                    {t("noticePeriod", { from: r.noticeStartsOn ?? "", to: r.noticeEndsOn ?? "" })}
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={isAdminHere()}>
        <h2>{t("openRound")}</h2>
        <ActionForm action={opening} onSubmit={open} submit={t("openRound")} novalidate>
          <Field label={t("name")} name="name">
            <input name="name" maxlength="100" required />
          </Field>
          <Field label={t("kind")} name="kind">
            <select name="kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as CommendationKind)}>
              <For each={COMMENDATION_KINDS}>{(k) => <option value={k}>{t(k)}</option>}</For>
            </select>
          </Field>
          <Show when={kind() === "other"}>
            <Field label={t("target")} name="target">
              <select name="target">
                <For each={COMMENDATION_TARGETS}>{(x) => <option value={x}>{t(`t_${x}`)}</option>}</For>
              </select>
            </Field>
          </Show>
          <div class="row">
            <Field label={t("year")} name="year">
              <input name="year" type="number" min="2000" max="2100" value={today().slice(0, 4)} required />
            </Field>
            <Field label={t("quota")} name="quota">
              <input name="quota" type="number" min="1" max="1000" value="1" required />
            </Field>
          </div>
          <fieldset>
            <legend>{t("criteria")}</legend>
            <p class="muted">{t("criteriaHint")}</p>
            <Field label={t("vanguardMin")} name="criteria.vanguardMin">
              <select name="vanguardMin">
                <option value="">{t("notAsked")}</option>
                <For each={VANGUARD_BANDS}>{(b) => <option value={b}>{b}</option>}</For>
              </select>
            </Field>
            <Show when={!branchRound()}>
              <Field label={t("appraisal")} name="criteria.appraisal">
                <select name="appraisal">
                  <option value="">{t("notAsked")}</option>
                  <For each={APPRAISAL_LEVELS}>{(g) => <option value={g}>{t(`g_${g}`)}</option>}</For>
                </select>
              </Field>
            </Show>
            <Field label={t("serviceHours")} name="criteria.serviceHours">
              <input name="serviceHours" type="number" min="0" step="0.5" inputmode="decimal" />
            </Field>
            <Field label={t("massesMin")} name="criteria.massesMin">
              <input name="massesMin" type="number" min="0" max="100" inputmode="numeric" />
            </Field>
          </fieldset>
        </ActionForm>
      </Show>
    </section>
  );
}
