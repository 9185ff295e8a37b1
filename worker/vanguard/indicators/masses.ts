import { and, eq } from "drizzle-orm";
import { ratingRounds, ratings } from "../../../schema";
import type { Answer, RatingTarget } from "../../../schema/masses/values";
import type { Label } from "../../../schema/vanguard/values";
import { closedInPeriod, wholeRoundShare } from "../../masses";
import { byMember, type Indicator, type IndicatorValue } from "./types";

interface Row {
  memberId: string;
  roundId: string;
  answers: Record<string, Answer>;
  k: number;
}

/**
 * The masses' answers about a member in the rounds of `target` that closed in the period, as the share
 * of good answers over whole rounds with at least k ratings (wholeRoundShare). No such round: missing.
 */
function roundsIndicator(key: string, label: Label, target: RatingTarget, none: string): Indicator<Row> {
  return {
    key,
    label,
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
        .where(and(s.memberIn(ratings.rateeId), eq(ratingRounds.target, target), closedInPeriod(s))),
    collect(rows, s) {
      const out = new Map<string, IndicatorValue>();
      for (const [memberId, list] of byMember(rows, s.memberIds)) out.set(memberId, wholeRoundShare(list, none));
      return out;
    },
  };
}

/** 满意率 from the masses' ratings of the member (民评). */
export const massesIndicator = roundsIndicator(
  "masses",
  { "zh-CN": "群众满意率", "zh-TW": "群眾滿意率", en: "Satisfaction of the masses" },
  "member",
  "no_ratings",
);

/** 民考 (评诺): the share of the member's pledges the masses marked kept at year end. No pledges: missing. */
export const pledgesIndicator = roundsIndicator(
  "pledges",
  { "zh-CN": "承诺践诺（群众评诺）", "zh-TW": "承諾踐諾（群眾評諾）", en: "Pledges kept (checked by the masses)" },
  "pledge",
  "no_pledges",
);
