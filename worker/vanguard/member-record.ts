import { sql } from "drizzle-orm";
import type { ScoreStatus } from "../../schema/vanguard/values";

export interface LatestScoreRow {
  score: number | null;
  status: ScoreStatus;
  periodStart: number;
  periodEnd: number;
}

/** One statement for a read batch: the member's latest stored vanguard index (none: no row). */
export const latestScoreSql = (memberId: string) =>
  sql`SELECT score, status, period_start AS periodStart, period_end AS periodEnd FROM vanguard_scores
       WHERE member_id = ${memberId} ORDER BY period_end DESC LIMIT 1`;
