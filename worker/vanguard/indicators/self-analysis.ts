import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import { evalAnalyses, evalCycles, memberships } from "../../../schema";
import type { Indicator, IndicatorValue, SourceRef } from "./types";

interface Row {
  memberId: string;
  joinedAt: number;
  cycleId: string;
  cycleStatus: "open" | "closed";
  /** When the cycle's self-analysis window closed (null when the cycle has no such phase: filtered out). */
  windowClosesAt: number | null;
  analysisId: string | null;
  analysisStatus: string | null;
}

/**
 * 党性分析: per member, the share of the branch's evaluation cycles with a self-analysis phase whose
 * period lies in [periodStart, periodEnd) in which their analysis was accepted (one cycle: 1 accepted,
 * 0 not accepted). Not counted: a cycle still open where theirs is not accepted yet (pending, not a 0),
 * and a cycle whose analysis window had closed before the member joined the branch (unless accepted
 * anyway). No cycle counted: missing (no_cycle, or in_progress when only open cycles exist).
 *
 * One statement: the branch's members × its cycles of the period, with each member's analysis.
 */
export const selfAnalysisIndicator: Indicator<Row> = {
  key: "self_analysis",
  label: { "zh-CN": "党性分析", "zh-TW": "黨性分析", en: "Self-analysis" },
  query: (db, s) =>
    db
      .select({
        memberId: memberships.userId,
        joinedAt: memberships.startedAt,
        cycleId: sql<string>`${evalCycles.id}`.as("cycle_id"),
        cycleStatus: sql<"open" | "closed">`${evalCycles.status}`.as("cycle_status"),
        windowClosesAt: sql<number | null>`json_extract(${evalCycles.windows}, '$.analysis.closesAt')`.as(
          "window_closes_at",
        ),
        analysisId: sql<string | null>`${evalAnalyses.id}`.as("analysis_id"),
        analysisStatus: sql<string | null>`${evalAnalyses.status}`.as("analysis_status"),
      })
      .from(evalCycles)
      .innerJoin(
        memberships,
        and(
          s.inBranch(memberships.orgId),
          eq(memberships.role, "member"),
          isNull(memberships.endedAt),
          s.memberIn(memberships.userId),
        ),
      )
      .leftJoin(
        evalAnalyses,
        and(eq(evalAnalyses.cycleId, evalCycles.id), eq(evalAnalyses.memberId, memberships.userId)),
      )
      .where(
        and(
          eq(evalCycles.branchId, s.branchId),
          gte(evalCycles.periodStart, s.periodStart),
          lte(evalCycles.periodEnd, s.periodEnd),
          sql`json_extract(${evalCycles.windows}, '$.analysis') IS NOT NULL`,
        ),
      ),
  collect(rows, s) {
    const perMember = new Map<string, Row[]>(s.memberIds.map((id) => [id, []]));
    for (const r of rows) perMember.get(r.memberId)?.push(r);
    const out = new Map<string, IndicatorValue>();
    for (const [memberId, list] of perMember) {
      let counted = 0;
      let accepted = 0;
      let pending = 0;
      const sources: SourceRef[] = [];
      for (const r of list) {
        if (r.analysisStatus === "accepted") {
          counted++;
          accepted++;
          sources.push({ type: "eval_analysis", id: r.analysisId!, value: 1 });
        } else if (r.cycleStatus === "open") {
          pending++;
        } else if (r.windowClosesAt === null || r.joinedAt < r.windowClosesAt) {
          counted++;
          if (r.analysisId)
            sources.push({ type: "eval_analysis", id: r.analysisId, value: 0, note: r.analysisStatus ?? "" });
          else sources.push({ type: "eval_cycle", id: r.cycleId, value: 0, note: "not_submitted" });
        }
      }
      if (counted === 0) {
        out.set(memberId, { missing: true, reason: pending ? "in_progress" : "no_cycle", detail: { pending } });
      } else {
        out.set(memberId, {
          value: accepted / counted,
          unit: "ratio",
          sources,
          detail: { cycles: counted, accepted, pending },
        });
      }
    }
    return out;
  },
};
