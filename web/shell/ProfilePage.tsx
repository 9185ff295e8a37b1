import { createSignal, Show } from "solid-js";
import { api, call } from "../api";
import { Feedback } from "../components/Feedback";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { defineMessages, useT } from "../i18n";
import { fieldText } from "../i18n/errors";
import { me } from "../session";

const messages = defineMessages({
  "zh-CN": {
    title: "我的",
    username: "用户名",
    change: "修改密码",
    current: "当前密码",
    next: "新密码（至少 8 位）",
    submit: "修改密码",
    done: "密码已修改，其他设备已退出登录",
    language: "界面语言",
  },
  "zh-TW": {
    title: "我的",
    username: "使用者名稱",
    change: "修改密碼",
    current: "目前密碼",
    next: "新密碼（至少 8 位）",
    submit: "修改密碼",
    done: "密碼已修改，其他裝置已登出",
    language: "介面語言",
  },
  en: {
    title: "Me",
    username: "Username",
    change: "Change password",
    current: "Current password",
    next: "New password (8+ characters)",
    submit: "Change password",
    done: "Password changed; your other devices were logged out",
    language: "Language",
  },
});

export default function ProfilePage() {
  const t = useT(messages);
  const [error, setError] = createSignal<unknown>(null);
  const [done, setDone] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    setError(null);
    setDone(false);
    try {
      await call(
        api.me.password.$post({
          json: { currentPassword: String(form.get("currentPassword")), newPassword: String(form.get("newPassword")) },
        }),
      );
      formEl.reset();
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <p>
        {me()?.displayName} · {t("username")}: {me()?.username}
      </p>
      <h2>{t("language")}</h2>
      <LanguageSwitch />
      <h2>{t("change")}</h2>
      <form class="form" onSubmit={submit} novalidate>
        <label for="currentPassword">{t("current")}</label>
        <input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" />
        <Show when={fieldText(error(), "currentPassword")}>
          <p class="field-error">{fieldText(error(), "currentPassword")}</p>
        </Show>
        <label for="newPassword">{t("next")}</label>
        <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" minlength="8" />
        <Show when={fieldText(error(), "newPassword")}>
          <p class="field-error">{fieldText(error(), "newPassword")}</p>
        </Show>
        <Feedback error={error()} notice={done() ? t("done") : undefined} />
        <button type="submit" class="primary">
          {t("submit")}
        </button>
      </form>
    </section>
  );
}
