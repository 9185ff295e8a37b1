import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api, call } from "../../api";
import { formatDateTime } from "../../components/format";
import { useT } from "../../i18n";
import { type DevKey, messages as developmentMessages } from "../development/messages";
import { type MsgKey, messages, useErrText } from "./messages";
import { refreshUnread } from "./NotificationBell";

/** In-app notices: what opened, what closes soon, who has not done it (for secretaries). */
export default function NotificationsPage() {
  const t = useT(messages);
  const errText = useErrText();
  const tDev = useT(developmentMessages);
  const [data, { refetch }] = createResource(() => call(api.notifications.$get({ query: {} })));
  const text = (n: { kind: string; params: Record<string, unknown>; dueAt: number | null }) => {
    const p = n.params;
    return t(`n_${n.kind}` as MsgKey, {
      cycle: String(p.cycle ?? ""),
      label: String(p.label ?? ""),
      phase: p.phase ? t(String(p.phase) as MsgKey) : "",
      due: formatDateTime(n.dueAt),
      missingAnalysis: Number(p.missingAnalysis ?? 0),
      missingSelf: Number(p.missingSelf ?? 0),
      excellent: Number(p.excellent ?? 0),
      quota: Number(p.quota ?? 0),
      status: p.status ? t(`ov_${String(p.status)}` as MsgKey) : "",
      person: String(p.person ?? ""),
      step: p.step ? tDev(`step_${String(p.step)}` as DevKey) : "",
      dueOn: String(p.dueOn ?? ""),
    });
  };
  const markRead = async () => {
    await call(api.notifications.read.$post());
    await refetch();
    refreshUnread();
  };
  return (
    <section class="page">
      <h1>{t("notifications")}</h1>
      <Show when={data.error}>
        <p class="error">{errText(data.error)}</p>
      </Show>
      <Show when={(data()?.unread ?? 0) > 0}>
        <button type="button" onClick={markRead}>
          {t("markRead")}
        </button>
      </Show>
      <ul class="notices">
        <For each={data()?.items}>
          {(n) => (
            <li classList={{ unread: !n.readAt }}>
              <A href={n.link ?? "/evaluations"}>{text(n)}</A>
              <span class="muted small"> {formatDateTime(n.createdAt)}</span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
