import { A, useParams } from "@solidjs/router";
import { createMemo, createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { confirmAction } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { FollowupStepForm } from "./FollowupStepForm";
import { type FollowupKey, useFollowupText } from "./followupMessages";
import { usePeriod } from "./messages";

type View = Awaited<ReturnType<typeof loadFollowup>>;
type StepRow = View["steps"][number];
const loadFollowup = (id: string) => call(api["eval-followups"][":id"].$get({ param: { id } }));

function Correction(props: { followupId: string; row: StepRow; onDone: () => void }) {
  const { t, failure } = useFollowupText();
  const action = createAction(() => t("saved"), props.onDone);
  const submit = (f: FormData) =>
    call(
      api["eval-followups"][":id"].steps[":stepId"].corrections.$post({
        param: { id: props.followupId, stepId: props.row.id },
        json: {
          takenOn: String(f.get("takenOn") ?? ""),
          actor: String(f.get("actor") ?? ""),
          decision: String(f.get("decision") ?? ""),
          evidence: String(f.get("evidence") ?? ""),
          dueOn: props.row.dueOn ? String(f.get("dueOn") ?? "") : undefined,
          reason: String(f.get("reason") ?? ""),
        },
      }),
    );
  return (
    <details>
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
          <input name="evidence" value={props.row.evidence} required />
        </Field>
        <Show when={props.row.dueOn}>
          <Field label={t("dueOn")} name="dueOn">
            <input name="dueOn" type="date" value={props.row.dueOn ?? ""} required />
          </Field>
        </Show>
        <Field label={t("correctionReason")} name="reason">
          <input name="reason" required />
        </Field>
      </ActionForm>
    </details>
  );
}

/** One recorded step with its facts, its corrections and, for a proposal, the committee's answer. */
function StepCard(props: { view: View; row: StepRow; keeper: boolean; onDone: () => void }) {
  const { t, step } = useFollowupText();
  const r = () => props.row;
  const d = () => r().data as Record<string, any>;
  const corrections = () => props.view.steps.filter((s) => s.correctsId === r().id);
  const answered = () => props.view.steps.find((s) => s.id === r().ofId);
  return (
    <li class="card">
      <div>
        <strong>{step(r().step)}</strong> · {r().takenOn}
        <Show when={r().step === "approval" && answered()}>
          {(of) => (
            <div>
              <strong>
                {t("answerOf", { step: step(of().step), answer: d().approved ? t("approved") : t("refused") })}
              </strong>
            </div>
          )}
        </Show>
        <div class="muted">
          {r().actor} · {r().decision}
        </div>
        <div>{r().evidence}</div>
        <Show when={r().dueOn}>
          <div>
            {t("dueOn")}: {r().dueOn}
          </div>
        </Show>
        <Show when={d().entitled !== undefined}>
          <div>{t("votes", { for: d().for, against: d().against, abstain: d().abstain, entitled: d().entitled })}</div>
        </Show>
        <Show when={d().grounds}>
          <div>
            {t("grounds")}: {t(`grounds_${d().grounds}` as FollowupKey)}
            <Show when={d().lapsedMonths}> · {d().lapsedMonths}</Show>
          </div>
        </Show>
        <div class="muted">{t("recordedBy", { name: r().recorderName })}</div>
        <For each={corrections()}>
          {(c) => (
            <div class="warn">
              {t("correctionOf", { reason: String((c.data as { reason?: string }).reason ?? "") })}: {c.takenOn} ·{" "}
              {c.actor} · {c.decision} · {c.evidence}
              <Show when={c.dueOn}> · {c.dueOn}</Show>
            </div>
          )}
        </For>
        <Show when={props.keeper && (r().step !== "approval" || props.view.canApprove)}>
          <Correction followupId={props.view.followup.id} row={r()} onDone={props.onDone} />
        </Show>
      </div>
    </li>
  );
}

/** The higher committee answers the branch meeting's decision; the app's own dialog confirms it. */
function Approval(props: { view: View; onDone: () => void }) {
  const { t, step, failure } = useFollowupText();
  const pending = () => props.view.pending!;
  const action = createAction(() => t("saved"), props.onDone);
  const submit = async (f: FormData) => {
    const approved = f.get("approved") === "yes";
    const message = t(approved ? "confirmApprove" : "confirmRefuse", { step: step(pending().step) });
    if (!(await confirmAction(message, approved ? t("approve") : t("refuse")))) return;
    await call(
      api["eval-followups"][":id"].steps.$post({
        param: { id: props.view.followup.id },
        json: {
          step: "approval",
          takenOn: String(f.get("takenOn") ?? ""),
          actor: String(f.get("actor") ?? ""),
          decision: String(f.get("decision") ?? ""),
          evidence: String(f.get("evidence") ?? ""),
          approved,
        },
      }),
    );
  };
  return (
    <section class="card">
      <h2>{t("pending", { step: step(pending().step), date: pending().takenOn })}</h2>
      <ActionForm action={action} onSubmit={submit} submit={t("save")} text={failure} novalidate>
        <Field label={t("fs_approval")} name="approved">
          <select name="approved">
            <option value="yes">{t("approve")}</option>
            <option value="no">{t("refuse")}</option>
          </select>
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
          <input name="decision" maxlength="500" required />
        </Field>
        <Field label={t("evidence")} name="evidence">
          <input name="evidence" maxlength="2000" required />
        </Field>
      </ActionForm>
    </section>
  );
}

/** A follow-up: the record, what may follow and why not yet; the branch records, the committee approves. */
export default function FollowupPage() {
  const params = useParams();
  const { t, step, blocker } = useFollowupText();
  const period = usePeriod();
  const [view, { refetch }] = createResource(() => params.id ?? "", loadFollowup);
  const originals = () => view()?.steps.filter((s) => !s.correctsId) ?? [];
  const branchSteps = () =>
    view()
      ?.options.filter((o) => o.step !== "approval" && o.blockers.length === 0)
      .map((o) => o.step) ?? [];
  const first = createMemo(() => {
    const next = view()?.followup.nextStep;
    return branchSteps().find((s) => s === next) ?? branchSteps()[0] ?? null;
  });
  const keeper = () => !!view() && (view()!.canRecord || view()!.canApprove);
  return (
    <section class="page">
      <Feedback error={view.error} />
      <Show when={view()}>
        {(v) => (
          <>
            <h1>
              {t("title")}：{v().followup.memberName}
            </h1>
            <p class="muted">
              {v().followup.branchName} · {v().followup.cycleName} {period(v().followup.cycleLabel)} ·{" "}
              {t("openedOn", { date: v().followup.openedOn })}
            </p>
            <Show when={!keeper()}>
              <p>{t("mineNote")}</p>
            </Show>
            <p>
              <Show
                when={v().followup.status === "open"}
                fallback={<strong>{t(`outcome_${v().followup.outcome}` as FollowupKey)}</strong>}
              >
                {t("nextStep")}: <strong>{step(v().followup.nextStep)}</strong> · {t("dueOn")} {v().followup.nextDueOn}{" "}
                <Show when={v().followup.overdue}>
                  <span class="tag tag-warn">{t("overdue")}</span>
                </Show>
              </Show>
            </p>
            <Show when={v().canApprove && v().pending}>
              <Approval view={v()} onDone={refetch} />
            </Show>
            <Show when={keeper() && v().options.length}>
              <p class="ok">
                {t("possibleNow", {
                  steps: v()
                    .options.filter((o) => !o.blockers.length)
                    .map((o) => step(o.step))
                    .join("、"),
                })}
              </p>
              <For each={v().options.filter((o) => o.condition)}>
                {(o) => <p class="muted">{t("lapsedOnly", { needed: o.condition?.needed ?? 0 })}</p>}
              </For>
              <details>
                <summary>{t("whyNot")}</summary>
                <ul class="plain warn">
                  <For each={v().options.filter((o) => o.blockers.length)}>
                    {(o) => (
                      <li>
                        <strong>{step(o.step)}</strong>：{o.blockers.map(blocker).join("；")}
                      </li>
                    )}
                  </For>
                </ul>
              </details>
            </Show>
            <Show when={v().canRecord && branchSteps().length}>
              <h2>{t("record")}</h2>
              <FollowupStepForm
                followupId={v().followup.id}
                steps={branchSteps()}
                first={first()}
                lapsedOnly={v().options.some((o) => o.condition)}
                onDone={refetch}
              />
            </Show>
            <h2>{t("steps")}</h2>
            <Show when={originals().length} fallback={<p class="muted">{t("none")}</p>}>
              <ul class="cards">
                <For each={originals()}>
                  {(row) => <StepCard view={v()} row={row} keeper={keeper()} onDone={refetch} />}
                </For>
              </ul>
            </Show>
            <p class="muted">{t("rules")}</p>
            <Show when={keeper()}>
              <p>
                <A href={`/archive/${v().followup.memberId}`}>{t("archive")}</A>
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
