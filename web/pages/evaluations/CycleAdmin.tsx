import { createSignal, For, Show } from "solid-js";
import { PHASES, type Phase } from "../../../schema/evaluations/values";
import { ApiFailure, api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { messages, useErrText, useFieldText } from "./messages";

type Windows = Partial<Record<Phase, { opensAt: number; closesAt: number }>>;

/** Epoch ms <-> the value of a datetime-local input, in the browser's time zone. */
const toLocal = (ms: number | null | undefined) =>
  ms ? new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 16) : "";
const fromLocal = (v: FormDataEntryValue | null) => (v ? new Date(String(v)).getTime() : Number.NaN);

/**
 * Committee admins only: extend a phase's window and reopen one member's self-analysis (both audited
 * by the API). `member` is the member picked in the dashboard's row action.
 */
export function CycleAdmin(props: {
  cycleId: string;
  windows: Windows;
  closesAt: number;
  members: { id: string; displayName: string }[];
  member: string;
  onMember: (id: string) => void;
  refetch: () => unknown;
}) {
  const t = useT(messages);
  const errText = useErrText();
  const fieldErr = useFieldText();
  const param = () => ({ id: props.cycleId });
  const phases = () => PHASES.filter((p) => props.windows[p]);
  const [phase, setPhase] = createSignal<Phase | "">("");
  const current = () => (phase() || phases()[0]) as Phase | undefined;
  const win = () => (current() ? props.windows[current()!] : undefined);
  const extend = createAction(() => t("extended"), props.refetch);
  const reopen = createAction(() => t("reopened"), props.refetch);
  /** "until" out of range: say the range, with the cycle's end. */
  const untilError = () => {
    const err = reopen.error();
    return err instanceof ApiFailure && err.field("until")?.code === "range"
      ? t("e_reopen_range", { at: formatDateTime(props.closesAt) })
      : fieldErr(err, "until");
  };

  return (
    <div class="card eval-admin">
      <h2>{t("manage")}</h2>
      <ActionForm
        action={extend}
        text={errText}
        submit={t("extend")}
        onSubmit={async (f) => {
          const p = current();
          if (p) {
            await call(
              api["eval-cycles"][":id"].extend.$post({
                param: param(),
                json: { phase: p, closesAt: fromLocal(f.get("closesAt")) },
              }),
            );
          }
        }}
      >
        <h3>{t("extendTitle")}</h3>
        <Field label={t("phase")}>
          <select value={current() ?? ""} onChange={(e) => setPhase(e.currentTarget.value as Phase)}>
            <For each={phases()}>{(p) => <option value={p}>{t(p)}</option>}</For>
          </select>
        </Field>
        <Show when={win()}>
          {(w) => (
            <p class="muted" data-testid="current-window">
              {t("currentWindow", { from: formatDateTime(w().opensAt), to: formatDateTime(w().closesAt) })}
            </p>
          )}
        </Show>
        <Field label={t("newClosesAt")} error={fieldErr(extend.error(), "closesAt")}>
          <input name="closesAt" type="datetime-local" value={toLocal(win()?.closesAt)} required />
        </Field>
      </ActionForm>
      <ActionForm
        action={reopen}
        text={errText}
        submit={t("reopen")}
        disabled={!props.member}
        onSubmit={(f) =>
          call(
            api["eval-cycles"][":id"].reopen.$post({
              param: param(),
              json: { memberId: props.member, until: fromLocal(f.get("until")) },
            }),
          )
        }
      >
        <h3>{t("reopenTitle")}</h3>
        <Field label={t("member")} error={fieldErr(reopen.error(), "memberId")}>
          <select value={props.member} onChange={(e) => props.onMember(e.currentTarget.value)} required>
            <option value="">—</option>
            <For each={props.members}>{(m) => <option value={m.id}>{m.displayName}</option>}</For>
          </select>
        </Field>
        <Field label={t("until")} error={untilError()}>
          <input id="reopen-until" name="until" type="datetime-local" required />
        </Field>
      </ActionForm>
    </div>
  );
}
