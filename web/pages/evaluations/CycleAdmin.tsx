import { createSignal, For, Show } from "solid-js";
import { PHASES, type Phase } from "../../../schema/evaluations/values";
import { api, call } from "../../api";
import { createAction, Feedback } from "../../components/Feedback";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { messages, useErrText, useFieldText } from "./messages";

type Windows = Partial<Record<Phase, { opensAt: number; closesAt: number }>>;

/** Epoch ms <-> the value of a datetime-local input, in the browser's time zone. */
const toLocal = (ms: number | null | undefined) =>
  ms ? new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 16) : "";
const fromLocal = (v: string) => (v ? new Date(v).getTime() : Number.NaN);

/**
 * Committee admins only: extend a phase's window and reopen one member's self-analysis (both audited
 * by the API). `member` is the member picked in the dashboard's row action.
 */
export function CycleAdmin(props: {
  cycleId: string;
  windows: Windows;
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

  const onExtend = (e: SubmitEvent) => {
    e.preventDefault();
    const closesAt = fromLocal(String(new FormData(e.currentTarget as HTMLFormElement).get("closesAt") ?? ""));
    const p = current();
    if (!p) return;
    return extend.run(() =>
      call(api["eval-cycles"][":id"].extend.$post({ param: param(), json: { phase: p, closesAt } })),
    );
  };
  const onReopen = (e: SubmitEvent) => {
    e.preventDefault();
    const until = fromLocal(String(new FormData(e.currentTarget as HTMLFormElement).get("until") ?? ""));
    return reopen.run(() =>
      call(api["eval-cycles"][":id"].reopen.$post({ param: param(), json: { memberId: props.member, until } })),
    );
  };

  return (
    <div class="card eval-admin">
      <h2>{t("manage")}</h2>
      <form class="form" onSubmit={onExtend} aria-labelledby="ext-title">
        <h3 id="ext-title">{t("extendTitle")}</h3>
        <label for="ext-phase">{t("phase")}</label>
        <select id="ext-phase" value={current() ?? ""} onChange={(e) => setPhase(e.currentTarget.value as Phase)}>
          <For each={phases()}>{(p) => <option value={p}>{t(p)}</option>}</For>
        </select>
        <Show when={win()}>
          {(w) => (
            <p class="muted" data-testid="current-window">
              {t("currentWindow", { from: formatDateTime(w().opensAt), to: formatDateTime(w().closesAt) })}
            </p>
          )}
        </Show>
        <label for="ext-closes">{t("newClosesAt")}</label>
        <input id="ext-closes" name="closesAt" type="datetime-local" value={toLocal(win()?.closesAt)} required />
        <Show when={fieldErr(extend.error(), "closesAt")}>
          <p class="field-error">{fieldErr(extend.error(), "closesAt")}</p>
        </Show>
        <Feedback error={extend.error()} notice={extend.notice()} text={errText} />
        <button type="submit" class="primary">
          {t("extend")}
        </button>
      </form>
      <form class="form" id="reopen-form" onSubmit={onReopen} aria-labelledby="reopen-title">
        <h3 id="reopen-title">{t("reopenTitle")}</h3>
        <label for="reopen-member">{t("member")}</label>
        <select
          id="reopen-member"
          value={props.member}
          onChange={(e) => props.onMember(e.currentTarget.value)}
          required
        >
          <option value="">—</option>
          <For each={props.members}>{(m) => <option value={m.id}>{m.displayName}</option>}</For>
        </select>
        <Show when={fieldErr(reopen.error(), "memberId")}>
          <p class="field-error">{fieldErr(reopen.error(), "memberId")}</p>
        </Show>
        <label for="reopen-until">{t("until")}</label>
        <input id="reopen-until" name="until" type="datetime-local" required />
        <Show when={fieldErr(reopen.error(), "until")}>
          <p class="field-error">{fieldErr(reopen.error(), "until")}</p>
        </Show>
        <Feedback error={reopen.error()} notice={reopen.notice()} text={errText} />
        <button type="submit" class="primary" disabled={!props.member}>
          {t("reopen")}
        </button>
      </form>
    </div>
  );
}
