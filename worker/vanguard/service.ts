import { and, asc, desc, eq } from "drizzle-orm";
import { orgs, users, vanguardBranchScores, vanguardScores } from "../../schema";
import type { Db } from "../lib/db";
import { subtreeRange } from "../orgs/paths";
import { distribution } from "./score";

/** One query: a member's stored scores (every period), newest first, with their explanations. */
export function memberScores(db: Db, memberId: string) {
  return db
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
}

/** One batch of two: the branch's stored member scores for a period (by name, no ranking) and its aggregate. */
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

/** One query: the branch aggregates of a period across a subtree, and their summed distribution. */
export async function subtreeView(db: Db, orgPath: string, periodStart: number, periodEnd: number) {
  const rows = await db
    .select({
      orgId: vanguardBranchScores.orgId,
      name: orgs.name,
      members: vanguardBranchScores.members,
      scored: vanguardBranchScores.scored,
      mean: vanguardBranchScores.mean,
      median: vanguardBranchScores.median,
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

export { distribution };
