import { firstLoadMessages } from "../i18n";

export const loginMessages = firstLoadMessages("login", {
  title: "登录",
  username: "用户名",
  password: "密码",
  submit: "登录",
  busy: "正在登录…",
  app: "先锋学习",
});
