import { sql } from "drizzle-orm";
import type { Grade } from "../../schema/evaluations/values";

export interface LatestGradeRow {
  grade: Grade;
  periodStart: number;
  periodEnd: number;
}

/** One statement for a read batch: the member's grade of the latest closed appraisal cycle (none: no row). */
export const latestGradeSql = (memberId: string) =>
  sql`SELECT d.grade, c.period_start AS periodStart, c.period_end AS periodEnd
        FROM eval_decisions d JOIN eval_cycles c ON c.id = d.cycle_id
       WHERE d.member_id = ${memberId} AND c.status = 'closed'
       ORDER BY c.period_end DESC LIMIT 1`;
