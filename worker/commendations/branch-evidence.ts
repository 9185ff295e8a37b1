import { and, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { bastionScores, orgs, ratingRounds, ratings, serviceRecords } from "../../schema";
import { type Answer, effectiveK } from "../../schema/masses/values";
import { yearRange } from "../lib/day";
import type { Db } from "../lib/db";
import { inSubtrees } from "../lib/paths";
import type { IndicatorValue } from "../vanguard";
import {
  type Block,
  batchedByChunk,
  type CriterionEvidence,
  type Evidence,
  group,
  judge,
  type RoundScope,
  type Source,
  widest,
} from "./evidence";

/** When a rating round stopped taking ratings (as the vanguard index counts it). */
const closedAt = sql<number>`min(coalesce(${ratingRounds.closedAt}, ${ratingRounds.closesAt}), ${ratingRounds.closesAt})`;

/**
 * Branches' evidence for a round's year from their own records: the branch index (堡垒指数) scored for a
 * period inside the year, its members' confirmed service, and the masses' ratings of the branch (closed
 * rounds with at least k ratings, as for members). A branch the index marks lagging (软弱涣散) cannot be
 * nominated, as a veto bars a member. One round trip: 3 statements per 40 branches.
 */
export async function branchEvidence(db: Db, round: RoundScope, branches: { id: string; path: string }[], now: number) {
  const [from, to] = yearRange(round.year);
  const out = new Map<string, Evidence>();
  if (!branches.length) return out;
  const [aggregateRows, serviceRows, ratedRows] = await batchedByChunk(db, branches, (chunk) => {
    const ids = chunk.map((b) => b.id);
    return [
      db
        .select({
          id: bastionScores.id,
          orgId: bastionScores.orgId,
          score: bastionScores.score,
          status: bastionScores.status,
          periodStart: bastionScores.periodStart,
          periodEnd: bastionScores.periodEnd,
        })
        .from(bastionScores)
        .where(
          and(
            inArray(bastionScores.orgId, ids),
            gte(bastionScores.periodStart, from),
            lte(bastionScores.periodEnd, to),
          ),
        ),
      db
        .select({
          id: serviceRecords.id,
          path: orgs.path,
          hours: serviceRecords.hours,
          category: serviceRecords.category,
        })
        .from(serviceRecords)
        .innerJoin(orgs, eq(orgs.id, serviceRecords.orgId))
        .where(
          and(
            inSubtrees(
              orgs.path,
              chunk.map((b) => b.path),
            ),
            eq(serviceRecords.status, "confirmed"),
            gte(serviceRecords.servedAt, from),
            lt(serviceRecords.servedAt, to),
          ),
        ),
      db
        .select({
          orgId: ratings.rateeId,
          roundId: ratings.roundId,
          answers: ratings.answers,
          k: ratingRounds.kThreshold,
        })
        .from(ratings)
        .innerJoin(ratingRounds, eq(ratingRounds.id, ratings.roundId))
        .where(
          and(
            inArray(ratings.rateeId, ids),
            eq(ratingRounds.target, "branch"),
            gte(closedAt, from),
            lt(closedAt, to),
            lte(closedAt, now),
          ),
        ),
    ];
  });
  const indexRows = aggregateRows as {
    id: string;
    orgId: string;
    score: number | null;
    status: string;
    periodStart: number;
    periodEnd: number;
  }[];
  const services = serviceRows as { id: string; path: string; hours: number; category: string }[];
  const rated = ratedRows as { orgId: string; roundId: string; answers: Record<string, Answer>; k: number }[];
  const c = round.criteria;
  for (const b of branches) {
    const criteria: CriterionEvidence[] = [];
    const mine = indexRows.filter((a) => a.orgId === b.id);
    const blocks: Block[] = mine
      .filter((a) => a.status === "lagging")
      .map((a) => ({ reason: "lagging", sourceType: "bastion_score", sourceId: a.id }));
    if (c.vanguardMin !== undefined) {
      const scored = widest(mine);
      const value: IndicatorValue | undefined =
        scored && scored.score !== null
          ? { value: scored.score, unit: "points", sources: [{ type: "bastion_score", id: scored.id }] }
          : undefined;
      criteria.push(judge("vanguard", c.vanguardMin, value, (v) => v >= c.vanguardMin!));
    }
    if (c.serviceHours !== undefined) {
      const list = services.filter((s) => s.path.startsWith(b.path));
      const hours = Math.round(list.reduce((sum, s) => sum + s.hours, 0) * 100) / 100;
      const value = {
        value: hours,
        unit: "hours",
        sources: list.map((s) => ({ type: "service_record", id: s.id, value: s.hours, note: s.category })),
      };
      criteria.push(judge("service", c.serviceHours, value, (v) => v >= c.serviceHours!));
    }
    if (c.massesMin !== undefined)
      criteria.push(judge("masses", c.massesMin, branchSatisfaction(rated, b.id), (v) => v >= c.massesMin!));
    out.set(b.id, { criteria, blocks });
  }
  return out;
}

function branchSatisfaction(
  rows: { orgId: string; roundId: string; answers: Record<string, Answer>; k: number }[],
  orgId: string,
): IndicatorValue {
  const mine = rows.filter((r) => r.orgId === orgId);
  let good = 0;
  let total = 0;
  const sources: Source[] = [];
  for (const [roundId, rs] of group(mine, (r) => r.roundId)) {
    if (rs.length < effectiveK(rs[0]?.k ?? 0)) continue;
    for (const r of rs)
      for (const a of Object.values(r.answers)) {
        total++;
        if (a !== "unsatisfied") good++;
      }
    sources.push({ type: "rating_round", id: roundId, value: rs.length });
  }
  return total
    ? { value: good / total, unit: "ratio", sources }
    : { missing: true, reason: mine.length ? "below_k" : "no_ratings" };
}
