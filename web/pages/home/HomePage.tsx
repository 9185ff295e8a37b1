import { For } from "solid-js";
import { defineMessages, useT } from "../../i18n";
import { shellMessages } from "../../i18n/shell";
import { me } from "../../session";

const messages = defineMessages({
  "zh-CN": { hello: "{name}，您好", roles: "我的组织与角色" },
  "zh-TW": { hello: "{name}，您好", roles: "我的組織與角色" },
  en: { hello: "Hello, {name}", roles: "My organizations and roles" },
});

export default function HomePage() {
  const t = useT(messages);
  const ts = useT(shellMessages);
  return (
    <section class="page">
      <h1>{t("hello", { name: me()?.displayName ?? "" })}</h1>
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
    </section>
  );
}
