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
    path: "/profile",
    component: lazy(() => import("./pages/profile/ProfilePage")),
    nav: { label: { "zh-CN": "我的", "zh-TW": "我的", en: "Me" } },
  },
];
