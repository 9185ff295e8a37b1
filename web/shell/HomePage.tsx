import { For } from "solid-js";
import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";
import { me } from "../session";
import { homeMessages } from "./homeMessages";

export default function HomePage() {
  const t = useT(homeMessages);
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
