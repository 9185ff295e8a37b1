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
      <span aria-hidden="true">🔔</span>
      <Show when={(unread() ?? 0) > 0}>
        <span class="badge">{unread()}</span>
      </Show>
    </A>
  );
}
