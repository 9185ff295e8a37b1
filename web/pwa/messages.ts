import { defineMessages } from "../i18n";

export const pwaMessages = defineMessages({
  "zh-CN": { update: "有新版本，刷新" },
  "zh-TW": { update: "有新版本，重新整理" },
  en: { update: "A new version is ready — refresh" },
});
