import { and, eq, isNull, sql } from "drizzle-orm";
import { memberships } from "../../../schema";
import { effectiveQuota, quotaKind } from "../../courses";
import { yearOf } from "../../lib/day";
import type { Indicator, IndicatorValue } from "./types";

interface Row {
  memberId: string;
  branchPath: string;
  isSecretary: number;
  cadre: number;
  /** JSON: [{ id, hours }] of the member's credited completions in the period. */
  credited: string;
  /** JSON: [{ orgId, kind, fromYear, version, values }] quota versions set on the branch or its ancestors. */
  quotas: string;
  assignments: number;
}

const YEAR = 365 * 86_400_000;

/**
 * 学习培训: credited study hours in the period against the annual quota for the member's role
 * (secretaries 56, cadres 50, members 32 unless a committee set its own version for the period's year), prorated to the period's length.
 * Only verified completions count (credited, never time online). No course assigned to the branch:
 * missing (no_assignments), not a zero. One statement: the branch's members with their completions,
 * the quotas above the branch, and the number of assignments that reach it. (Correlated columns are
 * written out as memberships.user_id: drizzle leaves a lone table's columns unqualified.)
 */
export const studyIndicator: Indicator<Row> = {
  key: "study",
  label: { "zh-CN": "学习培训学时", "zh-TW": "學習培訓學時", en: "Study hours" },
  query: (db, s) => {
    const branchPath = sql`(SELECT path FROM orgs WHERE id = ${s.branchId})`;
    return db
      .select({
        memberId: memberships.userId,
        branchPath: sql<string>`${branchPath}`.as("branch_path"),
        isSecretary: sql<number>`EXISTS (SELECT 1 FROM memberships sm WHERE sm.user_id = memberships.user_id
          AND sm.org_id = ${s.branchId} AND sm.role = 'secretary' AND sm.ended_at IS NULL)`.as("is_secretary"),
        cadre: sql<number>`(SELECT u.cadre FROM users u WHERE u.id = memberships.user_id)`.as("cadre"),
        credited: sql<string>`(SELECT json_group_array(json_object('id', cc.id, 'hours', cc.hours))
          FROM course_completions cc WHERE cc.user_id = memberships.user_id AND cc.status = 'credited'
          AND cc.completed_at >= ${s.periodStart} AND cc.completed_at < ${s.periodEnd})`.as("credited"),
        quotas: sql<string>`(SELECT json_group_array(json_object('orgId', q.org_id, 'kind', q.kind,
            'fromYear', q.from_year, 'version', q.version, 'values', json(q."values")))
          FROM study_rules q WHERE q.kind = 'quotas' AND instr(${branchPath}, '/' || q.org_id || '/') > 0)`.as(
          "quotas",
        ),
        assignments: sql<number>`(SELECT count(*) FROM plan_items pi
          WHERE instr(${branchPath}, pi.org_path) = 1)`.as("assignments"),
      })
      .from(memberships)
      .where(
        and(
          s.inBranch(memberships.orgId),
          eq(memberships.role, "member"),
          isNull(memberships.endedAt),
          s.memberIn(memberships.userId),
        ),
      );
  },
  collect(rows, s) {
    const out = new Map<string, IndicatorValue>();
    const share = Math.min(1, (s.periodEnd - s.periodStart) / YEAR);
    for (const id of s.memberIds) out.set(id, { missing: true, reason: "not_a_member" });
    for (const r of rows) {
      if (!r.assignments) {
        out.set(r.memberId, { missing: true, reason: "no_assignments" });
        continue;
      }
      const role = quotaKind(r.isSecretary === 1, r.cadre === 1);
      const quota = effectiveQuota(JSON.parse(r.quotas), r.branchPath, role, yearOf(s.periodStart)) * share;
      const credited = JSON.parse(r.credited) as { id: string; hours: number }[];
      const hours = credited.reduce((sum, c) => sum + c.hours, 0);
      out.set(r.memberId, {
        value: quota > 0 ? Math.round((hours / quota) * 1000) / 1000 : 1,
        unit: "ratio",
        sources: credited.map((c) => ({ type: "course_completion", id: c.id, value: c.hours })),
        detail: { hours, quota: Math.round(quota * 10) / 10, role },
      });
    }
    return out;
  },
};
