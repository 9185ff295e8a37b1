import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { NOTIFICATION_KINDS } from "../../../schema/common/notifications";
import { api, call } from "../../api";
import { ActionForm } from "../../components/ActionForm";
import { createAction, Feedback } from "../../components/Feedback";
import { Field } from "../../components/Field";
import { formatDateTime } from "../../components/format";
import { createPagedList, Pager } from "../../components/Pager";
import { useT } from "../../i18n";
import { type DevKey, messages as developmentMessages } from "../development/messages";
import { useFollowupText } from "./followupMessages";
import { type MsgKey, messages, useErrText, usePeriod } from "./messages";
import { refreshUnread } from "./NotificationBell";

type Kind = (typeof NOTIFICATION_KINDS)[number];

/** In-app notices: what opened, what closes soon, who has not done it (for secretaries); searchable. */
export default function NotificationsPage() {
  const t = useT(messages);
  const errText = useErrText();
  const tDev = useT(developmentMessages);
  const followupStep = useFollowupText().step;
  const period = usePeriod();
  const [q, setQ] = createSignal("");
  const [unread, setUnread] = createSignal(0);
  /** Kinds whose wording in the reader's language contains the words: the server matches them too. */
  const kindsMatching = (words: string) =>
    NOTIFICATION_KINDS.filter((k) =>
      t(`n_${k}` as MsgKey)
        .toLowerCase()
        .includes(words.toLowerCase()),
    ).join(",");
  const list = createPagedList(async (offset) => {
    const words = q();
    const kinds = words ? kindsMatching(words) : "";
    const page = await call(
      api.notifications.$get({
        query: { limit: "20", offset: String(offset), ...(words ? { q: words } : {}), ...(kinds ? { kinds } : {}) },
      }),
    );
    setUnread(page.unread);
    return page;
  });
  list.load();
  const text = (n: { kind: string; params: Record<string, unknown>; dueAt: number | null }) => {
    const p = n.params;
    return t(`n_${n.kind as Kind}` as MsgKey, {
      cycle: String(p.cycle ?? ""),
      label: p.label ? period(String(p.label)) : "",
      phase: p.phase ? t(String(p.phase) as MsgKey) : "",
      due: formatDateTime(n.dueAt),
      missingAnalysis: Number(p.missingAnalysis ?? 0),
      missingSelf: Number(p.missingSelf ?? 0),
      excellent: Number(p.excellent ?? 0),
      quota: Number(p.quota ?? 0),
      status: p.status ? t(`ov_${String(p.status)}` as MsgKey) : "",
      person: String(p.person ?? ""),
      step: !p.step
        ? ""
        : n.kind.startsWith("followup_")
          ? followupStep(String(p.step))
          : tDev(`step_${String(p.step)}` as DevKey),
      dueOn: String(p.dueOn ?? ""),
      branch: String(p.branch ?? ""),
      committee: String(p.committee ?? ""),
      n: Number(p.n ?? 0),
      course: String(p.course ?? ""),
      quiz: String(p.quiz ?? ""),
      closes: n.dueAt ? t("closesSuffix", { due: formatDateTime(n.dueAt) }) : "",
      servedOn: String(p.servedOn ?? ""),
      hours: Number(p.hours ?? 0),
    });
  };
  const search = createAction(() => "");
  const reading = createAction(
    () => "",
    async () => {
      await list.load();
      refreshUnread();
    },
  );
  return (
    <section class="page">
      <h1>{t("notifications")}</h1>
      <ActionForm
        action={search}
        class="form search-form"
        submit={t("searchGo")}
        primary={false}
        feedback={false}
        onSubmit={async (f) => {
          setQ(String(f.get("q") ?? "").trim());
          await list.load();
        }}
      >
        <Field label={t("search")}>
          <input name="q" type="search" maxlength="50" placeholder={t("searchHint")} />
        </Field>
      </ActionForm>
      <Feedback error={list.error() ?? reading.error()} text={errText} />
      <Show when={unread() > 0}>
        <button type="button" onClick={() => reading.run(() => call(api.notifications.read.$post()))}>
          {t("markRead")}
        </button>
      </Show>
      <Show when={list.loaded() && list.items().length === 0}>
        <p class="muted">{q() ? t("noMatch", { q: q() }) : t("noNotices")}</p>
      </Show>
      <ul class="notices">
        <For each={list.items()}>
          {(n) => (
            <li classList={{ unread: !n.readAt }}>
              <A href={n.link ?? "/evaluations"}>{text(n)}</A>
              <time class="muted small" datetime={new Date(n.createdAt).toISOString()}>
                {t("receivedAt", { at: formatDateTime(n.createdAt) })}
              </time>
            </li>
          )}
        </For>
      </ul>
      <Pager next={list.next()} onMore={list.more} />
    </section>
  );
}
