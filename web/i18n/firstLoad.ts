import type { homeManagerMessages } from "../shell/homeManagerMessages";
import type { homeMessages } from "../shell/homeMessages";
import type { loginMessages } from "../shell/loginMessages";
import type { Locale } from ".";
import type { navMessages } from "./nav";
import type { shellMessages } from "./shell";

type Translation<M> = M extends Record<Locale, Record<infer K extends string, string>> ? Record<K, string> : never;

/** The strings of the first load (shell, menu, login, home) in one locale other than zh-CN: web/i18n/locales/. */
export interface FirstLoadTranslation {
  shell: Translation<typeof shellMessages>;
  nav: Translation<typeof navMessages>;
  login: Translation<typeof loginMessages>;
  home: Translation<typeof homeMessages>;
  homeManager: Translation<typeof homeManagerMessages>;
}
