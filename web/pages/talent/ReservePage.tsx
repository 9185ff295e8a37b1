import { A, useParams } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { REVIEW_OUTCOMES } from "../../../schema/talent/values";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { useT } from "../../i18n";
import { hasRole } from "../../session";
import { loadMaterials } from "../orglife/courses";
import { EvidenceList } from "./Evidence";
import { MemberPicker } from "./MemberPicker";
import { talentMessages } from "./messages";
import { nominationMessages } from "./nominationMessages";
import { PlanProgress } from "./PlanProgress";
import { StepLine } from "./StepLine";

const lines = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

export default function ReservePage() {
  const t = useT(talentMessages);
  const tn = useT(nominationMessages);
  const params = useParams();
  const [entry, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.talent.reserves[":id"].$get({ param: { id } })),
  );
  const param = () => ({ id: params.id ?? "" });
  const assessment = createAction(() => t("saved"), refetch);
  const planning = createAction(() => t("saved"), refetch);
  const reviewing = createAction(() => t("saved"), refetch);
  const correcting = createAction(() => t("saved"), refetch);
  const decider = () => hasRole("admin");
  // The party school's catalogue, for a plan's course: loaded once the committee plans.
  const [catalogue] = createResource(
    () => (decider() && entry.state === "ready" && entry().status === "admitted") || null,
    loadMaterials,
  );

  const assess = async (f: FormData) => {
    const rule = entry()!.rule.body;
    await call(
      api.talent.reserves[":id"].assessment.$post({
        param: param(),
        json: {
          decision: String(f.get("decision")) as "admit" | "refuse",
          on: String(f.get("on")),
          criteria: rule.criteria.map((c) => ({
            key: c.key,
            met: f.get(`met.${c.key}`) === "on",
            evidence: String(f.get(`ev.${c.key}`) ?? ""),
          })),
          negatives: rule.negatives.map((n) => ({ key: n.key, hit: f.get(`neg.${n.key}`) === "on" })),
          reason: String(f.get("reason")),
        },
      }),
    );
  };
  const plan = async (f: FormData) => {
    const course = catalogue()?.find((c) => c.id === f.get("courseId"));
    const term = entry()?.practiceTerms.find((p) => p.id === f.get("termId"));
    const items = [
      ...(course ? [{ kind: "course" as const, title: course.label, courseId: course.id }] : []),
      ...(term ? [{ kind: "practice" as const, title: term.title, termId: term.id }] : []),
      ...lines(f.get("tasks")).map((title) => ({ kind: "task" as const, title })),
    ];
    await call(
      api.talent.reserves[":id"].plan.$post({
        param: param(),
        json: { on: String(f.get("on")), mentorIds: [String(f.get("mentorId"))], items },
      }),
    );
  };
  const review = async (f: FormData) => {
    const post = String(f.get("post") ?? "").trim();
    await call(
      api.talent.reserves[":id"].review.$post({
        param: param(),
        json: {
          on: String(f.get("on")),
          outcome: String(f.get("outcome")) as (typeof REVIEW_OUTCOMES)[number],
          note: String(f.get("note")),
          ...(post ? { post } : {}),
        },
      }),
    );
  };
  const correct = async (f: FormData) => {
    await call(
      api.talent.reserves[":id"].corrections.$post({
        param: param(),
        json: { stepId: String(f.get("stepId")), on: String(f.get("on")), note: String(f.get("note")) },
      }),
    );
  };
  const dateField = (id: string) => (
    <Field label={t("on")} name="on">
      <input id={id} name="on" type="date" max={today()} value={today()} required />
    </Field>
  );

  return (
    <section class="page">
      <A href="/talent">{t("back")}</A>
      {/* A mentor who is not on the committee sees the plan they help with, and nothing else. */}
      <Show when={entry.state === "errored"}>
        <PlanProgress reserveId={params.id ?? ""} showName />
      </Show>
      <Show when={entry.state === "ready" && entry()}>
        {(e) => (
          <>
            <h1>{e().memberName}</h1>
            <Show when={e().nominee}>
              {(n) => (
                <p id="nominee">
                  {tn("nomineeOf", { standing: n().standing })}
                  <Show when={n().contact}> · {tn("contactLine", { contact: n().contact ?? "" })}</Show>
                </p>
              )}
            </Show>
            <p>
              <span class={`tag status-${e().status}`}>{t(e().status)}</span> {t(e().track)} · {t(e().source)}
              <Show when={e().reviewDueOn}> · {`${t("reviewDue")} ${e().reviewDueOn}`}</Show>
            </p>
            <p class="muted">
              {t("rule", { standard: e().rule.body.standard, version: e().rule.version, source: e().rule.body.source })}
            </p>
            <Show when={e().evidence}>
              {(ev) => (
                <section class="card" id="evidence">
                  <h2>{tn("evidence")}</h2>
                  <EvidenceList evidence={ev()} />
                </section>
              )}
            </Show>
            <Show when={e().status !== "nominated"}>
              <PlanProgress reserveId={e().id} />
            </Show>
            <h2>{t("steps")}</h2>
            <ol class="cards" id="steps">
              <For each={e().steps}>{(s) => <StepLine step={s} />}</For>
            </ol>

            <Show when={decider() && e().status === "nominated"}>
              <h2>{t("assess")}</h2>
              <ActionForm action={assessment} onSubmit={assess} submit={t("decision")} novalidate>
                <For each={e().rule.body.criteria}>
                  {(c) => (
                    <fieldset class="card">
                      <legend>{c.label}</legend>
                      <Show when={e().evidence && c.evidence?.length}>
                        <EvidenceList evidence={e().evidence!} kinds={c.evidence} />
                      </Show>
                      <label class="check">
                        <input type="checkbox" name={`met.${c.key}`} id={`met-${c.key}`} /> {t("met")}
                      </label>
                      <Field label={t("evidence")}>
                        <input id={`ev-${c.key}`} name={`ev.${c.key}`} maxlength="1000" />
                      </Field>
                    </fieldset>
                  )}
                </For>
                <fieldset class="card">
                  <legend>{t("negatives")}</legend>
                  <For each={e().rule.body.negatives}>
                    {(n) => (
                      <label class="check">
                        <input type="checkbox" name={`neg.${n.key}`} id={`neg-${n.key}`} /> {n.label}
                      </label>
                    )}
                  </For>
                </fieldset>
                <Field label={t("decision")} name="decision">
                  <select id="decision" name="decision">
                    <option value="admit">{t("admit")}</option>
                    <option value="refuse">{t("refuse")}</option>
                  </select>
                </Field>
                {dateField("assess-on")}
                <Field label={t("reason")} name="reason">
                  <textarea id="assess-reason" name="reason" rows="2" maxlength="1000" required />
                </Field>
              </ActionForm>
            </Show>

            <Show when={decider() && e().status === "admitted"}>
              <h2>{t("plan")}</h2>
              <ActionForm action={planning} onSubmit={plan} submit={t("plan")} novalidate>
                <MemberPicker orgId={e().orgId} name="mentorId" id="mentor" label={t("mentor")} />
                <Field label={tn("planCourse")} name="courseId">
                  <select id="plan-course" name="courseId">
                    <option value="">{tn("noCourse")}</option>
                    <For each={catalogue()}>{(c) => <option value={c.id}>{c.label}</option>}</For>
                  </select>
                </Field>
                <Field label={tn("planPractice")} name="termId">
                  <select id="plan-practice" name="termId">
                    <option value="">{tn("noPractice")}</option>
                    <For each={e().practiceTerms}>
                      {(p) => <option value={p.id}>{`${p.title} · ${p.startsOn}–${p.endsOn}`}</option>}
                    </For>
                  </select>
                </Field>
                <Field label={t("tasks")}>
                  <textarea id="plan-tasks" name="tasks" rows="2" />
                </Field>
                {dateField("plan-on")}
              </ActionForm>
              <h2>{t("review")}</h2>
              <ActionForm action={reviewing} onSubmit={review} submit={t("review")} novalidate>
                <Field label={t("outcome")} name="outcome">
                  <select id="review-outcome" name="outcome">
                    <For each={REVIEW_OUTCOMES}>{(o) => <option value={o}>{t(o)}</option>}</For>
                  </select>
                </Field>
                <Field label={t("post")} name="post">
                  <input id="review-post" name="post" maxlength="200" />
                </Field>
                <Field label={t("note")} name="note">
                  <textarea id="review-note" name="note" rows="2" maxlength="1000" required />
                </Field>
                {dateField("review-on")}
              </ActionForm>
            </Show>

            <Show when={decider() && e().steps.length}>
              <h2>{t("correct")}</h2>
              <ActionForm action={correcting} onSubmit={correct} submit={t("correct")} primary={false} novalidate>
                <Field label={t("step")} name="stepId">
                  <select id="correct-step" name="stepId">
                    <For each={e().steps}>
                      {(s) => (
                        <option value={s.id}>{`${s.on} · ${t(`s_${s.kind}` as Parameters<typeof t>[0])}`}</option>
                      )}
                    </For>
                  </select>
                </Field>
                <Field label={t("note")} name="note">
                  <textarea id="correct-note" name="note" rows="2" maxlength="1000" required />
                </Field>
                {dateField("correct-on")}
              </ActionForm>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
