import { and, eq, gte, lt } from "drizzle-orm";
import { vanguardAdjustments } from "../../../schema";
import type { AdjustmentKind } from "../../../schema/vanguard/values";
import { byMember, type Indicator, type IndicatorValue } from "./types";

interface Row {
  id: string;
  memberId: string;
  points: number;
  reason: string;
}

/** Approved manual items of one kind in the period: the sum of their points (veto: how many). None is a real 0. */
function manual(kind: AdjustmentKind, label: Indicator["label"]): Indicator<Row> {
  return {
    key: `manual_${kind}`,
    label,
    query: (db, s) =>
      db
        .select({
          id: vanguardAdjustments.id,
          memberId: vanguardAdjustments.memberId,
          points: vanguardAdjustments.points,
          reason: vanguardAdjustments.reason,
        })
        .from(vanguardAdjustments)
        .where(
          and(
            s.memberIn(vanguardAdjustments.memberId),
            eq(vanguardAdjustments.kind, kind),
            eq(vanguardAdjustments.status, "approved"),
            gte(vanguardAdjustments.occurredAt, s.periodStart),
            lt(vanguardAdjustments.occurredAt, s.periodEnd),
          ),
        ),
    collect(rows, s) {
      const out = new Map<string, IndicatorValue>();
      for (const [memberId, list] of byMember(rows, s.memberIds)) {
        const value = kind === "veto" ? list.length : list.reduce((sum, r) => sum + r.points, 0);
        out.set(memberId, {
          value,
          unit: kind === "veto" ? "items" : "points",
          sources: list.map((r) => ({ type: "vanguard_adjustment", id: r.id, value: r.points, note: r.reason })),
        });
      }
      return out;
    },
  };
}

export const manualBonus = manual("bonus", { "zh-CN": "加分事项", "zh-TW": "加分事項", en: "Bonus items" });
export const manualDeduction = manual("deduction", { "zh-CN": "扣分事项", "zh-TW": "扣分事項", en: "Deductions" });
export const manualVeto = manual("veto", { "zh-CN": "否决事项", "zh-TW": "否決事項", en: "Veto items" });
