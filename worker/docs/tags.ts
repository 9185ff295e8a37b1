/** One tag per feature (README "What is in it"), found by the path's first word past `orgs/{id}`, `schools/{id}`, `my`, `public`. */
const FEATURES: { name: string; description: string; words: string[] }[] = [
  {
    name: "docs",
    description: "This document, its docs page and the health check",
    words: ["health", "openapi.json", "docs"],
  },
  {
    name: "tenants",
    description:
      "The operator's API on each tenant's host (bearer OPERATOR_TOKEN): the tenant's dump and load, dead letters; " +
      "and the yearly figures of the tenants below a committee",
    words: ["ops", "tenant-reports"],
  },
  { name: "auth", description: "Log in and out, the caller's own account and settings", words: ["auth", "me"] },
  {
    name: "orgs",
    description: "The org tree, its types and time zones, the audit log of a subtree",
    words: ["orgs", "move", "archive", "audit"],
  },
  {
    name: "roster",
    description: "Members of a branch, imports, transfers, roles, password resets",
    words: ["members", "users", "transfers"],
  },
  { name: "archives", description: "The growth archive of a member: timeline, facets, export", words: ["archives"] },
  {
    name: "banks",
    description: "Question banks and their questions, GIFT/CSV/Excel import and export",
    words: ["banks", "questions", "regrade"],
  },
  {
    name: "quizzes",
    description: "Quizzes and exams, timed attempts, grading, daily practice",
    words: ["quizzes", "attempts", "practice"],
  },
  {
    name: "courses",
    description: "Courses and lessons, my study, the catalogue, curriculum plans, study rules and reports",
    words: ["courses", "study", "catalogue", "plans", "study-rules", "study-report", "completions"],
  },
  {
    name: "development",
    description: "发展党员: applicants to full membership, the register, yearly plans",
    words: ["development"],
  },
  { name: "services", description: "Service records confirmed by the branch", words: ["services"] },
  {
    name: "masses",
    description: "Anonymous rating by the masses, surveys, pledges and sealed hash chains",
    words: ["rating-template", "rating-templates", "rating-rounds", "ratings", "seals", "pledges", "chain-seals"],
  },
  { name: "vanguard", description: "The explainable vanguard index, its models and adjustments", words: ["vanguard"] },
  {
    name: "evaluations",
    description:
      "Evaluation schedules and cycles, self-analysis, democratic appraisal, follow-ups, notifications, home",
    words: [
      "eval-schedules",
      "eval-cycles",
      "eval-quota-overrides",
      "eval-analyses",
      "evaluations",
      "eval-followups",
      "notifications",
      "home",
    ],
  },
  { name: "orglife", description: "三会一课, 主题党日 and talks recorded by the secretary", words: ["orglife"] },
  { name: "bastion", description: "The branch index (堡垒指数) and its overview", words: ["bastion"] },
  { name: "commendations", description: "评先选优 rounds, nominations, 公示 and objections", words: ["commendations"] },
  {
    name: "talent",
    description: "The reserve talent pool, practice posts, rotating advisors",
    words: ["talent", "talent-nominations"],
  },
];

export const TAGS = FEATURES.map(({ name, description }) => ({ name, description }));
const byWord = new Map(FEATURES.flatMap((f) => f.words.map((w) => [w, f.name] as const)));

const CONTAINERS = new Set(["orgs", "schools", "my", "public"]);

export function tagOf(path: string) {
  const [first = "", second] = path
    .replace(/^\/api\//, "")
    .split("/")
    .filter((w) => !w.startsWith("{"));
  const tag = byWord.get(CONTAINERS.has(first) && second ? second : first);
  if (!tag) throw new Error(`no tag for ${path}: add its first word to worker/docs/tags.ts`);
  return tag;
}
