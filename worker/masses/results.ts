import { and, eq, gte, lt, lte, sql } from "drizzle-orm";
import { orgs, ratingRounds, ratings } from "../../schema";
import { type Answer, effectiveK, isGoodAnswer, type RatingTarget } from "../../schema/masses/values";
import type { Db } from "../lib/db";
import { subtreeRange } from "../lib/paths";

/** When a round stopped taking ratings: closed by hand, or its closing day, whichever came first. */
const roundClosedAt = sql<number>`min(coalesce(${ratingRounds.closedAt}, ${ratingRounds.closesAt}), ${ratingRounds.closesAt})`;

/** SQL: the round closed in [periodStart, periodEnd) and by `now` (a round still open never counts). */
export const closedInPeriod = (p: { periodStart: number; periodEnd: number; now: number }) =>
  and(gte(roundClosedAt, p.periodStart), lt(roundClosedAt, p.periodEnd), lte(roundClosedAt, p.now));

export interface RatedRow {
  roundId: string;
  answers: Record<string, Answer>;
  k: number;
}

export type RoundValue =
  | {
      value: number;
      unit: "ratio";
      sources: { type: string; id: string; value: number }[];
      detail: Record<string, number>;
    }
  | { missing: true; reason: string; detail: { ratings: number } };

/**
 * The share of good answers (满意 + 基本满意, or pledges kept) over one ratee's ratings, counting only
 * rounds in which the ratee has at least the round's k ratings: a round counts whole or not at all, so
 * no choice of period tells one rating apart. Sources are rounds (with how many ratings), never single
 * ratings. No rating at all: missing with `none`; ratings only in rounds below k: missing (below_k).
 */
export function wholeRoundShare(rows: RatedRow[], none: string): RoundValue {
  const rounds = new Map<string, RatedRow[]>();
  for (const r of rows) rounds.set(r.roundId, [...(rounds.get(r.roundId) ?? []), r]);
  let good = 0;
  let total = 0;
  const sources = [];
  for (const [roundId, rs] of rounds) {
    if (rs.length < effectiveK(rs[0]?.k ?? 0)) continue;
    for (const r of rs) {
      for (const a of Object.values(r.answers)) {
        total++;
        if (isGoodAnswer(a)) good++;
      }
    }
    sources.push({ type: "rating_round", id: roundId, value: rs.length });
  }
  if (total === 0) return { missing: true, reason: rows.length ? "below_k" : none, detail: { ratings: rows.length } };
  return { value: good / total, unit: "ratio", sources, detail: { answers: total, satisfied: good } };
}

/**
 * For the branch index (堡垒指数): one statement reading the ratings of the closed rounds of `target`
 * ("survey" for 民测, "branch" for the masses' 民评 of the branch) held by the orgs under `path` that
 * closed in the period. Put it in the scoring batch, then pass its rows to branchRoundResults.
 */
export const branchRoundsQuery = (
  db: Db,
  s: {
    path: string;
    target: Extract<RatingTarget, "survey" | "branch">;
    periodStart: number;
    periodEnd: number;
    now: number;
  },
) =>
  db
    .select({ orgId: ratings.orgId, roundId: ratings.roundId, answers: ratings.answers, k: ratingRounds.kThreshold })
    .from(ratings)
    .innerJoin(ratingRounds, eq(ratingRounds.id, ratings.roundId))
    .innerJoin(orgs, eq(orgs.id, ratings.orgId))
    .where(and(subtreeRange(orgs.path, s.path), eq(ratingRounds.target, s.target), closedInPeriod(s)));

/** Per org id in `orgIds`: the whole-round share of good answers, or missing (no_survey, below_k). */
export function branchRoundResults(rows: (RatedRow & { orgId: string })[], orgIds: string[]) {
  const byOrg = new Map<string, RatedRow[]>(orgIds.map((id) => [id, []]));
  for (const r of rows) byOrg.get(r.orgId)?.push(r);
  return new Map([...byOrg].map(([id, list]) => [id, wholeRoundShare(list, "no_survey")]));
}
