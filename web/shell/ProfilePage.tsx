import { For } from "solid-js";
import { api, call } from "../api";
import { ActionForm } from "../components/ActionForm";
import { ElderSwitch } from "../components/ElderSwitch";
import { createAction } from "../components/Feedback";
import { Field } from "../components/Field";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";
import { me } from "../session";
import { profileMessages } from "./profileMessages";

export default function ProfilePage() {
  const t = useT(profileMessages);
  const ts = useT(shellMessages);
  const change = createAction(() => t("done"));
  return (
    <section class="page">
      <h1>{t("title")}</h1>
      <h2>{t("account")}</h2>
      <dl class="facts">
        <dt>{t("name")}</dt>
        <dd>{me()?.displayName}</dd>
        <dt>{t("username")}</dt>
        <dd>{me()?.username}</dd>
      </dl>
      <h2>{t("roles")}</h2>
      <ul class="cards">
        <For each={me()?.memberships ?? []}>
          {(m) => (
            <li class="card">
              <strong>{m.orgName}</strong>
              <span class="tag">{ts(`role_${m.role}`)}</span>
            </li>
          )}
        </For>
      </ul>
      <h2>{t("language")}</h2>
      <LanguageSwitch />
      <h2>{t("display")}</h2>
      <ElderSwitch />
      <h2>{t("change")}</h2>
      <ActionForm
        action={change}
        novalidate
        submit={t("submit")}
        onSubmit={async (data, form) => {
          await call(
            api.me.password.$post({
              json: {
                currentPassword: String(data.get("currentPassword")),
                newPassword: String(data.get("newPassword")),
              },
            }),
          );
          form.reset();
        }}
      >
        <Field label={t("current")} name="currentPassword">
          <input name="currentPassword" type="password" autocomplete="current-password" />
        </Field>
        <Field label={t("next")} name="newPassword">
          <input name="newPassword" type="password" autocomplete="new-password" minlength="8" />
        </Field>
      </ActionForm>
    </section>
  );
}
