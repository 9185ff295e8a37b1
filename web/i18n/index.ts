import { createSignal } from "solid-js";
import type { homeManagerMessages } from "../shell/homeManagerMessages";
import type { homeMessages } from "../shell/homeMessages";
import type { loginMessages } from "../shell/loginMessages";
import type { navMessages } from "./nav";
import type { shellMessages } from "./shell";

export const LOCALES = ["zh-CN", "zh-TW", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = "locale";
const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
const [locale, setLocaleSignal] = createSignal<Locale>(LOCALES.includes(saved as Locale) ? (saved as Locale) : "zh-CN");

export { locale };

type Table<K extends string> = Record<K, string>;
type Messages<K extends string> = Record<Locale, Table<K>>;
type Translation<M> = M extends Messages<infer K> ? Table<K> : never;

/** The strings of the first load (shell, menu, login, home) in one locale other than zh-CN: web/i18n/locales/. */
export interface FirstLoadTranslation {
  shell: Translation<typeof shellMessages>;
  nav: Translation<typeof navMessages>;
  login: Translation<typeof loginMessages>;
  home: Translation<typeof homeMessages>;
  homeManager: Translation<typeof homeManagerMessages>;
}

// One chunk per locale, fetched only by its readers (the service worker keeps them for offline switching).
const translations: Partial<Record<Locale, FirstLoadTranslation>> = {};
const loaders = {
  "zh-TW": () => import("./locales/zh-TW"),
  en: () => import("./locales/en"),
};

/** Fetches the first load's strings of `next` unless they are here (zh-CN always is). */
async function loadLocale(next: Locale) {
  if (next !== "zh-CN" && !translations[next]) translations[next] = (await loaders[next]()).default;
}

/** Switches once the locale's strings have arrived, so nothing shows a key or half a translation. */
export async function setLocale(next: Locale) {
  await loadLocale(next);
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  setLocaleSignal(next);
}

/** A feature's strings in all three languages; the type makes a missing translation a build error. */
export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

/**
 * Strings every first load carries: zh-CN here, the other locales from their chunk in web/i18n/locales/
 * (typed by FirstLoadTranslation, so a missing translation is a build error there).
 */
export function firstLoadMessages<K extends string>(name: keyof FirstLoadTranslation, zhCN: Table<K>): Messages<K> {
  const of = (l: Locale) => (translations[l]?.[name] as Table<K> | undefined) ?? zhCN;
  return {
    "zh-CN": zhCN,
    get "zh-TW"() {
      return of("zh-TW");
    },
    get en() {
      return of("en");
    },
  };
}

export type Params = Record<string, string | number>;

/** A translate function bound to the current locale: `t("key", { n: 3 })` fills `{n}`. */
export function useT<K extends string>(messages: Messages<K>) {
  return (key: K, params?: Params) => {
    const text = messages[locale()][key] ?? messages["zh-CN"][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`)) : text;
  };
}
