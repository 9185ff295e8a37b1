import type { RoutePreloadFunc } from "@solidjs/router";
import { type Component, lazy } from "solid-js";
import { api, call } from "./api";
import type { NavGroup, NavLabel } from "./i18n/nav";
import type { Role } from "./session";

export interface PageEntry {
  path: string;
  component: Component;
  /**
   * Shown in the navigation to users holding one of `roles` (everyone when absent), in the menu of its
   * task `group`; without a group the entry sits on the bar itself (home) or among the user's tools (profile).
   */
  nav?: { label: NavLabel; group?: NavGroup; roles?: Role[] };
  /** Served outside the login and the shell (e.g. the masses' rating link). */
  public?: boolean;
  /** Starts the page's data beside its code and the session check; the page gets it as `props.data`. */
  preload?: RoutePreloadFunc;
}

/**
 * A page's first request, sent when the route is entered rather than once its chunk has run (not when a link
 * is merely hovered). Handled here, so a refused one (signed out) is no unhandled rejection: the page still
 * sees the failure when it awaits it.
 */
function onEntry<T>(request: () => Promise<T>): RoutePreloadFunc<Promise<T> | undefined> {
  return ({ intent }) => {
    if (intent === "preload") return undefined;
    const data = request();
    data.catch(() => {});
    return data;
  };
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
    nav: { label: "orgs", group: "organize", roles: ["admin", "secretary"] },
  },
  {
    path: "/roster",
    component: lazy(() => import("./pages/roster/RosterPage")),
    nav: { label: "roster", group: "organize", roles: ["admin", "secretary"] },
  },
  {
    path: "/evaluations",
    component: lazy(() => import("./pages/evaluations/MyEvaluationsPage")),
    nav: { label: "evaluations", group: "evaluate" },
  },
  {
    path: "/evaluations/schedules",
    component: lazy(() => import("./pages/evaluations/SchedulesPage")),
    nav: { label: "schedules", group: "manage", roles: ["admin"] },
  },
  { path: "/evaluations/cycle/:id", component: lazy(() => import("./pages/evaluations/CyclePage")) },
  { path: "/evaluations/cycle/:id/analysis", component: lazy(() => import("./pages/evaluations/AnalysisPage")) },
  { path: "/evaluations/cycle/:id/appraisal", component: lazy(() => import("./pages/evaluations/AppraisalPage")) },
  { path: "/evaluations/analysis/:id", component: lazy(() => import("./pages/evaluations/ReviewPage")) },
  {
    path: "/evaluations/followups",
    component: lazy(() => import("./pages/evaluations/FollowupsPage")),
    nav: { label: "followups", group: "organize", roles: ["admin", "secretary"] },
  },
  { path: "/evaluations/followups/:id", component: lazy(() => import("./pages/evaluations/FollowupPage")) },
  { path: "/notifications", component: lazy(() => import("./pages/evaluations/NotificationsPage")) },
  // Serving the masses: services, reverse assessment, growth archive, vanguard index.
  {
    path: "/services",
    component: lazy(() => import("./pages/services/ServicesPage")),
    nav: { label: "services", group: "evaluate" },
  },
  {
    path: "/masses",
    component: lazy(() => import("./pages/masses/RoundsPage")),
    nav: { label: "masses", group: "organize", roles: ["admin", "secretary"] },
  },
  { path: "/masses/:id", component: lazy(() => import("./pages/masses/RoundPage")) },
  { path: "/rate/:token", component: lazy(() => import("./pages/masses/RatePage")), public: true },
  { path: "/check", component: lazy(() => import("./pages/masses/CheckPage")), public: true },
  { path: "/nominate/:token", component: lazy(() => import("./pages/talent/NominatePage")), public: true },
  {
    path: "/pledges",
    component: lazy(() => import("./pages/masses/PledgesPage")),
    nav: { label: "pledges", group: "organize", roles: ["admin", "secretary"] },
  },
  {
    path: "/my-pledges",
    component: lazy(() => import("./pages/masses/MyPledgesPage")),
    nav: { label: "myPledges", group: "evaluate" },
  },
  {
    path: "/development",
    component: lazy(() => import("./pages/development/RegisterPage")),
    nav: { label: "development", group: "organize" },
  },
  { path: "/development/case/:id", component: lazy(() => import("./pages/development/CasePage")) },
  { path: "/development/case/:id/sheet", component: lazy(() => import("./pages/development/SheetPage")) },
  // Organisational life: 三会一课, talks, the committee's view of the rhythm.
  {
    path: "/orglife",
    component: lazy(() => import("./pages/orglife/OrgLifePage")),
    nav: { label: "orglife", group: "organize", roles: ["admin", "secretary"] },
  },
  { path: "/orglife/meeting/:id", component: lazy(() => import("./pages/orglife/MeetingPage")) },
  {
    path: "/orglife/overview",
    component: lazy(() => import("./pages/orglife/OverviewPage")),
    nav: { label: "orglifeOverview", group: "organize", roles: ["admin"] },
  },
  {
    path: "/archive",
    component: lazy(() => import("./pages/archives/ArchivePage")),
    nav: { label: "archive", group: "evaluate" },
  },
  { path: "/archive/:id", component: lazy(() => import("./pages/archives/ArchivePage")) },
  {
    path: "/vanguard",
    component: lazy(() => import("./pages/vanguard/MyIndexPage")),
    nav: { label: "vanguard", group: "evaluate" },
  },
  { path: "/vanguard/member/:id", component: lazy(() => import("./pages/vanguard/MyIndexPage")) },
  {
    path: "/bastion",
    component: lazy(() => import("./pages/bastion/OverviewPage")),
    nav: { label: "bastion", group: "evaluate", roles: ["admin", "secretary"] },
  },
  { path: "/bastion/branch/:id", component: lazy(() => import("./pages/bastion/BranchPage")) },
  {
    path: "/vanguard-overview",
    component: lazy(() => import("./pages/vanguard/OrgIndexPage")),
    nav: { label: "vanguardOverview", group: "organize", roles: ["admin", "secretary"] },
  },
  {
    path: "/vanguard-model",
    component: lazy(() => import("./pages/vanguard/ModelPage")),
    nav: { label: "vanguardModel", group: "manage", roles: ["admin"] },
  },
  {
    path: "/rating-seals",
    component: lazy(() => import("./pages/masses/SealsPage")),
    nav: { label: "ratingSeals", group: "manage", roles: ["admin"] },
  },
  {
    path: "/rating-templates",
    component: lazy(() => import("./pages/masses/TemplatePage")),
    nav: { label: "ratingTemplates", group: "manage", roles: ["admin"] },
  },
  {
    path: "/study",
    component: lazy(() => import("./pages/courses/MyStudyPage")),
    nav: { label: "study", group: "study" },
    preload: onEntry(() => call(api.study.mine.$get())),
  },
  {
    path: "/catalogue",
    component: lazy(() => import("./pages/courses/CataloguePage")),
    nav: { label: "catalogue", group: "study" },
  },
  { path: "/courses/:id", component: lazy(() => import("./pages/courses/CoursePage")) },
  { path: "/courses/:id/lessons/:lessonId", component: lazy(() => import("./pages/courses/LessonPage")) },
  { path: "/certificates/:id", component: lazy(() => import("./pages/courses/CertificatePage")) },
  {
    path: "/school/courses",
    component: lazy(() => import("./pages/courses/SchoolCoursesPage")),
    nav: { label: "schoolCourses", group: "manage", roles: ["school", "admin"] },
  },
  { path: "/school/courses/:id", component: lazy(() => import("./pages/courses/CourseEditorPage")) },
  {
    path: "/plans",
    component: lazy(() => import("./pages/courses/AssignPage")),
    nav: { label: "plans", group: "manage", roles: ["admin", "school"] },
  },
  {
    path: "/study/rules",
    component: lazy(() => import("./pages/courses/StudyRulesPage")),
    nav: { label: "studyRules", group: "manage", roles: ["admin", "school"] },
  },
  {
    path: "/progress",
    component: lazy(() => import("./pages/courses/StudyReportPage")),
    nav: { label: "progress", group: "organize", roles: ["secretary", "admin"] },
  },
  {
    path: "/quizzes",
    component: lazy(() => import("./pages/quizzes/QuizzesPage")),
    nav: { label: "quizzes", group: "study" },
  },
  { path: "/quizzes/practice", component: lazy(() => import("./pages/quizzes/PracticePage")) },
  { path: "/quizzes/take/:id", component: lazy(() => import("./pages/quizzes/QuizPage")) },
  { path: "/quizzes/attempt/:id", component: lazy(() => import("./pages/quizzes/AttemptPage")) },
  { path: "/quizzes/banks", component: lazy(() => import("./pages/banks/BanksPage")) },
  { path: "/quizzes/banks/:id", component: lazy(() => import("./pages/banks/BanksPage")) },
  { path: "/quizzes/build/:id", component: lazy(() => import("./pages/quizzes/BuilderPage")) },
  { path: "/quizzes/:id/stats", component: lazy(() => import("./pages/quizzes/StatsPage")) },
  { path: "/quizzes/:id/grading", component: lazy(() => import("./pages/quizzes/GradingPage")) },
  // 评先选优: rounds decided on the record.
  {
    path: "/commendations",
    component: lazy(() => import("./pages/commendations/CommendationsPage")),
    nav: { label: "commendations", group: "evaluate" },
  },
  { path: "/commendations/nominee/:id", component: lazy(() => import("./pages/commendations/NomineePage")) },
  { path: "/commendations/:id", component: lazy(() => import("./pages/commendations/RoundPage")) },
  // People for the future: reserve pool, practice posts and advisors, secretary selection.
  {
    path: "/talent",
    component: lazy(() => import("./pages/talent/TalentPage")),
    nav: { label: "talent", group: "organize", roles: ["admin", "secretary"] },
  },
  { path: "/talent/reserve/:id", component: lazy(() => import("./pages/talent/ReservePage")) },
  { path: "/talent/terms", component: lazy(() => import("./pages/talent/TermsPage")) },
  { path: "/talent/posts", component: lazy(() => import("./pages/talent/PostsPage")) },
  {
    path: "/talent/practice",
    component: lazy(() => import("./pages/talent/PracticePage")),
    nav: { label: "practice", group: "study" },
  },
  { path: "/talent/advisors", component: lazy(() => import("./pages/talent/AdvisorsPage")) },
  {
    path: "/talent/advisor",
    component: lazy(() => import("./pages/talent/AdvisorTermPage")),
    nav: { label: "advisor", group: "study" },
  },
  { path: "/talent/selections", component: lazy(() => import("./pages/talent/SelectionsPage")) },
  { path: "/talent/selections/:id", component: lazy(() => import("./pages/talent/SelectionPage")) },
  {
    path: "/profile",
    component: lazy(() => import("./shell/ProfilePage")),
    nav: { label: "profile" },
  },
];
