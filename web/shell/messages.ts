import { defineMessages } from "../i18n";

export const loginMessages = defineMessages({
  "zh-CN": { title: "登录", username: "用户名", password: "密码", submit: "登录", busy: "正在登录…", app: "先锋学习" },
  "zh-TW": {
    title: "登入",
    username: "使用者名稱",
    password: "密碼",
    submit: "登入",
    busy: "正在登入…",
    app: "先鋒學習",
  },
  en: {
    title: "Log in",
    username: "Username",
    password: "Password",
    submit: "Log in",
    busy: "Logging in…",
    app: "Vanguard Learning",
  },
});

export const profileMessages = defineMessages({
  "zh-CN": {
    title: "我的",
    account: "账号",
    name: "姓名",
    username: "用户名",
    roles: "我的组织与角色",
    change: "修改密码",
    current: "当前密码",
    next: "新密码（至少 8 位）",
    submit: "修改密码",
    done: "密码已修改，其他设备已退出登录",
    language: "界面语言",
  },
  "zh-TW": {
    title: "我的",
    account: "帳號",
    name: "姓名",
    username: "使用者名稱",
    roles: "我的組織與角色",
    change: "修改密碼",
    current: "目前密碼",
    next: "新密碼（至少 8 位）",
    submit: "修改密碼",
    done: "密碼已修改，其他裝置已登出",
    language: "介面語言",
  },
  en: {
    title: "Me",
    account: "Account",
    name: "Name",
    username: "Username",
    roles: "My organizations and roles",
    change: "Change password",
    current: "Current password",
    next: "New password (8+ characters)",
    submit: "Change password",
    done: "Password changed; your other devices were logged out",
    language: "Language",
  },
});
