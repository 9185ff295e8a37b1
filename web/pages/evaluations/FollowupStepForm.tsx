import { createEffect, createSignal, For, on, Show } from "solid-js";
import type { FollowupStep } from "../../../schema/evaluations/followups";
import { api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { VoteFields } from "../../components/VoteFields";
import { useFollowupText } from "./followupMessages";

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? undefined : Number(v));

/** Records the chosen branch step with the facts it needs; a refusal says every reason in the user's language. */
export function FollowupStepForm(props: {
  followupId: string;
  steps: FollowupStep[];
  first: FollowupStep | null;
  /** Removal may stand only on lapsing (no refusal to leave recorded yet). */
  lapsedOnly: boolean;
  onDone: () => void;
}) {
  const { t, step, failure } = useFollowupText();
  const [chosen, setChosen] = createSignal<FollowupStep>(props.first ?? props.steps[0] ?? "talk");
  const [grounds, setGrounds] = createSignal<"declined" | "lapsed">(props.lapsedOnly ? "lapsed" : "declined");
  createEffect(
    on(
      () => props.first,
      (first) => first && setChosen(first),
      { defer: true },
    ),
  );
  const action = createAction(() => t("saved"), props.onDone);
  const vote = () => chosen() === "persuade" || chosen() === "remove";
  const due = () => chosen() === "plan" || chosen() === "deadline";
  const submit = async (f: FormData, form: HTMLFormElement) => {
    await call(
      api["eval-followups"][":id"].steps.$post({
        param: { id: props.followupId },
        json: {
          step: chosen(),
          takenOn: String(f.get("takenOn") ?? ""),
          actor: String(f.get("actor") ?? ""),
          decision: String(f.get("decision") ?? ""),
          evidence: String(f.get("evidence") ?? ""),
          dueOn: due() ? (optionalText(f.get("dueOn")) ?? undefined) : undefined,
          entitled: vote() ? num(f.get("entitled")) : undefined,
          for: vote() ? num(f.get("for")) : undefined,
          against: vote() ? num(f.get("against")) : undefined,
          abstain: vote() ? num(f.get("abstain")) : undefined,
          grounds: chosen() === "remove" ? grounds() : undefined,
          lapsedMonths: chosen() === "remove" && grounds() === "lapsed" ? num(f.get("lapsedMonths")) : undefined,
        },
      }),
    );
    // The next step starts from an empty form dated today.
    form.reset();
    (form.elements.namedItem("takenOn") as HTMLInputElement).value = today();
  };
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      submit={t("save")}
      text={failure}
      class="form card step-form"
      novalidate
    >
      <Field label={t("step")} name="step">
        <select name="step" value={chosen()} onChange={(e) => setChosen(e.currentTarget.value as FollowupStep)}>
          <For each={props.steps}>{(s) => <option value={s}>{step(s)}</option>}</For>
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
        <textarea name="evidence" maxlength="2000" rows="3" required />
      </Field>
      <Show when={due()}>
        <Field label={chosen() === "plan" ? t("planDue") : t("correctDue")} name="dueOn">
          <input name="dueOn" type="date" min={today()} required />
        </Field>
      </Show>
      <Show when={chosen() === "remove"}>
        <Field label={t("grounds")} name="grounds">
          <select name="grounds" value={grounds()} onChange={(e) => setGrounds(e.currentTarget.value as "lapsed")}>
            <option value="declined">{t("grounds_declined")}</option>
            <option value="lapsed">{t("grounds_lapsed")}</option>
          </select>
        </Field>
        <Show when={grounds() === "lapsed"}>
          <Field label={t("lapsedMonths")} name="lapsedMonths">
            <input name="lapsedMonths" type="number" min="0" max="120" step="1" required />
          </Field>
        </Show>
      </Show>
      <Show when={vote()}>
        <VoteFields labels={{ entitled: t("entitled"), for: t("for"), against: t("against"), abstain: t("abstain") }} />
      </Show>
    </ActionForm>
  );
}
