import { sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { bastionScores, orgs } from "../../schema";
import { type BastionStatus, bandOf, DEFAULT_LIFE_NOT_HELD, HAND } from "../../schema/bastion/values";
import type { Db } from "../lib/db";
import { invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeOfOrg } from "../lib/paths";
import { type HeldMeeting, lifeAgainstRhythm, lifeStatements, type RuleRow } from "../orglife";
import { computeScore, type Explanation, type IndicatorValue, type Inputs, studyIndicator } from "../vanguard";
import { type Facts, factsQuery, handValue, measure, type Scope } from "./facts";
import { composed, modelsOnPathQuery, pickModel, sectorOf } from "./model";

/** Which part of the 60 + 40 each line belongs to (stored with the explanation). */
export type Groups = Record<string, "common" | "sector" | "lagging">;

/** The explanation without its records, for the overview: what each part gave, what is missing and why. */
function summarize(e: Explanation, groups: Groups) {
  return {
    coverage: e.coverage,
    adjustments: e.adjustments,
    lines: e.lines.map((l) => ({
      key: l.key,
      group: groups[l.key] ?? "common",
      label: l.label,
      max: l.max,
      status: l.status,
      reason: l.reason,
      value: l.value,
      unit: l.unit,
      contribution: l.contribution,
    })),
  };
}
export type Summary = ReturnType<typeof summarize>;

/**
 * Scores one branch for [periodStart, periodEnd) with its effective model, through the vanguard scorer
 * (base rescaled over the items with data, vetoes to 0 — here: lagging).
 *
 * Queries, whatever the branch: 1 batch of 5 reads (the branch with all its records in one statement,
 * the model versions on its path, the member study indicator, its held meetings and rhythm versions),
 * and when storing 1 upsert. Idempotent:
 * one score per (branch, period), overwritten by a re-run.
 */
export async function scoreBastion(db: Db, scope: Scope, opts: { store?: boolean } = {}) {
  if (!(scope.periodStart < scope.periodEnd))
    throw invalid("the period must end after it starts", [{ path: "end", code: "too_small" }]);
  const subtree = sql`(SELECT id FROM orgs WHERE ${subtreeOfOrg(orgs.path, scope.branchId)})`;
  const inBranch = (column: SQLiteColumn) => sql`${column} IN ${subtree}`;
  const memberIn = (column: SQLiteColumn) =>
    sql`${column} IN (SELECT user_id FROM memberships WHERE org_id IN ${subtree} AND role = 'member' AND ended_at IS NULL)`;
  const studyScope = { ...scope, memberIds: [], memberIn, inBranch };
  const [[facts], models, studyRows, meetings, rhythms] = (await db.batch([
    factsQuery(db, scope),
    modelsOnPathQuery(db, scope.branchId),
    studyIndicator.query(db, studyScope),
    ...lifeStatements(db, scope.branchId, scope.periodStart, scope.periodEnd),
  ] as [any, any, any, any, any])) as [Facts[], Parameters<typeof pickModel>[0], unknown[], HeldMeeting[], RuleRow[]];
  if (!facts) throw notFound("organization");
  if (facts.kind !== "branch")
    throw invalid("the bastion index scores a branch", [{ path: "orgId", code: "not_a_branch" }]);
  const model = pickModel(models, facts.path);
  const def = model.definition;
  const sector = sectorOf(facts.orgType);
  const measured = measure(
    facts,
    scope,
    studyIndicator.collect(studyRows as never[], studyScope),
    lifeAgainstRhythm(meetings, rhythms, facts, scope),
    { noSecretaryMonths: def.noSecretaryMonths, lifeNotHeld: def.lifeNotHeld ?? DEFAULT_LIFE_NOT_HELD },
  );
  const groups: Groups = {};
  const inputs: Inputs = {};
  const lists = [
    ["common", def.common],
    ["sector", def.sectors[sector]],
    ["lagging", def.lagging],
  ] as const;
  for (const [group, items] of lists)
    for (const item of items) {
      groups[item.key] = group;
      const fallback: IndicatorValue = { missing: true, reason: "not_available" };
      inputs[item.key] =
        item.indicator === HAND
          ? handValue(facts, item.key, item.part === "veto")
          : (measured.get(item.indicator) ?? fallback);
    }
  const explanation = computeScore(composed(def, sector), inputs);
  const status: BastionStatus = explanation.status === "vetoed" ? "lagging" : explanation.status;
  const result = {
    org: { id: facts.id, name: facts.name, orgType: facts.orgType },
    periodStart: scope.periodStart,
    periodEnd: scope.periodEnd,
    model: { id: model.id, version: model.version, name: model.name },
    sector,
    score: explanation.score,
    status,
    band: bandOf(status, explanation.score),
    groups,
    inputs,
    explanation,
  };
  if (opts.store ?? true) {
    const row = {
      orgId: result.org.id,
      orgPath: facts.path,
      orgName: facts.name,
      periodStart: scope.periodStart,
      periodEnd: scope.periodEnd,
      modelId: model.id,
      modelVersion: model.version,
      sector,
      score: result.score,
      status,
      band: result.band,
      inputs,
      explanation: { ...explanation, groups },
      summary: summarize(explanation, groups),
      computedAt: scope.now,
    };
    await db
      .insert(bastionScores)
      .values({ id: newId(), ...row })
      .onConflictDoUpdate({
        target: [bastionScores.orgId, bastionScores.periodStart, bastionScores.periodEnd],
        set: row,
      });
  }
  return result;
}
