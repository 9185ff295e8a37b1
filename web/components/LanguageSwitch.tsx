import { For } from "solid-js";
import { api, call } from "../api";
import { LOCALES, type Locale, locale, useT } from "../i18n";
import { shellMessages } from "../i18n/shell";
import { setLocale } from "../i18n/switch";
import { me } from "../session";

const LOCALE_NAMES: Record<Locale, string> = { "zh-CN": "简体中文", "zh-TW": "繁體中文", en: "English" };

/** The language menu: switches at once, and remembers the choice on the account when logged in. */
export function LanguageSwitch() {
  const t = useT(shellMessages);
  return (
    <label class="lang">
      <span class="sr-only">{t("language")}</span>
      <select
        aria-label={t("language")}
        value={locale()}
        onChange={(e) => {
          const select = e.currentTarget;
          const next = select.value as Locale;
          setLocale(next).then(
            () => me() && call(api.me.$patch({ json: { locale: next } })).catch(() => {}),
            () => {
              select.value = locale(); // the locale's strings did not arrive: stay as we were
            },
          );
        }}
      >
        <For each={LOCALES}>{(l) => <option value={l}>{LOCALE_NAMES[l]}</option>}</For>
      </select>
    </label>
  );
}
