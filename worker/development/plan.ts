import { sql } from "drizzle-orm";
import { devPlans } from "../../schema";
import { EDUCATION_LEVELS, HIGHER_EDUCATION, OCCUPATIONS } from "../../schema/auth/values";
import { type PlanStructure, STRUCTURE_KEYS, YOUNG_UNDER } from "../../schema/development/values";
import type { SessionUser } from "../auth";
import type { CsvCell } from "../lib/csv";
import type { Db } from "../lib/db";
import { newId } from "../lib/ids";
import { subtreeEnd } from "../lib/paths";
import { readBatch } from "../lib/sql";
import type { Table } from "../lib/xlsx";
import { devLabel } from "./labels";

/** The rows of the structure report: who became an activist, a candidate, a 预备党员 in the year. */
const ROWS = ["activist", "candidate", "approval"] as const;

interface Group {
  step: (typeof ROWS)[number];
  gender: string | null;
  education: string | null;
  occupation: string | null;
  young: number;
  n: number;
}

/** A committee's plan for a year; the unique (org, year) key makes a second save an update. */
export async function savePlan(
  db: Db,
  orgId: string,
  year: number,
  input: { target: number; structure: PlanStructure; note: string },
  by: string,
  now: number,
) {
  const row = { ...input, updatedBy: by, updatedAt: now };
  await db
    .insert(devPlans)
    .values({ id: newId(), orgId, year, ...row })
    .onConflictDoUpdate({ target: [devPlans.orgId, devPlans.year], set: row });
}

/**
 * One round trip: the org's plan for the year and, for its whole subtree, the people who took each
 * stage's entry step in the year (a corrected step counts on its corrected day), grouped by the
 * attributes the report counts. Missing attributes are counted as unknown, never as a category.
 */
export async function planReport(db: Db, org: { id: string; path: string }, year: number) {
  const [plans, groups] = await readBatch<[typeof devPlans.$inferSelect, Group]>(db, [
    sql`SELECT id, org_id AS orgId, year, target, structure, note, updated_by AS updatedBy, updated_at AS updatedAt
      FROM dev_plans WHERE org_id = ${org.id} AND year = ${year}`,
    // CROSS JOIN keeps the order written: the subtree's orgs by path, their cases, each case's entry steps.
    // Left to itself the planner began at every original step of the tenant (corrects_id IS NULL) and
    // kept those in the subtree. The steps' extra NOT IN spells dev_steps_once_unique's condition, so each
    // case's entry steps come off that (case, step) index instead of every step of the case.
    sql`WITH s AS MATERIALIZED (
        SELECT st.step, c.user_id,
          coalesce((SELECT x.taken_on FROM dev_steps x WHERE x.corrects_id = st.id ORDER BY x.created_at DESC LIMIT 1),
                   st.taken_on) AS day
          FROM orgs o
          CROSS JOIN dev_cases c ON c.org_id = o.id
          CROSS JOIN dev_steps st ON st.case_id = c.id AND st.corrects_id IS NULL
               AND st.step IN ('activist', 'candidate', 'approval')
               AND st.step NOT IN ('assessment', 'branch_vote', 'full_vote', 'cancel', 'transfer')
         WHERE o.path >= ${org.path} AND o.path < ${subtreeEnd(org.path)})
      SELECT s.step, u.gender, u.education, u.occupation,
             (u.birth_on IS NOT NULL AND u.birth_on > date(s.day, ${`-${YOUNG_UNDER} years`})) AS young, count(*) AS n
        FROM s JOIN users u ON u.id = s.user_id
       WHERE s.day >= ${`${year}-01-01`} AND s.day <= ${`${year}-12-31`}
       GROUP BY 1, 2, 3, 4, 5`,
  ]);
  const plan = plans[0];
  const count = (step: string, test: (g: Group) => boolean) =>
    groups.filter((g) => g.step === step && test(g)).reduce((sum, g) => sum + g.n, 0);
  const rows = ROWS.map((step) => ({
    step,
    total: count(step, () => true),
    young: count(step, (g) => g.young === 1),
    women: count(step, (g) => g.gender === "female"),
    frontline: count(step, (g) => g.occupation === "frontline_worker"),
    farmers: count(step, (g) => g.occupation === "farmer"),
    higherEducation: count(step, (g) => HIGHER_EDUCATION.some((e) => e === g.education)),
    education: Object.fromEntries(
      [...EDUCATION_LEVELS, null].map((e) => [e ?? "unknown", count(step, (g) => g.education === e)]),
    ),
    occupation: Object.fromEntries(
      [...OCCUPATIONS, null].map((o) => [o ?? "unknown", count(step, (g) => g.occupation === o)]),
    ),
  }));
  return {
    year,
    plan: plan
      ? {
          target: plan.target,
          structure: typeof plan.structure === "string" ? JSON.parse(plan.structure) : plan.structure,
          note: plan.note,
        }
      : null,
    rows,
  };
}

/** The report as a table: one line per row, then the plan's line (its targets in the same columns). */
export function planTable(report: Awaited<ReturnType<typeof planReport>>, locale: SessionUser["locale"]): Table {
  const edu = [...EDUCATION_LEVELS, "unknown"];
  const occ = [...OCCUPATIONS, "unknown"];
  const t = (key: string) => devLabel(locale, key);
  const within = (group: string, prefix: string, code: string) =>
    `${t(group)}·${code === "unknown" ? t("unknown") : t(prefix + code)}`;
  const header = [
    t("rowHead"),
    t("total"),
    ...STRUCTURE_KEYS.map((k) => t(`s_${k}`)),
    ...edu.map((e) => within("byEducation", "edu_", e)),
    ...occ.map((o) => within("byOccupation", "occ_", o)),
  ];
  const lines: CsvCell[][] = report.rows.map((r) => [
    t(`row_${r.step}`),
    r.total,
    ...STRUCTURE_KEYS.map((k) => r[k]),
    ...edu.map((e) => r.education[e]),
    ...occ.map((o) => r.occupation[o]),
  ]);
  const p = report.plan;
  if (p) lines.push([t("planned"), p.target, ...STRUCTURE_KEYS.map((k) => (p.structure as PlanStructure)[k] ?? null)]);
  return { header, rows: lines };
}
