import { and, asc, desc, eq, sql } from "drizzle-orm";
import { evalCycles, orgs, users, vanguardBranchScores, vanguardScores } from "../../schema";
import type { Db } from "../lib/db";
import { subtreeRange } from "../lib/paths";
import type { Explanation } from "./score";

/** One query: a member's stored scores (every period), newest first, with their explanations. */
export async function memberScores(db: Db, memberId: string) {
  const rows = await db
    .select({
      id: vanguardScores.id,
      orgId: vanguardScores.orgId,
      periodStart: vanguardScores.periodStart,
      periodEnd: vanguardScores.periodEnd,
      modelId: vanguardScores.modelId,
      modelVersion: vanguardScores.modelVersion,
      score: vanguardScores.score,
      status: vanguardScores.status,
      explanation: vanguardScores.explanation,
      computedAt: vanguardScores.computedAt,
    })
    .from(vanguardScores)
    .where(eq(vanguardScores.memberId, memberId))
    .orderBy(desc(vanguardScores.periodEnd))
    .limit(50);
  // The column holds what computeScore returned (worker/vanguard/branch.ts stores it).
  return rows.map((r) => ({ ...r, explanation: r.explanation as Explanation }));
}

/** One batch of two: the branch's stored member scores for a period (by name, no ranking) and its counts per band. */
export async function branchView(db: Db, orgId: string, periodStart: number, periodEnd: number) {
  const period = and(
    eq(vanguardScores.orgId, orgId),
    eq(vanguardScores.periodStart, periodStart),
    eq(vanguardScores.periodEnd, periodEnd),
  );
  const [members, aggregate] = await db.batch([
    db
      .select({
        memberId: vanguardScores.memberId,
        name: users.displayName,
        score: vanguardScores.score,
        status: vanguardScores.status,
        modelVersion: vanguardScores.modelVersion,
      })
      .from(vanguardScores)
      .innerJoin(users, eq(users.id, vanguardScores.memberId))
      .where(period)
      .orderBy(asc(users.displayName)),
    db
      .select()
      .from(vanguardBranchScores)
      .where(
        and(
          eq(vanguardBranchScores.orgId, orgId),
          eq(vanguardBranchScores.periodStart, periodStart),
          eq(vanguardBranchScores.periodEnd, periodEnd),
        ),
      ),
  ]);
  return { members, branch: aggregate[0] ?? null };
}

/** One query: the branches' counts per band of a period across a subtree, and their sum. */
export async function subtreeView(db: Db, orgPath: string, periodStart: number, periodEnd: number) {
  const rows = await db
    .select({
      orgId: vanguardBranchScores.orgId,
      name: orgs.name,
      members: vanguardBranchScores.members,
      scored: vanguardBranchScores.scored,
      distribution: vanguardBranchScores.distribution,
      modelVersion: vanguardBranchScores.modelVersion,
    })
    .from(vanguardBranchScores)
    .innerJoin(orgs, eq(orgs.id, vanguardBranchScores.orgId))
    .where(
      and(
        subtreeRange(orgs.path, orgPath),
        eq(vanguardBranchScores.periodStart, periodStart),
        eq(vanguardBranchScores.periodEnd, periodEnd),
      ),
    )
    .orderBy(asc(orgs.path));
  const bands: Record<string, number> = {};
  for (const r of rows) for (const [k, n] of Object.entries(r.distribution)) bands[k] = (bands[k] ?? 0) + n;
  return { branches: rows, distribution: bands };
}

/**
 * One query: the periods with stored branch scores in the subtree (the branch itself for a branch),
 * newest first, with how many branches were scored and the evaluation cycle's label when one closed it.
 */
export function storedPeriods(db: Db, orgPath: string) {
  return db
    .select({
      periodStart: vanguardBranchScores.periodStart,
      periodEnd: vanguardBranchScores.periodEnd,
      branches: sql<number>`count(DISTINCT ${vanguardBranchScores.orgId})`.as("branches"),
      label: sql<string | null>`max(${evalCycles.label})`.as("label"),
    })
    .from(vanguardBranchScores)
    .innerJoin(orgs, eq(orgs.id, vanguardBranchScores.orgId))
    .leftJoin(
      evalCycles,
      and(
        eq(evalCycles.branchId, vanguardBranchScores.orgId),
        eq(evalCycles.periodStart, vanguardBranchScores.periodStart),
        eq(evalCycles.periodEnd, vanguardBranchScores.periodEnd),
      ),
    )
    .where(subtreeRange(orgs.path, orgPath))
    .groupBy(vanguardBranchScores.periodStart, vanguardBranchScores.periodEnd)
    .orderBy(desc(vanguardBranchScores.periodStart), desc(vanguardBranchScores.periodEnd))
    .limit(40);
}
