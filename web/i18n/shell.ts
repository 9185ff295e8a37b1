import { firstLoadMessages } from ".";

export const shellMessages = firstLoadMessages("shell", {
  app: "先锋学习",
  logout: "退出登录",
  language: "语言",
  loading: "加载中…",
  skip: "跳到主要内容",
  menu: "导航",
  notFound: "页面不存在",
  retry: "重试",
  more: "加载更多",
  save: "保存",
  cancel: "取消",
  confirm: "确定",
  chooseOrg: "选择组织",
  saved: "已保存",
  role_member: "党员",
  role_secretary: "支部书记",
  role_school: "党校",
  role_admin: "党委管理员",
  elder: "长辈版（大字）",
});
