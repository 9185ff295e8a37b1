import { defineMessages } from "../i18n";

export const homeMessages = defineMessages({
  "zh-CN": { hello: "{name}，您好", roles: "我的组织与角色" },
  "zh-TW": { hello: "{name}，您好", roles: "我的組織與角色" },
  en: { hello: "Hello, {name}", roles: "My organizations and roles" },
});
