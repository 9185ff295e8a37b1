import { sql } from "drizzle-orm";
import type { Answer, RatingTarget } from "../../schema/masses/values";
import { wholeRoundShare } from "./results";

export interface MemberRatingRow {
  roundId: string;
  // JSON text: a raw read batch leaves the column as stored.
  answers: string;
  k: number;
}

/** One statement for a read batch: the masses' ratings of a member in rounds of `target` closed in [since, now]. */
export const memberRatingsSql = (memberId: string, target: RatingTarget, since: number, now: number) =>
  sql`SELECT r.round_id AS roundId, r.answers, rr.k_threshold AS k
        FROM ratings r JOIN rating_rounds rr ON rr.id = r.round_id
       WHERE r.ratee_id = ${memberId} AND rr.target = ${target}
         AND min(coalesce(rr.closed_at, rr.closes_at), rr.closes_at) BETWEEN ${since} AND ${now}`;

/** The whole-round share of good answers over those rows (below k or none: missing). */
export const memberRatingShare = (rows: MemberRatingRow[], none: string) =>
  wholeRoundShare(
    rows.map((r) => ({ roundId: r.roundId, k: r.k, answers: JSON.parse(r.answers) as Record<string, Answer> })),
    none,
  );
