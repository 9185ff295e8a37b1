import { useNavigate, useSearchParams } from "@solidjs/router";
import { api, call } from "../api";
import { ActionForm } from "../components/ActionForm";
import { ElderSwitch, saveElderChoice } from "../components/ElderSwitch";
import { createAction } from "../components/Feedback";
import { Field } from "../components/Field";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { useT } from "../i18n";
import { refreshMe } from "../session";
import { loginMessages } from "./loginMessages";

export default function LoginPage() {
  const t = useT(loginMessages);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = () => (typeof params.next === "string" && params.next.startsWith("/") ? params.next : "/");
  const login = createAction(
    () => "",
    async () => {
      await saveElderChoice();
      await refreshMe();
      navigate(next(), { replace: true });
    },
  );
  return (
    <main class="login">
      <div class="login-card">
        <div class="login-head">
          <h1>{t("app")}</h1>
          <LanguageSwitch />
        </div>
        <ElderSwitch />
        <h2>{t("title")}</h2>
        <ActionForm
          action={login}
          class="form login-form"
          novalidate
          submit={login.busy() ? t("busy") : t("submit")}
          onSubmit={(data) =>
            call(
              api.auth.login.$post({
                json: { username: String(data.get("username")), password: String(data.get("password")) },
              }),
            )
          }
        >
          <Field label={t("username")} name="username">
            <input name="username" autocomplete="username" required />
          </Field>
          <Field label={t("password")} name="password">
            <input name="password" type="password" autocomplete="current-password" required />
          </Field>
        </ActionForm>
      </div>
    </main>
  );
}
