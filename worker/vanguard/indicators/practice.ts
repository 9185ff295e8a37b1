import { and, eq, gte, lt } from "drizzle-orm";
import { talentTerms } from "../../../schema";
import type { TermGrade } from "../../../schema/talent/values";
import { dayOf } from "../../lib/day";
import { byMember, type Indicator, type IndicatorValue } from "./types";

/** The host's grade as a ratio with target 1, like the appraisal item. */
const GRADE_VALUE: Record<TermGrade, number> = { excellent: 1, competent: 0.8, basic: 0.5, incompetent: 0 };

interface Row {
  id: string;
  memberId: string;
  grade: TermGrade | null;
  title: string;
}

/**
 * 实践锻炼: the host's evaluation of the practice posts the member held during the period (the mean
 * when several). Read from talent's table directly, as talent comes after vanguard. No post in the
 * period: missing; a post not yet evaluated: missing too, never 0.
 */
export const practiceIndicator: Indicator<Row> = {
  key: "practice",
  label: { "zh-CN": "实践锻炼", "zh-TW": "實踐鍛煉", en: "Practice posts" },
  query: (db, s) =>
    db
      .select({
        id: talentTerms.id,
        memberId: talentTerms.memberId,
        grade: talentTerms.grade,
        title: talentTerms.title,
      })
      .from(talentTerms)
      .where(
        and(
          s.memberIn(talentTerms.memberId),
          eq(talentTerms.kind, "practice"),
          lt(talentTerms.startsOn, dayOf(s.periodEnd)),
          gte(talentTerms.endsOn, dayOf(s.periodStart)),
        ),
      ),
  collect(rows, s) {
    const out = new Map<string, IndicatorValue>();
    for (const [memberId, list] of byMember(rows, s.memberIds)) {
      const graded = list.filter((r): r is Row & { grade: TermGrade } => r.grade !== null);
      if (!graded.length) {
        out.set(memberId, { missing: true, reason: list.length ? "not_evaluated" : "no_post" });
        continue;
      }
      const sum = graded.reduce((acc, r) => acc + GRADE_VALUE[r.grade], 0);
      out.set(memberId, {
        value: Math.round((sum / graded.length) * 1000) / 1000,
        unit: "ratio",
        sources: graded.map((r) => ({ type: "talent_term", id: r.id, value: GRADE_VALUE[r.grade], note: r.title })),
      });
    }
    return out;
  },
};
