import { useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal } from "solid-js";
import { api, call } from "../api";
import { Feedback } from "../components/Feedback";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { defineMessages, useT } from "../i18n";
import { refreshMe } from "../session";

const messages = defineMessages({
  "zh-CN": { title: "登录", username: "用户名", password: "密码", submit: "登录", busy: "正在登录…", app: "先锋学习" },
  "zh-TW": {
    title: "登入",
    username: "使用者名稱",
    password: "密碼",
    submit: "登入",
    busy: "正在登入…",
    app: "先鋒學習",
  },
  en: {
    title: "Log in",
    username: "Username",
    password: "Password",
    submit: "Log in",
    busy: "Logging in…",
    app: "Vanguard Learning",
  },
});

export default function LoginPage() {
  const t = useT(messages);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      await call(
        api.auth.login.$post({
          json: { username: String(form.get("username")), password: String(form.get("password")) },
        }),
      );
      await refreshMe();
      const next = typeof params.next === "string" && params.next.startsWith("/") ? params.next : "/";
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <div class="login-card">
        <div class="login-head">
          <h1>{t("app")}</h1>
          <LanguageSwitch />
        </div>
        <h2>{t("title")}</h2>
        <form onSubmit={submit} novalidate>
          <label for="username">{t("username")}</label>
          <input id="username" name="username" autocomplete="username" required />
          <label for="password">{t("password")}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <Feedback error={error()} />
          <button type="submit" class="primary" disabled={busy()}>
            {busy() ? t("busy") : t("submit")}
          </button>
        </form>
      </div>
    </main>
  );
}
