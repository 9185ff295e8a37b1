import { type Component, lazy } from "solid-js";
import type { NavLabel } from "./i18n/nav";
import type { Role } from "./session";

export interface PageEntry {
  path: string;
  component: Component;
  /** Shown in the navigation to users holding one of `roles` (everyone when absent). */
  nav?: { label: NavLabel; roles?: Role[] };
  /** Served outside the login and the shell (e.g. the masses' rating link). */
  public?: boolean;
}

/** Every page, lazy-loaded so the first load carries only the shell. One block per feature. */
export const pages: PageEntry[] = [
  {
    path: "/",
    component: lazy(() => import("./shell/HomePage")),
    nav: { label: "home" },
  },
  {
    path: "/orgs",
    component: lazy(() => import("./pages/orgs/OrgsPage")),
    nav: { label: "orgs", roles: ["admin", "secretary"] },
  },
  {
    path: "/roster",
    component: lazy(() => import("./pages/roster/RosterPage")),
    nav: { label: "roster", roles: ["admin", "secretary"] },
  },
  // Serving the masses: services, reverse assessment, growth archive, vanguard index.
  {
    path: "/services",
    component: lazy(() => import("./pages/services/ServicesPage")),
    nav: { label: "services" },
  },
  {
    path: "/masses",
    component: lazy(() => import("./pages/masses/RoundsPage")),
    nav: { label: "masses", roles: ["admin", "secretary"] },
  },
  { path: "/masses/:id", component: lazy(() => import("./pages/masses/RoundPage")) },
  { path: "/rate/:token", component: lazy(() => import("./pages/masses/RatePage")), public: true },
  {
    path: "/development",
    component: lazy(() => import("./pages/development/RegisterPage")),
    nav: { label: "development" },
  },
  { path: "/development/case/:id", component: lazy(() => import("./pages/development/CasePage")) },
  { path: "/development/case/:id/sheet", component: lazy(() => import("./pages/development/SheetPage")) },
  {
    path: "/archive",
    component: lazy(() => import("./pages/archives/ArchivePage")),
    nav: { label: "archive" },
  },
  { path: "/archive/:id", component: lazy(() => import("./pages/archives/ArchivePage")) },
  {
    path: "/vanguard",
    component: lazy(() => import("./pages/vanguard/MyIndexPage")),
    nav: { label: "vanguard" },
  },
  { path: "/vanguard/member/:id", component: lazy(() => import("./pages/vanguard/MyIndexPage")) },
  {
    path: "/vanguard-overview",
    component: lazy(() => import("./pages/vanguard/OrgIndexPage")),
    nav: { label: "vanguardOverview", roles: ["admin", "secretary"] },
  },
  {
    path: "/vanguard-model",
    component: lazy(() => import("./pages/vanguard/ModelPage")),
    nav: { label: "vanguardModel", roles: ["admin"] },
  },
  {
    path: "/rating-templates",
    component: lazy(() => import("./pages/masses/TemplatePage")),
    nav: { label: "ratingTemplates", roles: ["admin"] },
  },
  {
    path: "/evaluations",
    component: lazy(() => import("./pages/evaluations/MyEvaluationsPage")),
    nav: { label: "evaluations" },
  },
  {
    path: "/evaluations/schedules",
    component: lazy(() => import("./pages/evaluations/SchedulesPage")),
    nav: { label: "schedules", roles: ["admin"] },
  },
  { path: "/evaluations/cycle/:id", component: lazy(() => import("./pages/evaluations/CyclePage")) },
  { path: "/evaluations/cycle/:id/analysis", component: lazy(() => import("./pages/evaluations/AnalysisPage")) },
  { path: "/evaluations/cycle/:id/appraisal", component: lazy(() => import("./pages/evaluations/AppraisalPage")) },
  { path: "/evaluations/analysis/:id", component: lazy(() => import("./pages/evaluations/ReviewPage")) },
  { path: "/notifications", component: lazy(() => import("./pages/evaluations/NotificationsPage")) },
  {
    path: "/study",
    component: lazy(() => import("./pages/courses/MyStudyPage")),
    nav: { label: "study" },
  },
  {
    path: "/catalogue",
    component: lazy(() => import("./pages/courses/CataloguePage")),
    nav: { label: "catalogue" },
  },
  { path: "/courses/:id", component: lazy(() => import("./pages/courses/CoursePage")) },
  { path: "/courses/:id/lessons/:lessonId", component: lazy(() => import("./pages/courses/LessonPage")) },
  { path: "/certificates/:id", component: lazy(() => import("./pages/courses/CertificatePage")) },
  {
    path: "/school/courses",
    component: lazy(() => import("./pages/courses/SchoolCoursesPage")),
    nav: { label: "schoolCourses", roles: ["school", "admin"] },
  },
  { path: "/school/courses/:id", component: lazy(() => import("./pages/courses/CourseEditorPage")) },
  {
    path: "/plans",
    component: lazy(() => import("./pages/courses/AssignPage")),
    nav: { label: "plans", roles: ["admin", "school"] },
  },
  {
    path: "/progress",
    component: lazy(() => import("./pages/courses/StudyReportPage")),
    nav: { label: "progress", roles: ["secretary", "admin"] },
  },
  {
    path: "/quizzes",
    component: lazy(() => import("./pages/quizzes/QuizzesPage")),
    nav: { label: "quizzes" },
  },
  { path: "/quizzes/practice", component: lazy(() => import("./pages/quizzes/PracticePage")) },
  { path: "/quizzes/take/:id", component: lazy(() => import("./pages/quizzes/QuizPage")) },
  { path: "/quizzes/attempt/:id", component: lazy(() => import("./pages/quizzes/AttemptPage")) },
  { path: "/quizzes/banks", component: lazy(() => import("./pages/banks/BanksPage")) },
  { path: "/quizzes/banks/:id", component: lazy(() => import("./pages/banks/BanksPage")) },
  { path: "/quizzes/build/:id", component: lazy(() => import("./pages/quizzes/BuilderPage")) },
  { path: "/quizzes/:id/stats", component: lazy(() => import("./pages/quizzes/StatsPage")) },
  { path: "/quizzes/:id/grading", component: lazy(() => import("./pages/quizzes/GradingPage")) },
  {
    path: "/profile",
    component: lazy(() => import("./shell/ProfilePage")),
    nav: { label: "profile" },
  },
];
