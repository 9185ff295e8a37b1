import { A, useNavigate } from "@solidjs/router";
import { For, type ParentProps, Show } from "solid-js";
import { api, call } from "../api";
import { LOCALES, type Locale, locale, setLocale, useT } from "../i18n";
import { shellMessages } from "../i18n/shell";
import { NotificationBell } from "../pages/evaluations/NotificationBell";
import { pages } from "../routes";
import { clearMe, hasRole, me } from "../session";

const LOCALE_NAMES: Record<Locale, string> = { "zh-CN": "简体中文", "zh-TW": "繁體中文", en: "English" };

export function LanguageSwitch() {
  const t = useT(shellMessages);
  return (
    <label class="lang">
      <span class="sr-only">{t("language")}</span>
      <select
        aria-label={t("language")}
        value={locale()}
        onChange={(e) => {
          const next = e.currentTarget.value as Locale;
          setLocale(next);
          if (me()) call(api.me.$patch({ json: { locale: next } })).catch(() => {});
        }}
      >
        <For each={LOCALES}>{(l) => <option value={l}>{LOCALE_NAMES[l]}</option>}</For>
      </select>
    </label>
  );
}

export function Shell(props: ParentProps) {
  const t = useT(shellMessages);
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
              {p.nav?.label[locale()]}
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
