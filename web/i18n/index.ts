import { createSignal } from "solid-js";

export const LOCALES = ["zh-CN", "zh-TW", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = "locale";
const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
const [locale, setLocaleSignal] = createSignal<Locale>(LOCALES.includes(saved as Locale) ? (saved as Locale) : "zh-CN");

export { locale };

type Table<K extends string> = Record<K, string>;
type Messages<K extends string> = Record<Locale, Table<K>>;

/** The modules whose strings every first load carries (typed whole in ./firstLoad.ts; ./switch.ts loads them). */
export type FirstLoadModule = "shell" | "nav" | "login" | "home" | "homeManager";

// The first load's strings of each locale other than zh-CN, once ./switch.ts has fetched them.
const translations: Partial<Record<Locale, Record<FirstLoadModule, Table<string>>>> = {};

/**
 * Shows `next` with its first-load strings (./switch.ts's setLocale fetches them first, so nothing shows a
 * key or half a translation).
 */
export function showLocale(next: Locale, strings?: Record<FirstLoadModule, Table<string>>) {
  if (strings) translations[next] = strings;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  setLocaleSignal(next);
}

/** Whether `next`'s first-load strings are here (zh-CN always is). */
export const hasLocale = (next: Locale) => next === "zh-CN" || Boolean(translations[next]);

/** A feature's strings in all three languages; the type makes a missing translation a build error. */
export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

/**
 * Strings every first load carries: zh-CN here, the other locales from their chunk in web/i18n/locales/
 * (typed by FirstLoadTranslation in ./firstLoad.ts, so a missing translation is a build error there).
 */
export function firstLoadMessages<K extends string>(name: FirstLoadModule, zhCN: Table<K>): Messages<K> {
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
