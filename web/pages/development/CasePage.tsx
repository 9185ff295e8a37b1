import { A, useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { OrgPicker } from "../../components/OrgPicker";
import { hasRole, me } from "../../session";
import { StepForm } from "./StepForm";
import { useDevText } from "./text";

export type CaseView = Awaited<ReturnType<typeof loadCase>>;
export const loadCase = (id: string) => call(api.development.cases[":id"].$get({ param: { id } }));
type StepRow = CaseView["steps"][number];

function Correction(props: { row: StepRow; onDone: () => void }) {
  const { t, failure } = useDevText();
  const action = createAction(() => t("saved"), props.onDone);
  const submit = (f: FormData) =>
    call(
      api.development.steps[":id"].corrections.$post({
        param: { id: props.row.id },
        json: {
          takenOn: String(f.get("takenOn") ?? ""),
          actor: String(f.get("actor") ?? ""),
          decision: String(f.get("decision") ?? ""),
          evidence: String(f.get("evidence") ?? ""),
          reason: String(f.get("reason") ?? ""),
        },
      }),
    );
  return (
    <details class="no-print">
      <summary>{t("correct")}</summary>
      <ActionForm action={action} onSubmit={submit} submit={t("save")} text={failure} novalidate>
        <Field label={t("takenOn")} name="takenOn">
          <input name="takenOn" type="date" max={today()} value={props.row.takenOn} required />
        </Field>
        <Field label={t("actor")} name="actor">
          <input name="actor" value={props.row.actor} required />
        </Field>
        <Field label={t("decision")} name="decision">
          <input name="decision" value={props.row.decision} required />
        </Field>
        <Field label={t("evidence")} name="evidence">
          <input name="evidence" value={props.row.evidence} />
        </Field>
        <Field label={t("correctionReason")} name="reason">
          <input name="reason" required />
        </Field>
      </ActionForm>
    </details>
  );
}

/** One recorded step: the facts, its vote or people, lateness, and the corrections made to it. */
function StepCard(props: { row: StepRow; view: CaseView; keeper: boolean; onDone: () => void }) {
  const { t, step } = useDevText();
  const r = () => props.row;
  const d = () => r().data as Record<string, any>;
  const names = (ids: unknown) => ((ids as string[]) ?? []).map((id) => props.view.people[id] ?? "—").join("、");
  const corrections = () => props.view.steps.filter((s) => s.correctsId === r().id);
  return (
    <li class="card dev-step">
      <div>
        <strong>{step(r().step)}</strong> · {r().takenOn}
        <Show when={r().late}>
          {" "}
          <span class="tag">{t("late")}</span>
        </Show>
        <div class="muted">
          {r().actor} · {r().decision}
          <Show when={r().evidence}> · {r().evidence}</Show>
        </div>
        <Show when={d().entitled !== undefined}>
          <div>
            {t("votes", { for: d().for, against: d().against, abstain: d().abstain, entitled: d().entitled })} ·{" "}
            <strong>{d().passed ? t("passed") : t("notPassed")}</strong>
          </div>
        </Show>
        <Show when={d().mentorIds}>
          <div>
            {t("mentors")}: {names(d().mentorIds)}
          </div>
        </Show>
        <Show when={d().sponsorIds}>
          <div>
            {t("sponsors")}: {names(d().sponsorIds)}
          </div>
        </Show>
        <Show when={d().toOrgName}>
          <div>{t("movedFrom", { from: d().fromOrgName, to: d().toOrgName })}</div>
        </Show>
        <Show when={d().startOn}>
          <div>
            {d().startOn} – {d().endOn}
          </div>
        </Show>
        <Show when={d().hours !== undefined}>
          <div>
            <Show when={d().planTitle} fallback={`${t("hours")} ${d().hours} · ${t("days")} ${d().days}`}>
              {t("countedStep", { title: d().planTitle, hours: d().hours, days: d().days })}
            </Show>
          </div>
        </Show>
        <Show when={r().late}>
          <div class="warn">
            {t("dueWas", { date: r().dueOn ?? "" })} · {t("lateReason")}: {r().lateReason}
          </div>
        </Show>
        <For each={corrections()}>
          {(c) => (
            <div class="warn">
              {t("correctionOf", { reason: String((c.data as { reason?: string }).reason ?? "") })}: {c.takenOn} ·{" "}
              {c.actor} · {c.decision}
            </div>
          )}
        </For>
        <Show when={props.keeper}>
          <Correction row={r()} onDone={props.onDone} />
        </Show>
      </div>
    </li>
  );
}

/** Moves the record with the person to another branch (the keeper needs rights on both). */
function Transfer(props: { caseId: string; onDone: () => void }) {
  const { t, failure } = useDevText();
  const [to, setTo] = createSignal("");
  const action = createAction(() => t("saved"), props.onDone);
  const submit = (f: FormData) =>
    call(
      api.development.cases[":id"].steps.$post({
        param: { id: props.caseId },
        json: {
          step: "transfer",
          toOrgId: to() || undefined,
          takenOn: String(f.get("takenOn") ?? ""),
          actor: String(f.get("actor") ?? ""),
          decision: String(f.get("decision") ?? ""),
          evidence: String(f.get("evidence") ?? ""),
        },
      }),
    );
  return (
    <details class="card-details no-print">
      <summary>{t("transfer")}</summary>
      <ActionForm action={action} onSubmit={submit} submit={t("transfer")} text={failure} novalidate>
        <Field label={t("toBranch")} name="toOrgId">
          <OrgPicker roles={["secretary", "admin"]} value={to()} onChange={setTo} />
        </Field>
        <div class="row">
          <Field label={t("takenOn")} name="takenOn">
            <input name="takenOn" type="date" max={today()} value={today()} required />
          </Field>
          <Field label={t("actor")} name="actor">
            <input name="actor" maxlength="100" required />
          </Field>
        </div>
        <Field label={t("decision")} name="decision">
          <input name="decision" maxlength="500" value={t("step_transfer")} required />
        </Field>
        <Field label={t("evidence")} name="evidence">
          <input name="evidence" maxlength="1000" />
        </Field>
      </ActionForm>
    </details>
  );
}

/**
 * The 发展对象培训班 that reach the branch: the courses and what is completed of each, counted as the
 * training step counts it. The person opens the courses from here; the keeper enrols them.
 */
function Training(props: { view: CaseView; keeper: boolean; onDone: () => void }) {
  const { t, failure } = useDevText();
  const action = createAction(() => t("saved"), props.onDone);
  const candidate = () => props.view.steps.some((s) => s.step === "candidate" && !s.correctsId);
  return (
    <Show when={candidate()}>
      <h2>{t("training")}</h2>
      <Show when={props.view.training.length} fallback={<p class="muted">{t("noClass")}</p>}>
        <ul class="cards">
          <For each={props.view.training}>
            {(c) => (
              <li class="card training-class">
                <div>
                  <strong>{c.title}</strong> <span class="muted">{c.orgName}</span>{" "}
                  <span class="tag">{c.enrolled ? t("enrolled") : t("notEnrolledYet")}</span>
                  <div>{t("counted", { hours: c.hours, days: c.days })}</div>
                  <ul class="plain">
                    <For each={c.courses}>
                      {(course) => (
                        <li>
                          <Show when={c.enrolled} fallback={course.title}>
                            <A href={`/courses/${course.courseId}`}>{course.title}</A>
                          </Show>{" "}
                          · {course.status === "credited" ? t("courseDone") : t("courseOpen")}
                          <Show when={course.status === "credited"}>
                            {" "}
                            · {course.hours} {t("hours")}
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                  <Show when={props.keeper && !c.enrolled && props.view.case.status === "open"}>
                    <ActionForm
                      action={action}
                      onSubmit={() =>
                        call(
                          api.development.cases[":id"].training.$post({
                            param: { id: props.view.case.id },
                            json: { planId: c.id },
                          }),
                        )
                      }
                      submit={t("enroll")}
                      text={failure}
                    >
                      {null}
                    </ActionForm>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  );
}

/** A person's development record: the steps taken, the next possible step and why others are not yet possible. */
export default function CasePage() {
  const params = useParams();
  const { t, step, stage, blocker } = useDevText();
  const [view, { refetch }] = createResource(() => params.id ?? "", loadCase);
  const keeper = () => hasRole("secretary", "admin") && view()?.case.userId !== me()?.id && !view()?.movedAway;
  const originals = () => view()?.steps.filter((s) => !s.correctsId) ?? [];
  // The frontier: steps whose previous steps are done, possible now or waiting on a rule.
  const frontier = () => view()?.options.filter((o) => !o.blockers.some((b) => b.code === "missing_previous")) ?? [];
  // A memo, so the form moves to a new next step only when there is one, not on every reload.
  const first = createMemo(
    () => view()?.options.find((o) => o.blockers.length === 0)?.step ?? view()?.case.nextStep ?? null,
  );
  return (
    <section class="page">
      <Feedback error={view.error} />
      <Show when={view()}>
        {(v) => (
          <>
            <h1>
              {v().case.displayName} <span class="tag">{stage(v().case.stage)}</span>
            </h1>
            <p class="muted">
              {v().case.orgName}
              <Show when={v().probationEnd}> · {t("probationEnd", { date: v().probationEnd ?? "" })}</Show>
              <Show when={v().case.status === "cancelled"}> · {t("cancelled")}</Show>
              <Show when={v().case.status === "full"}> · {t("fullMember")}</Show>
            </p>
            <Show when={v().movedAway}>
              <p class="warn">{t("historyUntil")}</p>
            </Show>
            <p class="row no-print">
              <A href={`/development/case/${v().case.id}/sheet`}>{t("sheet")}</A>
              <A href={`/archive/${v().case.userId}`}>{t("openArchive")}</A>
            </p>
            <Show when={v().case.status === "open"}>
              <h2>{t("nextPossible")}</h2>
              <ul class="cards">
                <For each={frontier()}>
                  {(o) => (
                    <li class="card" classList={{ "next-step": o.step === v().case.nextStep }}>
                      <div>
                        <strong>{step(o.step)}</strong>
                        <Show when={o.earliest}>
                          <span class="muted"> · {t("earliest", { date: o.earliest ?? "" })}</span>
                        </Show>
                        <Show when={o.due}>
                          <span class="muted"> · {t("deadline", { date: o.due ?? "" })}</span>
                        </Show>
                        <Show when={o.blockers.length} fallback={<div class="ok">{t("possibleNow")}</div>}>
                          <ul class="plain warn">
                            <For each={o.blockers}>{(b) => <li>{blocker(b)}</li>}</For>
                          </ul>
                        </Show>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={keeper()}>
                <StepForm
                  caseId={v().case.id}
                  orgId={v().case.orgId}
                  steps={frontier().map((o) => o.step)}
                  first={first()}
                  classes={v().training}
                  onDone={refetch}
                />
                <Transfer caseId={v().case.id} onDone={refetch} />
              </Show>
            </Show>
            <Training view={v()} keeper={keeper()} onDone={refetch} />
            <h2>{t("steps")}</h2>
            <ul class="cards">
              <For each={originals()}>
                {(row) => <StepCard row={row} view={v()} keeper={keeper()} onDone={refetch} />}
              </For>
            </ul>
            <p class="muted">
              {t("rules")}: {v().rules.id ? t("ruleVersion", { v: v().rules.version }) : t("ruleDefault")}
            </p>
          </>
        )}
      </Show>
    </section>
  );
}
