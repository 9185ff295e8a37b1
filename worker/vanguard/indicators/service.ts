import { and, eq, gte, lt } from "drizzle-orm";
import { serviceRecords } from "../../../schema";
import { byMember, type Indicator, type IndicatorValue } from "./types";

/** Confirmed service hours in the period (served_at in the period). No record is a real 0. */
export const serviceIndicator: Indicator<{ id: string; memberId: string; hours: number; category: string }> = {
  key: "service",
  label: { "zh-CN": "确认的服务时长", "zh-TW": "確認的服務時數", en: "Confirmed service hours" },
  query: (db, s) =>
    db
      .select({
        id: serviceRecords.id,
        memberId: serviceRecords.memberId,
        hours: serviceRecords.hours,
        category: serviceRecords.category,
      })
      .from(serviceRecords)
      .where(
        and(
          s.memberIn(serviceRecords.memberId),
          eq(serviceRecords.status, "confirmed"),
          gte(serviceRecords.servedAt, s.periodStart),
          lt(serviceRecords.servedAt, s.periodEnd),
        ),
      ),
  collect(rows, s) {
    const out = new Map<string, IndicatorValue>();
    for (const [memberId, list] of byMember(rows, s.memberIds)) {
      const value = Math.round(list.reduce((sum, r) => sum + r.hours, 0) * 100) / 100;
      out.set(memberId, {
        value,
        unit: "hours",
        sources: list.map((r) => ({ type: "service_record", id: r.id, value: r.hours, note: r.category })),
      });
    }
    return out;
  },
};
