import { type Component, lazy } from "solid-js";
import type { Locale } from "./i18n";
import type { Role } from "./session";

export interface PageEntry {
  path: string;
  component: Component;
  /** Shown in the navigation to users holding one of `roles` (everyone when absent). */
  nav?: { label: Record<Locale, string>; roles?: Role[] };
  /** Served outside the login and the shell (e.g. the masses' rating link). */
  public?: boolean;
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
  // Serving the masses: services, reverse assessment, growth archive, vanguard index.
  {
    path: "/services",
    component: lazy(() => import("./pages/services/ServicesPage")),
    nav: { label: { "zh-CN": "服务群众", "zh-TW": "服務群眾", en: "Service" } },
  },
  {
    path: "/masses",
    component: lazy(() => import("./pages/masses/RoundsPage")),
    nav: { label: { "zh-CN": "群众评议", "zh-TW": "群眾評議", en: "Rating" }, roles: ["admin", "secretary"] },
  },
  { path: "/masses/:id", component: lazy(() => import("./pages/masses/RoundPage")) },
  { path: "/rate/:token", component: lazy(() => import("./pages/masses/RatePage")), public: true },
  {
    path: "/archive",
    component: lazy(() => import("./pages/archives/ArchivePage")),
    nav: { label: { "zh-CN": "成长档案", "zh-TW": "成長檔案", en: "Archive" } },
  },
  { path: "/archive/:id", component: lazy(() => import("./pages/archives/ArchivePage")) },
  {
    path: "/vanguard",
    component: lazy(() => import("./pages/vanguard/MyIndexPage")),
    nav: { label: { "zh-CN": "先锋指数", "zh-TW": "先鋒指數", en: "Index" } },
  },
  { path: "/vanguard/member/:id", component: lazy(() => import("./pages/vanguard/MyIndexPage")) },
  {
    path: "/vanguard-overview",
    component: lazy(() => import("./pages/vanguard/OrgIndexPage")),
    nav: { label: { "zh-CN": "指数总览", "zh-TW": "指數總覽", en: "Index overview" }, roles: ["admin", "secretary"] },
  },
  {
    path: "/vanguard-model",
    component: lazy(() => import("./pages/vanguard/ModelPage")),
    nav: { label: { "zh-CN": "指数模型", "zh-TW": "指數模型", en: "Index model" }, roles: ["admin"] },
  },
  {
    path: "/rating-templates",
    component: lazy(() => import("./pages/masses/TemplatePage")),
    nav: { label: { "zh-CN": "评议模板", "zh-TW": "評議範本", en: "Rating templates" }, roles: ["admin"] },
  },
  {
    path: "/evaluations",
    component: lazy(() => import("./pages/evaluations/MyEvaluationsPage")),
    nav: { label: { "zh-CN": "评议", "zh-TW": "評議", en: "Evaluations" } },
  },
  {
    path: "/evaluations/schedules",
    component: lazy(() => import("./pages/evaluations/SchedulesPage")),
    nav: { label: { "zh-CN": "评议计划", "zh-TW": "評議計畫", en: "Schedules" }, roles: ["admin"] },
  },
  { path: "/evaluations/cycle/:id", component: lazy(() => import("./pages/evaluations/CyclePage")) },
  { path: "/evaluations/cycle/:id/analysis", component: lazy(() => import("./pages/evaluations/AnalysisPage")) },
  { path: "/evaluations/cycle/:id/appraisal", component: lazy(() => import("./pages/evaluations/AppraisalPage")) },
  { path: "/evaluations/analysis/:id", component: lazy(() => import("./pages/evaluations/ReviewPage")) },
  { path: "/notifications", component: lazy(() => import("./pages/evaluations/NotificationsPage")) },
  {
    path: "/study",
    component: lazy(() => import("./pages/study/MyStudyPage")),
    nav: { label: { "zh-CN": "我的学习", "zh-TW": "我的學習", en: "My study" } },
  },
  {
    path: "/catalogue",
    component: lazy(() => import("./pages/study/CataloguePage")),
    nav: { label: { "zh-CN": "课程中心", "zh-TW": "課程中心", en: "Catalogue" } },
  },
  { path: "/courses/:id", component: lazy(() => import("./pages/study/CoursePage")) },
  { path: "/courses/:id/lessons/:lessonId", component: lazy(() => import("./pages/study/LessonPage")) },
  { path: "/certificates/:id", component: lazy(() => import("./pages/study/CertificatePage")) },
  {
    path: "/school/courses",
    component: lazy(() => import("./pages/courses/SchoolCoursesPage")),
    nav: { label: { "zh-CN": "课程编辑", "zh-TW": "課程編輯", en: "Course editor" }, roles: ["school", "admin"] },
  },
  { path: "/school/courses/:id", component: lazy(() => import("./pages/courses/CourseEditorPage")) },
  {
    path: "/plans",
    component: lazy(() => import("./pages/courses/AssignPage")),
    nav: { label: { "zh-CN": "课程分配", "zh-TW": "課程分配", en: "Assign courses" }, roles: ["admin", "school"] },
  },
  {
    path: "/progress",
    component: lazy(() => import("./pages/courses/StudyReportPage")),
    nav: { label: { "zh-CN": "学习进度", "zh-TW": "學習進度", en: "Study progress" }, roles: ["secretary", "admin"] },
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
