import { firstLoadMessages } from ".";

/** The navigation's labels: one key per page that appears in the menu (web/routes.ts), its task groups and the menu button. */
export const navMessages = firstLoadMessages("nav", {
  group_study: "学习",
  group_evaluate: "评议",
  group_organize: "组织",
  group_manage: "管理",
  openMenu: "菜单",
  closeMenu: "关闭菜单",
  home: "首页",
  orgs: "组织架构",
  roster: "党员名册",
  services: "服务群众",
  masses: "群众评议",
  pledges: "党员承诺",
  myPledges: "我的承诺",
  archive: "成长档案",
  development: "发展党员",
  orglife: "组织生活",
  orglifeOverview: "组织生活总览",
  vanguard: "先锋指数",
  vanguardOverview: "指数总览",
  vanguardModel: "指数模型",
  bastion: "堡垒指数",
  ratingTemplates: "评议模板",
  ratingSeals: "评议备案",
  evaluations: "我的评议",
  followups: "帮扶处置",
  schedules: "评议计划",
  study: "我的学习",
  catalogue: "课程中心",
  schoolCourses: "课程编辑",
  plans: "课程分配",
  studyRules: "学习规则",
  progress: "学习进度",
  quizzes: "测验考试",
  talent: "人才培养",
  practice: "实践锻炼",
  advisor: "轮职参事",
  commendations: "评先选优",
  profile: "我的",
});

/** The task groups of the menu, in the order they appear. */
export const NAV_GROUPS = ["study", "evaluate", "organize", "manage"] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];
export type NavLabel = Exclude<keyof (typeof navMessages)["zh-CN"], `group_${string}` | "openMenu" | "closeMenu">;
