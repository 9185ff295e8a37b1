import { and, eq, gte, lte, sql } from "drizzle-orm";
import { evalCycles, evalDecisions } from "../../../schema";
import type { Grade } from "../../../schema/evaluations/values";
import { byMember, type Indicator, type IndicatorValue } from "./types";

/** The default model's appraisal item is a ratio with target 1: 优秀 1, 合格 0.8, 基本合格 0.5, 不合格 0. */
const GRADE_VALUE: Record<Grade, number> = { excellent: 1, qualified: 0.8, basic: 0.5, unqualified: 0 };

interface Row {
  memberId: string;
  cycleId: string;
  grade: Grade;
  decidedAt: number;
}

/**
 * 民主评议: the final grade the branch committee decided for the member in the evaluation cycles whose
 * period lies in [periodStart, periodEnd) (the mean when the period holds several). No decision: missing.
 * A decision has no id of its own (one per cycle and member): its source id is `cycleId:memberId`.
 */
export const appraisalIndicator: Indicator<Row> = {
  key: "appraisal",
  label: { "zh-CN": "民主评议", "zh-TW": "民主評議", en: "Democratic appraisal" },
  query: (db, s) =>
    db
      .select({
        memberId: evalDecisions.memberId,
        cycleId: evalDecisions.cycleId,
        grade: evalDecisions.grade,
        decidedAt: evalDecisions.decidedAt,
      })
      .from(evalDecisions)
      .innerJoin(evalCycles, eq(evalCycles.id, evalDecisions.cycleId))
      .where(
        and(
          s.memberIn(evalDecisions.memberId),
          gte(evalCycles.periodStart, s.periodStart),
          lte(evalCycles.periodEnd, s.periodEnd),
        ),
      )
      .orderBy(sql`${evalCycles.periodStart}`),
  collect(rows, s) {
    const out = new Map<string, IndicatorValue>();
    for (const [memberId, list] of byMember(rows, s.memberIds)) {
      if (!list.length) {
        out.set(memberId, { missing: true, reason: "no_decision" });
        continue;
      }
      const sum = list.reduce((acc, r) => acc + GRADE_VALUE[r.grade], 0);
      out.set(memberId, {
        value: Math.round((sum / list.length) * 1000) / 1000,
        unit: "ratio",
        sources: list.map((r) => ({
          type: "eval_decision",
          id: `${r.cycleId}:${r.memberId}`,
          value: GRADE_VALUE[r.grade],
          note: r.grade,
        })),
        detail: { grades: list.map((r) => r.grade) },
      });
    }
    return out;
  },
};
