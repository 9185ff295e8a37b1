import { and, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { evalCycles, evalDecisions, vanguardAdjustments, vanguardScores } from "../../schema";
import type { CommendationTarget, Criteria, CriterionKey } from "../../schema/commendations/values";
import type { Grade } from "../../schema/evaluations/values";
import { openFollowupsQuery } from "../evaluations";
import { yearRange } from "../lib/day";
import type { Db } from "../lib/db";
import { type IndicatorScope, type IndicatorValue, massesIndicator, serviceIndicator } from "../vanguard";

export interface Source {
  type: string;
  id: string;
  value?: number | undefined;
  note?: string | undefined;
}

/** One criterion against the records: met, unmet, or missing (no record to judge by; never a zero). */
export interface CriterionEvidence {
  key: CriterionKey;
  required: number | string;
  status: "met" | "unmet" | "missing";
  value?: number | string | undefined;
  reason?: string | undefined;
  sources: Source[];
}

/** Why someone cannot be nominated, with the record that says so. */
export interface Block {
  reason: "veto" | "open_followup" | "lagging";
  sourceType: string;
  sourceId: string;
}

export interface Evidence {
  criteria: CriterionEvidence[];
  blocks: Block[];
}

export interface RoundScope {
  year: number;
  target: CommendationTarget;
  criteria: Criteria;
}

const GRADE_RANK: Record<Grade, number> = { excellent: 0, qualified: 1, basic: 2, unqualified: 3 };

export function judge(
  key: CriterionKey,
  required: number | string,
  value: IndicatorValue | undefined,
  met: (v: number) => boolean,
) {
  if (!value || "missing" in value) {
    return { key, required, status: "missing", reason: value?.reason ?? "no_record", sources: [] } as CriterionEvidence;
  }
  return {
    key,
    required,
    status: met(value.value) ? "met" : "unmet",
    value: value.value,
    sources: value.sources,
  } as CriterionEvidence;
}

/** The longest period first (the year's cycle before a quarter's), then the latest. */
export const widest = <R extends { periodStart: number; periodEnd: number }>(rows: R[]) =>
  [...rows].sort((a, b) => b.periodEnd - b.periodStart - (a.periodEnd - a.periodStart) || b.periodEnd - a.periodEnd)[0];

export function group<R>(rows: R[], by: (r: R) => string) {
  const out = new Map<string, R[]>();
  for (const r of rows) out.set(by(r), [...(out.get(by(r)) ?? []), r]);
  return out;
}

/** Subjects per statement: D1 binds at most 100 parameters, and a subtree range binds two per branch. */
const CHUNK = 40;

function chunked<T>(items: T[]) {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Several chunks' statements in ONE round trip: `build` gives each chunk the same list of statements,
 * and the rows of the k-th statement of every chunk come back concatenated.
 */
export async function batchedByChunk<T>(db: Db, items: T[], build: (chunk: T[]) => BatchItem<"sqlite">[]) {
  const parts = chunked(items).map(build);
  const width = parts[0]?.length ?? 0;
  const rows = (await db.batch(parts.flat() as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[][];
  return Array.from({ length: width }, (_, k) => parts.flatMap((_, p) => rows[p * width + k] ?? []));
}

const scopeOf = (memberIds: string[], periodStart: number, periodEnd: number, now: number): IndicatorScope => ({
  branchId: "",
  memberIds,
  periodStart,
  periodEnd,
  now,
  memberIn: (column) => inArray(column, memberIds),
  inBranch: () => sql`0`,
});

/**
 * Members' evidence for a round's year, read from the records the platform holds: their vanguard index,
 * the year's appraisal grade, confirmed service and the masses' ratings (the vanguard index's own measures),
 * and what bars a nomination (an approved veto item or a vetoed index; an open 不合格 follow-up).
 * One round trip: 6 statements per 40 members.
 */
export async function memberEvidence(db: Db, round: RoundScope, memberIds: string[], now: number) {
  const [from, to] = yearRange(round.year);
  const out = new Map<string, Evidence>();
  if (!memberIds.length) return out;
  const [scoreRows, gradeRows, serviceRows, massesRows, vetoRows, followupRows] = await batchedByChunk(
    db,
    memberIds,
    (ids) => {
      const s = scopeOf(ids, from, to, now);
      return [
        db
          .select({
            id: vanguardScores.id,
            memberId: vanguardScores.memberId,
            score: vanguardScores.score,
            status: vanguardScores.status,
            periodStart: vanguardScores.periodStart,
            periodEnd: vanguardScores.periodEnd,
          })
          .from(vanguardScores)
          .where(
            and(
              s.memberIn(vanguardScores.memberId),
              gte(vanguardScores.periodStart, from),
              lte(vanguardScores.periodEnd, to),
            ),
          ),
        db
          .select({
            memberId: evalDecisions.memberId,
            cycleId: evalDecisions.cycleId,
            grade: evalDecisions.grade,
            label: evalCycles.label,
            periodStart: evalCycles.periodStart,
            periodEnd: evalCycles.periodEnd,
          })
          .from(evalDecisions)
          .innerJoin(evalCycles, eq(evalCycles.id, evalDecisions.cycleId))
          .where(
            and(s.memberIn(evalDecisions.memberId), gte(evalCycles.periodStart, from), lte(evalCycles.periodEnd, to)),
          ),
        serviceIndicator.query(db, s),
        massesIndicator.query(db, s),
        db
          .select({ id: vanguardAdjustments.id, memberId: vanguardAdjustments.memberId })
          .from(vanguardAdjustments)
          .where(
            and(
              s.memberIn(vanguardAdjustments.memberId),
              eq(vanguardAdjustments.kind, "veto"),
              eq(vanguardAdjustments.status, "approved"),
              gte(vanguardAdjustments.occurredAt, from),
              lt(vanguardAdjustments.occurredAt, to),
            ),
          ),
        openFollowupsQuery(db, ids),
      ];
    },
  );
  const scores = scoreRows as {
    id: string;
    memberId: string;
    score: number | null;
    status: string;
    periodStart: number;
    periodEnd: number;
  }[];
  const grades = gradeRows as {
    memberId: string;
    cycleId: string;
    grade: Grade;
    label: string;
    periodStart: number;
    periodEnd: number;
  }[];
  const vetoes = vetoRows as { id: string; memberId: string }[];
  const followups = followupRows as { id: string; memberId: string }[];
  const whole = scopeOf(memberIds, from, to, now);
  const serviceOf = serviceIndicator.collect(serviceRows as never[], whole);
  const massesOf = massesIndicator.collect(massesRows as never[], whole);
  const scoreOf = group(scores, (r) => r.memberId);
  const gradeOf = group(grades, (r) => r.memberId);
  const c = round.criteria;
  for (const id of memberIds) {
    const score = widest(scoreOf.get(id) ?? []);
    const grade = widest(gradeOf.get(id) ?? []);
    const criteria: CriterionEvidence[] = [];
    if (c.vanguardMin !== undefined) {
      const value: IndicatorValue | undefined =
        score && score.score !== null
          ? {
              value: score.score,
              unit: "points",
              sources: [{ type: "vanguard_score", id: score.id, note: score.status }],
            }
          : undefined;
      criteria.push(judge("vanguard", c.vanguardMin, value, (v) => score?.status !== "vetoed" && v >= c.vanguardMin!));
    }
    if (c.appraisal !== undefined) {
      const required = GRADE_RANK[c.appraisal];
      criteria.push(
        grade
          ? {
              key: "appraisal",
              required: c.appraisal,
              status: GRADE_RANK[grade.grade] <= required ? "met" : "unmet",
              value: grade.grade,
              sources: [{ type: "eval_decision", id: `${grade.cycleId}:${id}`, note: grade.label }],
            }
          : { key: "appraisal", required: c.appraisal, status: "missing", reason: "no_decision", sources: [] },
      );
    }
    if (c.serviceHours !== undefined)
      criteria.push(judge("service", c.serviceHours, serviceOf.get(id), (v) => v >= c.serviceHours!));
    if (c.massesMin !== undefined)
      criteria.push(judge("masses", c.massesMin, massesOf.get(id), (v) => v >= c.massesMin!));
    const blocks: Block[] = [
      ...vetoes
        .filter((v) => v.memberId === id)
        .map((v) => ({ reason: "veto" as const, sourceType: "vanguard_adjustment", sourceId: v.id })),
      ...(score?.status === "vetoed"
        ? [{ reason: "veto" as const, sourceType: "vanguard_score", sourceId: score.id }]
        : []),
      ...followups
        .filter((f) => f.memberId === id)
        .map((f) => ({ reason: "open_followup" as const, sourceType: "eval_followup", sourceId: f.id })),
    ];
    out.set(id, { criteria, blocks });
  }
  return out;
}

/** The criteria as met/unmet/missing by key: what a decision is checked against and stored with. */
export const verdicts = (e: Evidence) => Object.fromEntries(e.criteria.map((c) => [c.key, c.status]));
export const allMet = (e: Evidence) => e.criteria.every((c) => c.status === "met");
