import { A, useNavigate } from "@solidjs/router";
import { For, type ParentProps, Show } from "solid-js";
import { api, call } from "../api";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { useT } from "../i18n";
import { navMessages } from "../i18n/nav";
import { shellMessages } from "../i18n/shell";
import { NotificationBell } from "../pages/evaluations/NotificationBell";
import { pages } from "../routes";
import { clearMe, hasRole, me } from "../session";

export function Shell(props: ParentProps) {
  const t = useT(shellMessages);
  const tn = useT(navMessages);
  const navigate = useNavigate();
  const visible = () => pages.filter((p) => p.nav && (!p.nav.roles || hasRole(...p.nav.roles)));
  const logout = async () => {
    await call(api.auth.logout.$post()).catch(() => {});
    clearMe();
    navigate("/login", { replace: true });
  };
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t("skip")}
      </a>
      <header class="topbar">
        <A href="/" class="brand">
          {t("app")}
        </A>
        <div class="topbar-tools">
          <LanguageSwitch />
          <Show when={me()}>
            <NotificationBell />
            <span class="who">{me()?.displayName}</span>
            <button type="button" class="link" onClick={logout}>
              {t("logout")}
            </button>
          </Show>
        </div>
      </header>
      <nav class="nav" aria-label={t("menu")}>
        <For each={visible()}>
          {(p) => (
            <A href={p.path} end={p.path === "/"} activeClass="active">
              {p.nav && tn(p.nav.label)}
            </A>
          )}
        </For>
      </nav>
      <main id="main" tabindex="-1">
        {props.children}
      </main>
    </div>
  );
}
