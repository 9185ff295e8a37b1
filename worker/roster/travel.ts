import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";

/**
 * What of a member's record travels to another tenant, per table. The tables that hold a person's rows
 * are found in the schema itself (`personalTables`): a foreign key to users, or a column named as the
 * schema names the person a row is about. Each must be listed here, or a transfer refuses to start
 * (and tests/roster/transfer.test.ts fails): a new table of people's rows cannot be left behind unseen.
 *
 * - `by`: the rows whose column is the member.
 * - `parent`/`via`: rows under a travelling row of `parent` (a step under its case), by `via` = its id.
 * - `live`: also written into the destination's own table, where its features go on using it (the
 *   archive timeline, the development case, the year's 学时); `branch` names the column set to the
 *   destination branch (the case continues there). Every other travelling row is kept in the
 *   destination's `transfer_rows` only: it points at the source's own courses, cycles or meetings,
 *   which the destination does not have (and its foreign keys would refuse).
 * - `stays`: kept in the source only, and why.
 * Columns naming who acted (`*_by`, `actor_id`) are not the record of that person and stay as they are.
 */
/**
 * How a moved row lands in the destination's own table: `branch` names the column set to the new branch;
 * `carry` copies a column into another (the source's figure kept as carried in).
 */
interface Live {
  branch?: string;
  carry?: Record<string, string>;
}

type Travel = { by: string; live?: Live } | { parent: string; via: string; live?: Live } | { stays: string };

export const TRAVEL: Record<string, Travel> = {
  member_transfers: { stays: "the letter itself, one on each side" },
  users: { stays: "the account itself: copied with its credentials when the transfer is accepted" },
  memberships: { by: "user_id" },
  archive_events: { by: "member_id", live: {} },
  course_completions: { by: "user_id" },
  lesson_progress: { by: "user_id" },
  // Live: a later study meeting at the destination sets the year's offline 学时 again from these rows.
  offline_credits: { by: "user_id", live: {} },
  // Live, its online 学时 carried: the completions behind them stay here with their courses.
  study_years: { by: "user_id", live: { carry: { online_hours: "carried_online_hours" } } },
  plan_enrollments: { by: "user_id" },
  quiz_attempts: { by: "user_id" },
  attempt_slots: { parent: "quiz_attempts", via: "attempt_id" },
  quiz_overrides: { by: "user_id" },
  practice_days: { by: "user_id" },
  dev_cases: { by: "user_id", live: { branch: "org_id" } },
  dev_steps: { parent: "dev_cases", via: "case_id", live: {} },
  eval_analyses: { by: "member_id" },
  eval_analysis_versions: { parent: "eval_analyses", via: "analysis_id" },
  eval_decisions: { by: "member_id" },
  eval_followups: { by: "member_id" },
  eval_followup_steps: { parent: "eval_followups", via: "followup_id" },
  eval_rectifications: { by: "member_id" },
  eval_quota_overrides: { stays: "a branch's request for more 优秀 and the committee's answer: it names who acted" },
  eval_votes: { stays: "ballots are secret to their cycle; the grade they made travels in eval_decisions" },
  ratings: { stays: "the masses' ratings stay anonymous in their round's hash chain; the index they made travels" },
  rating_tokens: { stays: "one-time links of the source's rating rounds" },
  notifications: { stays: "each links to a page of the source" },
  sessions: { stays: "ended at the source: the member signs in at the destination" },
  kept_study_pages: { stays: "derived (worker/courses/kept.ts): the destination builds its own from the moved rows" },
  org_people: { stays: "derived (member counts' triggers): the destination keeps its own from the memberships" },
  orglife_attendance: { by: "user_id" },
  service_records: { by: "member_id" },
  pledges: { by: "member_id" },
  pledge_updates: { parent: "pledges", via: "pledge_id" },
  vanguard_scores: { by: "member_id" },
  vanguard_adjustments: { by: "member_id" },
  commendation_nominees: { by: "subject_id" },
  commendation_objections: { parent: "commendation_nominees", via: "nominee_id" },
  talent_reserves: { by: "member_id" },
  talent_steps: { parent: "talent_reserves", via: "reserve_id" },
  talent_plan_items: { parent: "talent_reserves", via: "reserve_id" },
  talent_terms: { by: "member_id" },
  talent_term_entries: { parent: "talent_terms", via: "term_id" },
  talent_applications: { by: "member_id" },
  talent_candidates: { by: "member_id" },
};

/** The names the schema gives the person a row is about (never who acted on it). */
const PERSON_COLUMNS = new Set(["user_id", "member_id", "subject_id", "ratee_id", "rater_id"]);

interface Column {
  tbl: string;
  name: string;
  pk: number;
  fk: string | null;
}

async function columns(d1: D1Database): Promise<Column[]> {
  const { results } = await d1
    .prepare(
      `SELECT m.name AS tbl, c.name, c.pk,
         (SELECT f."table" FROM pragma_foreign_key_list(m.name) f WHERE f."from" = c.name) AS fk
       FROM sqlite_master m, pragma_table_info(m.name) c
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%'
         AND m.sql NOT LIKE 'CREATE VIRTUAL%'`,
    )
    .all<Column>();
  return results;
}

/**
 * The tables holding a person's rows, from the schema: a person column, or a foreign key to users or
 * to a table the registry moves (its rows are under the member's).
 */
export async function personalTables(d1: D1Database) {
  const all = await columns(d1);
  const moved = new Set(Object.keys(TRAVEL));
  return [
    ...new Set(
      all
        .filter((c) => PERSON_COLUMNS.has(c.name) || c.fk === "users" || (c.fk && c.fk !== c.tbl && moved.has(c.fk)))
        .map((c) => c.tbl),
    ),
  ].sort();
}

export interface TravelPlan {
  tables: { tbl: string; key: string[]; live: Live | undefined; select: string }[];
}

/** The statements reading a member's travelling rows, one per table; refused if a table is unlisted. */
export async function travelPlan(d1: D1Database): Promise<TravelPlan> {
  const all = await columns(d1);
  const unlisted = (await personalTables(d1)).filter((t) => !(t in TRAVEL));
  if (unlisted.length) throw new Error(`tables of people's rows not in TRAVEL: ${unlisted.join(", ")}`);
  const tables = Object.entries(TRAVEL).flatMap(([tbl, travel]) => {
    if ("stays" in travel) return [];
    const key = all
      .filter((c) => c.tbl === tbl && c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const select =
      "by" in travel
        ? `SELECT * FROM "${tbl}" WHERE "${travel.by}" = ?1`
        : `SELECT * FROM "${tbl}" WHERE "${travel.via}" IN (SELECT id FROM "${travel.parent}" WHERE "${byOf(travel.parent)}" = ?1)`;
    return [{ tbl, key, live: travel.live, select }];
  });
  return { tables };
}

function byOf(parent: string) {
  const travel = TRAVEL[parent];
  if (!travel || !("by" in travel)) throw new Error(`${parent} is not moved by the member`);
  return travel.by;
}

export type Rows = Record<string, Record<string, unknown>[]>;

/** Every travelling row of the member in the source, per table: one batch of reads. */
export async function readRecord(d1: D1Database, plan: TravelPlan, userId: string): Promise<Rows> {
  const results = await d1.batch(plan.tables.map((t) => d1.prepare(t.select).bind(userId)));
  return Object.fromEntries(
    plan.tables.map((t, i) => [t.tbl, (results[i]?.results ?? []) as Record<string, unknown>[]]),
  );
}

const keyOf = (row: Record<string, unknown>, key: string[]) => JSON.stringify(key.map((k) => row[k]));

const ROWS_PER_INSERT = 25; // 4 parameters a row, under D1's 100

/** The record into the destination's transfer_rows: re-running writes nothing twice (same keys). */
export function keptStatements(d1: D1Database, plan: TravelPlan, transferId: string, rows: Rows) {
  const values = plan.tables.flatMap((t) =>
    (rows[t.tbl] ?? []).map((r) => [transferId, t.tbl, keyOf(r, t.key), JSON.stringify(r)]),
  );
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
    const chunk = values.slice(i, i + ROWS_PER_INSERT);
    statements.push(
      d1
        .prepare(
          `INSERT OR IGNORE INTO transfer_rows (transfer_id, tbl, key, row) VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}`,
        )
        .bind(...chunk.flat()),
    );
  }
  return statements;
}

/** The live tables' rows into the destination's own tables, as they were but for the branch. */
export function liveStatements(d1: D1Database, plan: TravelPlan, rows: Rows, branchId: string) {
  return plan.tables.flatMap((t) => {
    const { branch, carry = {} } = t.live ?? {};
    const moved = (r: Record<string, unknown>) => ({
      ...r,
      ...(branch ? { [branch]: branchId } : {}),
      ...Object.fromEntries(Object.entries(carry).map(([from, to]) => [to, r[from]])),
    });
    const list = t.live ? (rows[t.tbl] ?? []).map(moved) : [];
    const names = Object.keys(list[0] ?? {});
    const perInsert = Math.max(1, Math.floor(100 / Math.max(1, names.length)));
    const statements: D1PreparedStatement[] = [];
    for (let i = 0; i < list.length; i += perInsert) {
      const chunk = list.slice(i, i + perInsert);
      const tuple = `(${names.map(() => "?").join(", ")})`;
      statements.push(
        d1
          .prepare(
            `INSERT OR REPLACE INTO "${t.tbl}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")}`,
          )
          .bind(...chunk.flatMap((r) => names.map((n) => r[n] ?? null))),
      );
    }
    return statements;
  });
}
