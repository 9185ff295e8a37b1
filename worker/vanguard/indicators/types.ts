import type { SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Label } from "../../../schema/vanguard/values";
import type { Db } from "../../lib/db";

/**
 * THE INDICATOR INTERFACE (先锋指数 data sources)
 *
 * An indicator answers, for a set of members and a period [periodStart, periodEnd), one number per
 * member (or "missing", with a reason) plus the records it came from. The model decides what the
 * number is worth (worker/vanguard/score.ts); the indicator only measures.
 *
 * Rules:
 * - `query` returns exactly ONE read statement covering every member in the scope (use
 *   `scope.memberIn(column)`, a subquery: no parameter per member, so 200 members cost the same as
 *   one). scoreBranch runs all indicators' statements in a single db.batch. Inside db.batch, D1 returns
 *   rows keyed by column name: never select two columns with the same name (alias one).
 * - `collect` returns a value for EVERY id in scope.memberIds: `{ value, unit, sources }` when the data
 *   exist (0 is a real value, e.g. no confirmed service), `{ missing: true, reason }` when they do
 *   not (e.g. fewer than k ratings, no appraisal held). Missing is shown as missing, never as zero.
 * - `sources` name the records (type + id) each point came from, for "why is my index 78.5".
 *
 * To add one (study, mastery, self_analysis, appraisal …): create worker/vanguard/indicators/<key>.ts
 * exporting an Indicator whose `key` matches the model items' `indicator`, and add it to the list in
 * worker/vanguard/indicators/index.ts. Until then, items naming it are reported as missing
 * ("not_available").
 */
export interface IndicatorScope {
  branchId: string;
  memberIds: string[];
  periodStart: number;
  periodEnd: number;
  /** When the scoring runs: inputs that are still changing (an open rating round) are left out. */
  now: number;
  /** SQL: `column` is one of the scored members. */
  memberIn: (column: SQLiteColumn) => SQL;
  /** SQL: the org id in `column` is the branch or one of its party groups (the branch's subtree). */
  inBranch: (column: SQLiteColumn) => SQL;
}

export interface SourceRef {
  type: string;
  id: string;
  value?: number;
  note?: string;
}

export type IndicatorValue =
  | { value: number; unit: string; sources: SourceRef[]; detail?: Record<string, unknown> }
  | { missing: true; reason: string; detail?: Record<string, unknown> };

export interface Indicator<Row = any> {
  key: string;
  label: Label;
  query(db: Db, scope: IndicatorScope): BatchItem<"sqlite">;
  collect(rows: Row[], scope: IndicatorScope): Map<string, IndicatorValue>;
}

/** Group rows by member id, with an empty list for members that have none. */
export function byMember<R extends { memberId: string }>(rows: R[], ids: string[]) {
  const out = new Map<string, R[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(r.memberId)?.push(r);
  return out;
}
