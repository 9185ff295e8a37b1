import { hasLocale, type Locale, showLocale } from ".";

// Apart from ./index.ts so that the strings' modules, which read index, are not read by it (no circle).

// One chunk per locale, fetched only by its readers (the service worker keeps them for offline switching).
const loaders = {
  "zh-TW": () => import("./locales/zh-TW"),
  en: () => import("./locales/en"),
};

/** Switches once the locale's strings have arrived, so nothing shows a key or half a translation. */
export async function setLocale(next: Locale) {
  showLocale(next, next === "zh-CN" || hasLocale(next) ? undefined : (await loaders[next]()).default);
}
