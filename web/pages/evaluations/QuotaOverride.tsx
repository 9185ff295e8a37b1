import { For, Show } from "solid-js";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { askText, confirmAction } from "../../components/ConfirmDialog";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { me } from "../../session";
import { decisionMessages, useDecisionErrText } from "./decisionMessages";
import { type MsgKey, messages } from "./messages";
import type { Sheet } from "./sheet";

/**
 * 优秀 over the quota: the branch asks with a reason, an admin of the higher committee (never the one
 * who asked) approves or refuses; every request stays on the page with its reason and answer.
 */
export function QuotaOverride(props: { sheet: Sheet; excellent: number; refetch: () => unknown }) {
  const t = useT(messages);
  const td = useT(decisionMessages);
  const errText = useDecisionErrText();
  const ask = createAction(() => td("overrideSent"), props.refetch);
  const reply = createAction(() => td("answeredOk"), props.refetch);
  const open = () => props.sheet.cycle.status === "open";
  const pending = () => props.sheet.overrides.find((o) => o.status === "pending");
  const over = () => props.excellent > props.sheet.quota;
  /** An approval for at least this many 优秀 lets the decision through; asking again is pointless. */
  const covered = () => props.sheet.overrides.some((o) => o.status === "approved" && o.excellent >= props.excellent);
  const needed = () => over() && !covered();

  const onAsk = (form: FormData) => {
    const json = { excellent: Number(form.get("excellent")), reason: String(form.get("reason") ?? "") };
    return call(api["eval-cycles"][":id"]["quota-overrides"].$post({ param: { id: props.sheet.cycle.id }, json }));
  };
  const answerWith = (id: string, approve: boolean, answer: string) =>
    reply.run(() =>
      call(
        api["eval-quota-overrides"][":id"].answer.$post({
          param: { id },
          json: { approve, ...(answer.trim() ? { answer } : {}) },
        }),
      ),
    );
  /** Approving may carry a note; refusing must say why (the branch reads it). */
  const approve = async (id: string, note: string) => {
    if (await confirmAction(td("approveConfirm", { n: props.excellent }), td("approve")))
      await answerWith(id, true, note);
  };
  const refuse = async (id: string) => {
    const why = await askText(td("refuseConfirm"), td("answerNote"));
    if (why) await answerWith(id, false, why);
  };
  let note!: HTMLInputElement;

  return (
    <Show when={over() || props.sheet.overrides.length > 0}>
      <section class="form" aria-labelledby="override-title">
        <h3 id="override-title">{td("overrideTitle")}</h3>
        <Show when={needed()}>
          <p class="warn">{td("overNeedsApproval", { n: props.excellent, max: props.sheet.quota })}</p>
        </Show>
        <ul class="notices">
          <For each={props.sheet.overrides}>
            {(o) => (
              <li data-testid="override">
                <strong>{t(`ov_${o.status}` as MsgKey)}</strong>{" "}
                {td("overrideLine", {
                  requester: o.requester ?? "—",
                  n: o.excellent,
                  at: formatDateTime(o.requestedAt),
                })}
                <br />
                {td("overrideReason")}：{o.reason}
                <Show when={o.answeredAt}>
                  <br />
                  {td("answeredLine", {
                    who: o.answerer ?? "—",
                    status: t(`ov_${o.status}` as MsgKey),
                    at: formatDateTime(o.answeredAt),
                  })}
                  <Show when={o.answer}> {o.answer}</Show>
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={open() && needed() && !pending()}>
          <ActionForm action={ask} submit={td("overrideSubmit")} primary={false} text={errText} onSubmit={onAsk}>
            <Field label={td("overrideCount")} name="excellent">
              <input
                name="excellent"
                type="number"
                min={props.sheet.quota + 1}
                max={props.sheet.members.length}
                value={props.excellent}
                required
              />
            </Field>
            <Field label={td("overrideReason")} name="reason">
              <textarea name="reason" required maxLength={2000} />
            </Field>
          </ActionForm>
        </Show>
        <Show when={!(open() && needed() && !pending())}>
          <Feedback error={ask.error()} notice={ask.notice()} text={errText} />
        </Show>
        <Show when={open() && props.sheet.mayAnswer && pending()}>
          {(o) => (
            <Show when={o().requestedBy !== me()?.id} fallback={<p class="muted">{td("ownRequest")}</p>}>
              <div class="form">
                <Field label={td("answerNote")}>
                  <input ref={note} maxLength={2000} />
                </Field>
                <div class="row">
                  <button
                    type="button"
                    class="primary"
                    disabled={reply.busy()}
                    onClick={() => approve(o().id, note.value)}
                  >
                    {td("approve")}
                  </button>
                  <button type="button" disabled={reply.busy()} onClick={() => refuse(o().id)}>
                    {td("refuse")}
                  </button>
                </div>
              </div>
            </Show>
          )}
        </Show>
        <Feedback error={reply.error()} notice={reply.notice()} text={errText} />
      </section>
    </Show>
  );
}
