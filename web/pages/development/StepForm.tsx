import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import type { Step } from "../../../schema/development/values";
import { api, call } from "../../api";
import { ActionForm, optionalText } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { today } from "../../components/format";
import { VoteFields } from "../../components/VoteFields";
import { useDevText } from "./text";

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? undefined : Number(v));

/** Full members of the branch as checkboxes: mentors and sponsors are picked, never typed as ids. */
function PeoplePicker(props: { orgId: string; name: string; label: string }) {
  const [people] = createResource(
    () => props.orgId,
    (id) => call(api.orgs[":id"].development["full-members"].$get({ param: { id } })),
  );
  return (
    <fieldset class="people-picker">
      <legend>{props.label}</legend>
      <For each={people()?.items}>
        {(p) => (
          <label class="check">
            <input type="checkbox" name={props.name} value={p.id} /> {p.displayName}
          </label>
        )}
      </For>
    </fieldset>
  );
}

/** Records the chosen step with the facts it needs; a refusal lists every reason in the user's language. */
export function StepForm(props: {
  caseId: string;
  orgId: string;
  steps: Step[];
  first: Step | null;
  classes: { id: string; title: string; enrolled: boolean; hours: number; days: number }[];
  onDone: () => void;
}) {
  const { t, step, failure } = useDevText();
  const [chosen, setChosen] = createSignal<Step>(props.first ?? props.steps[0] ?? "talk");
  // After a step is recorded the record reloads: offer its new next step.
  createEffect(
    on(
      () => props.first,
      (first) => first && setChosen(first),
      { defer: true },
    ),
  );
  const action = createAction(() => t("saved"), props.onDone);
  const submit = async (f: FormData) => {
    const ids = (name: string) => f.getAll(name).map(String);
    await call(
      api.development.cases[":id"].steps.$post({
        param: { id: props.caseId },
        json: {
          step: chosen(),
          takenOn: String(f.get("takenOn") ?? ""),
          actor: String(f.get("actor") ?? ""),
          decision: String(f.get("decision") ?? ""),
          evidence: String(f.get("evidence") ?? ""),
          lateReason: optionalText(f.get("lateReason")) ?? undefined,
          mentorIds: chosen() === "activist" ? ids("mentorIds") : undefined,
          sponsorIds: chosen() === "candidate" ? ids("sponsorIds") : undefined,
          recommendedBy: (optionalText(f.get("recommendedBy")) as "members" | "masses" | null) ?? undefined,
          planId: chosen() === "training" ? (optionalText(f.get("planId")) ?? undefined) : undefined,
          startOn: optionalText(f.get("startOn")) ?? undefined,
          endOn: optionalText(f.get("endOn")) ?? undefined,
          entitled: num(f.get("entitled")),
          for: num(f.get("for")),
          against: num(f.get("against")),
          abstain: num(f.get("abstain")),
          months: num(f.get("months")),
        },
      }),
    );
  };
  const vote = () => chosen() === "branch_vote" || chosen() === "full_vote";
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      submit={t("take")}
      text={failure}
      class="form card step-form"
      novalidate
    >
      <Field label={t("nextStep")}>
        <select name="step" value={chosen()} onChange={(e) => setChosen(e.currentTarget.value as Step)}>
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
        <input name="evidence" maxlength="1000" />
      </Field>
      <Show when={chosen() === "activist"}>
        <PeoplePicker orgId={props.orgId} name="mentorIds" label={t("mentors")} />
        <Field label={t("recommendedBy")}>
          <select name="recommendedBy">
            <option value="members">{t("rec_members")}</option>
            <option value="masses">{t("rec_masses")}</option>
          </select>
        </Field>
      </Show>
      <Show when={chosen() === "candidate"}>
        <PeoplePicker orgId={props.orgId} name="sponsorIds" label={t("sponsors")} />
      </Show>
      <Show when={chosen() === "training"}>
        {/* The hours are counted from the class's verified completions: the keeper only names the class. */}
        <Field label={t("trainingClass")} name="planId">
          <select name="planId" required>
            <For each={props.classes.filter((c) => c.enrolled)}>
              {(c) => (
                <option value={c.id}>
                  {c.title} · {t("counted", { hours: c.hours, days: c.days })}
                </option>
              )}
            </For>
          </select>
        </Field>
      </Show>
      <Show when={chosen() === "notice"}>
        <div class="row">
          <Field label={t("startOn")} name="startOn">
            <input name="startOn" type="date" required />
          </Field>
          <Field label={t("endOn")} name="endOn">
            <input name="endOn" type="date" required />
          </Field>
        </div>
      </Show>
      <Show when={vote()}>
        <VoteFields labels={{ entitled: t("entitled"), for: t("for"), against: t("against"), abstain: t("abstain") }} />
      </Show>
      <Show when={chosen() === "extension"}>
        <Field label={t("months")} name="months">
          <input name="months" type="number" min="6" max="12" step="1" value="6" />
        </Field>
      </Show>
      <Field label={t("lateReason")} name="lateReason">
        <input name="lateReason" maxlength="500" />
      </Field>
    </ActionForm>
  );
}
