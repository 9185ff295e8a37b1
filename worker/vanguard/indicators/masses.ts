import { and, eq, gte, lt, lte, sql } from "drizzle-orm";
import { ratingRounds, ratings } from "../../../schema";
import { type Answer, effectiveK } from "../../../schema/masses/values";
import { byMember, type Indicator, type IndicatorValue } from "./types";

interface Row {
  memberId: string;
  roundId: string;
  answers: Record<string, Answer>;
  k: number;
}

/** When a round stopped taking ratings: closed by hand, or its closing day, whichever came first. */
const closedAt = sql<number>`min(coalesce(${ratingRounds.closedAt}, ${ratingRounds.closesAt}), ${ratingRounds.closesAt})`;

/**
 * 满意率 from the masses' ratings of the rounds that closed in the period: (满意 + 基本满意) / all
 * answers, counting only rounds in which the member has at least the round's k ratings. No such
 * round: missing (below_k / no_ratings). A round counts whole or not at all, and only once it has
 * closed: no choice of period, and no read while ratings arrive, tells one rating apart.
 * Sources are rounds (with how many ratings), never single ratings.
 */
export const massesIndicator: Indicator<Row> = {
  key: "masses",
  label: { "zh-CN": "群众满意率", "zh-TW": "群眾滿意率", en: "Satisfaction of the masses" },
  query: (db, s) =>
    db
      .select({
        memberId: ratings.rateeId,
        roundId: ratings.roundId,
        answers: ratings.answers,
        k: ratingRounds.kThreshold,
      })
      .from(ratings)
      .innerJoin(ratingRounds, eq(ratingRounds.id, ratings.roundId))
      .where(
        and(
          s.memberIn(ratings.rateeId),
          eq(ratingRounds.target, "member"),
          gte(closedAt, s.periodStart),
          lt(closedAt, s.periodEnd),
          lte(closedAt, s.now),
        ),
      ),
  collect(rows, s) {
    const out = new Map<string, IndicatorValue>();
    for (const [memberId, list] of byMember(rows, s.memberIds)) {
      const rounds = new Map<string, Row[]>();
      for (const r of list) rounds.set(r.roundId, [...(rounds.get(r.roundId) ?? []), r]);
      let good = 0;
      let total = 0;
      const sources = [];
      for (const [roundId, rs] of rounds) {
        if (rs.length < effectiveK(rs[0]?.k ?? 0)) continue;
        for (const r of rs) {
          for (const a of Object.values(r.answers)) {
            total++;
            if (a !== "unsatisfied") good++;
          }
        }
        sources.push({ type: "rating_round", id: roundId, value: rs.length });
      }
      if (total === 0) {
        out.set(memberId, {
          missing: true,
          reason: list.length ? "below_k" : "no_ratings",
          detail: { ratings: list.length },
        });
      } else {
        out.set(memberId, { value: good / total, unit: "ratio", sources, detail: { answers: total, satisfied: good } });
      }
    }
    return out;
  },
};
