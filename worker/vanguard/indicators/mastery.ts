import { and, eq, isNull, sql } from "drizzle-orm";
import { memberships } from "../../../schema";
import type { GradingMethod } from "../../../schema/quizzes/types";
import { finalGrade } from "../../banks/grading";
import type { Indicator, IndicatorValue } from "./types";

interface Row {
  memberId: string;
  /** JSON: [{ id, title, method, pass, attempts: [{ p, n }] }] of the quizzes required of this member. */
  required: string;
}

interface Required {
  id: string;
  title: string;
  method: GradingMethod;
  pass: number;
  /** Closed attempts in order: percent and essays still waiting for a person. */
  attempts: { p: number | null; n: number }[];
}

/**
 * 学习成效 (mastery): the share of the quizzes required of the member in the period that they passed.
 * Required = (a) standalone exams (published, not a course's checkpoint) whose audience covers the
 * branch and that close in the period, plus (b) the checkpoint quizzes of required courses assigned to
 * the branch (for everyone, or for secretaries when the member is one) and due in the period. Passed =
 * the quiz's grading method over the member's closed attempts reaches its pass mark with nothing left
 * to grade (the rule of hasPassedQuiz). None required: missing (no_required_quizzes), not a zero.
 * One statement: the branch's members, each with its required quizzes and their attempts as JSON.
 */
export const masteryIndicator: Indicator<Row> = {
  key: "mastery",
  label: { "zh-CN": "学习成效（测验考试通过）", "zh-TW": "學習成效（測驗考試通過）", en: "Quizzes and exams passed" },
  query: (db, s) => {
    const branchPath = sql`(SELECT path FROM orgs WHERE id = ${s.branchId})`;
    const isSecretary = sql`EXISTS (SELECT 1 FROM memberships sm WHERE sm.user_id = memberships.user_id
      AND sm.org_id = ${s.branchId} AND sm.role = 'secretary' AND sm.ended_at IS NULL)`;
    const requiredIds = sql`
      SELECT e.id FROM quizzes e
        WHERE e.published = 1 AND e.course_id IS NULL
          AND e.close_at >= ${s.periodStart} AND e.close_at < ${s.periodEnd}
          AND instr(${branchPath}, e.audience_path) = 1
          AND NOT EXISTS (SELECT 1 FROM courses cc WHERE cc.checkpoint_quiz_id = e.id)
      UNION
      SELECT c.checkpoint_quiz_id FROM plan_items pi JOIN courses c ON c.id = pi.course_id
        WHERE pi.required = 1 AND c.checkpoint_quiz_id IS NOT NULL
          AND pi.due_at >= ${s.periodStart} AND pi.due_at < ${s.periodEnd}
          AND instr(${branchPath}, pi.org_path) = 1
          AND (pi.audience = 'all' OR ${isSecretary})`;
    return db
      .select({
        memberId: memberships.userId,
        required: sql<string>`(SELECT json_group_array(json_object('id', q.id, 'title', q.title,
            'method', q.grading_method, 'pass', q.pass_percent,
            'attempts', json((SELECT json_group_array(json_object('p', a.percent, 'n', a.pending_count))
              FROM (SELECT qa.percent, qa.pending_count FROM quiz_attempts qa
                WHERE qa.quiz_id = q.id AND qa.user_id = memberships.user_id AND qa.state = 'closed'
                ORDER BY qa.number) a))))
          FROM quizzes q WHERE q.published = 1 AND q.id IN (${requiredIds}))`.as("required"),
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
    for (const id of s.memberIds) out.set(id, { missing: true, reason: "not_a_member" });
    for (const r of rows) {
      const required = JSON.parse(r.required) as Required[];
      if (required.length === 0) {
        out.set(r.memberId, { missing: true, reason: "no_required_quizzes" });
        continue;
      }
      const results = required.map((q) => {
        const grade = finalGrade(
          q.method,
          q.attempts.map((a) => a.p ?? 0),
        );
        const passed = q.attempts.length > 0 && q.attempts.every((a) => a.n === 0) && grade !== null && grade >= q.pass;
        return { q, passed };
      });
      const passed = results.filter((x) => x.passed).length;
      out.set(r.memberId, {
        value: Math.round((passed / required.length) * 1000) / 1000,
        unit: "ratio",
        sources: results.map((x) => ({ type: "quiz", id: x.q.id, value: x.passed ? 1 : 0, note: x.q.title })),
        detail: { passed, required: required.length },
      });
    }
    return out;
  },
};
