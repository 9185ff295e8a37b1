import { A } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { api, call } from "../../api";
import { defineMessages, useT } from "../../i18n";

// Small on purpose: the bell is in the shell's first load, the rest of the feature is lazy.
const messages = defineMessages({
  "zh-CN": { notifications: "通知" },
  "zh-TW": { notifications: "通知" },
  en: { notifications: "Notifications" },
});

const [version, setVersion] = createSignal(0);
export const refreshUnread = () => setVersion(version() + 1);

/** The shell's bell: a link to the notifications with the unread count. */
export function NotificationBell() {
  const t = useT(messages);
  const [unread] = createResource(version, async () => {
    try {
      return (await call(api.notifications.$get({ query: { limit: "1" } }))).unread;
    } catch {
      return 0;
    }
  });
  return (
    <A href="/notifications" class="bell" aria-label={`${t("notifications")} (${unread() ?? 0})`}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      <Show when={(unread() ?? 0) > 0}>
        <span class="badge">{unread()}</span>
      </Show>
    </A>
  );
}
