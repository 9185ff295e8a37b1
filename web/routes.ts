import { type Component, lazy } from "solid-js";
import type { Locale } from "./i18n";
import type { Role } from "./session";

export interface PageEntry {
  path: string;
  component: Component;
  /** Shown in the navigation to users holding one of `roles` (everyone when absent). */
  nav?: { label: Record<Locale, string>; roles?: Role[] };
}

/** Every page, lazy-loaded so the first load carries only the shell. One block per feature. */
export const pages: PageEntry[] = [
  {
    path: "/",
    component: lazy(() => import("./pages/home/HomePage")),
    nav: { label: { "zh-CN": "首页", "zh-TW": "首頁", en: "Home" } },
  },
  {
    path: "/orgs",
    component: lazy(() => import("./pages/orgs/OrgsPage")),
    nav: { label: { "zh-CN": "组织架构", "zh-TW": "組織架構", en: "Organizations" }, roles: ["admin", "secretary"] },
  },
  {
    path: "/roster",
    component: lazy(() => import("./pages/roster/RosterPage")),
    nav: { label: { "zh-CN": "党员名册", "zh-TW": "黨員名冊", en: "Roster" }, roles: ["admin", "secretary"] },
  },
  {
    path: "/quizzes",
    component: lazy(() => import("./pages/quizzes/QuizzesPage")),
    nav: { label: { "zh-CN": "测验考试", "zh-TW": "測驗考試", en: "Quizzes" } },
  },
  { path: "/quizzes/practice", component: lazy(() => import("./pages/quizzes/PracticePage")) },
  { path: "/quizzes/take/:id", component: lazy(() => import("./pages/quizzes/QuizPage")) },
  { path: "/quizzes/attempt/:id", component: lazy(() => import("./pages/quizzes/AttemptPage")) },
  { path: "/quizzes/banks", component: lazy(() => import("./pages/quizzes/BanksPage")) },
  { path: "/quizzes/banks/:id", component: lazy(() => import("./pages/quizzes/BanksPage")) },
  { path: "/quizzes/build/:id", component: lazy(() => import("./pages/quizzes/BuilderPage")) },
  { path: "/quizzes/:id/stats", component: lazy(() => import("./pages/quizzes/StatsPage")) },
  { path: "/quizzes/:id/grading", component: lazy(() => import("./pages/quizzes/GradingPage")) },
  {
    path: "/profile",
    component: lazy(() => import("./pages/profile/ProfilePage")),
    nav: { label: { "zh-CN": "我的", "zh-TW": "我的", en: "Me" } },
  },
];
