import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { SELECTION_CHANNELS } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDate, today } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { MemberPicker } from "./MemberPicker";
import { talentMessages } from "./messages";
import { SecretaryReviews } from "./SecretaryReviews";

const RESULT_LABELS = {
  appraisal_grade: "r_appraisal_grade",
  vanguard: "r_vanguard",
  "talent.term_closed": "r_term",
} as const;

export default function SelectionPage() {
  const t = useT(talentMessages);
  const params = useParams();
  const [sel, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.talent.selections[":id"].$get({ param: { id } })),
  );
  const param = () => ({ id: params.id ?? "" });
  const adding = createAction(() => t("saved"), refetch);
  const deciding = createAction(() => t("saved"), refetch);
  const add = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api.talent.selections[":id"].candidates.$post({
        param: param(),
        json: {
          memberId: String(f.get("memberId")),
          channel: String(f.get("channel")) as (typeof SELECTION_CHANNELS)[number],
          evidence: sel()!.rule.criteria.map((c) => ({ key: c.key, text: String(f.get(`ev.${c.key}`) ?? "") })),
        },
      }),
    );
    form.reset();
  };
  const decide = async (f: FormData) => {
    await call(
      api.talent.selections[":id"].decision.$post({
        param: param(),
        json: {
          candidateId: String(f.get("candidateId")),
          on: String(f.get("on")),
          reason: String(f.get("reason")),
          duties: String(f.get("duties")),
          termStartsOn: String(f.get("termStartsOn")),
          termEndsOn: String(f.get("termEndsOn")),
        },
      }),
    );
  };
  const resultText = (r: { kind: string; summary: Record<string, unknown> }) => {
    const label = RESULT_LABELS[r.kind as keyof typeof RESULT_LABELS];
    const s = r.summary;
    const value = [s.cycle ?? s.title, s.grade ?? s.band].filter(Boolean).join(" · ");
    return `${label ? t(label) : r.kind}：${value}`;
  };
  return (
    <section class="page">
      <A href="/talent/selections">{t("back")}</A>
      <Show when={sel()}>
        {(s) => (
          <>
            <h1>{s().orgName}</h1>
            <p class="muted">
              {t("rule", { standard: s().rule.standard, version: s().rule.version, source: s().rule.source })}
            </p>
            <h2>{t("candidates")}</h2>
            <ul class="cards" id="candidates">
              <For each={s().candidates}>
                {(c) => (
                  <li class="card">
                    <strong>{c.memberName}</strong> <span class="tag">{t(c.channel)}</span>
                    <Show when={s().chosenId === c.id}>
                      <span class="tag ok">{t("chosen")}</span>
                    </Show>
                    <ul>
                      <For each={s().rule.criteria}>{(k) => <li>{`${k.label}：${c.evidence[k.key] ?? ""}`}</li>}</For>
                    </ul>
                  </li>
                )}
              </For>
            </ul>
            <Show when={s().decidedOn}>
              <h2>{t("decided", { date: s().decidedOn ?? "" })}</h2>
              <p>{s().reason}</p>
              <h3>{t("dutiesTerm")}</h3>
              <p>{`${s().termStartsOn} – ${s().termEndsOn}`}</p>
              <p>{s().duties}</p>
              <h3>{t("results")}</h3>
              <Show when={s().results.length} fallback={<p class="muted">{t("noResults")}</p>}>
                <ul class="cards">
                  <For each={s().results}>
                    {(r) => (
                      <li class="card">
                        {formatDate(r.occurredAt)} · {resultText(r)}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
            <Show when={s().decidedOn}>
              <SecretaryReviews selectionId={s().id} reviews={s().reviews} done={refetch} />
            </Show>
            <Show when={hasRole("admin") && !s().decidedOn}>
              <h2>{t("addCandidate")}</h2>
              <ActionForm action={adding} onSubmit={add} submit={t("addCandidate")} novalidate>
                <MemberPicker orgId={s().orgId} name="memberId" id="candidate" />
                <Field label={t("channel")} name="channel">
                  <select id="candidate-channel" name="channel">
                    <For each={SELECTION_CHANNELS}>{(ch) => <option value={ch}>{t(ch)}</option>}</For>
                  </select>
                </Field>
                <For each={s().rule.criteria}>
                  {(k) => (
                    <Field label={`${k.label} · ${t("evidence")}`}>
                      <input id={`cand-ev-${k.key}`} name={`ev.${k.key}`} maxlength="1000" required />
                    </Field>
                  )}
                </For>
              </ActionForm>
              <Show when={s().candidates.length}>
                <h2>{t("chooseCandidate")}</h2>
                <ActionForm action={deciding} onSubmit={decide} submit={t("chooseCandidate")} novalidate>
                  <Field label={t("candidates")} name="candidateId">
                    <select id="decision-candidate" name="candidateId">
                      <For each={s().candidates}>{(c) => <option value={c.id}>{c.memberName}</option>}</For>
                    </select>
                  </Field>
                  <Field label={t("reason")} name="reason">
                    <textarea id="decision-reason" name="reason" rows="2" maxlength="1000" required />
                  </Field>
                  <Field label={t("dutiesTerm")} name="duties">
                    <textarea id="decision-duties" name="duties" rows="3" maxlength="2000" required />
                  </Field>
                  <div class="row">
                    <Field label={t("termStartsOn")} name="termStartsOn">
                      <input id="term-from" name="termStartsOn" type="date" value={today()} required />
                    </Field>
                    <Field label={t("termEndsOn")} name="termEndsOn">
                      <input id="term-to" name="termEndsOn" type="date" required />
                    </Field>
                  </div>
                  <Field label={t("on")} name="on">
                    <input id="decision-on" name="on" type="date" max={today()} value={today()} required />
                  </Field>
                </ActionForm>
              </Show>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
