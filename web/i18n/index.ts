import { createSignal } from "solid-js";

export const LOCALES = ["zh-CN", "zh-TW", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = "locale";
const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
const [locale, setLocaleSignal] = createSignal<Locale>(LOCALES.includes(saved as Locale) ? (saved as Locale) : "zh-CN");

export { locale };

export function setLocale(next: Locale) {
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  setLocaleSignal(next);
}

type Messages<K extends string> = { "zh-CN": Record<K, string>; "zh-TW": Record<K, string>; en: Record<K, string> };

/** A feature's strings in all three languages; the type makes a missing translation a build error. */
export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

export type Params = Record<string, string | number>;

/** A translate function bound to the current locale: `t("key", { n: 3 })` fills `{n}`. */
export function useT<K extends string>(messages: Messages<K>) {
  return (key: K, params?: Params) => {
    const text = messages[locale()][key] ?? messages["zh-CN"][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`)) : text;
  };
}
