import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { devCases, devSteps, orgs, users } from "../../schema";
import { type RuleValues, STEPS, type Step } from "../../schema/development/values";
import { dayEnd } from "../lib/day";
import type { Db } from "../lib/db";
import { nextStep, requirement, stageOf, type Taken } from "./pipeline";
import { rulesAlong, rulesInForce } from "./rules";

export type StepRow = typeof devSteps.$inferSelect;

/**
 * One round trip: the case with its person and branch, every step and correction, the branches it was
 * transferred from; then the rules along its path.
 */
export async function loadCase(db: Db, caseId: string) {
  const [found, steps, formerBranches] = await db.batch([
    db
      .select({
        kase: devCases,
        displayName: users.displayName,
        username: users.username,
        gender: users.gender,
        birthOn: users.birthOn,
        education: users.education,
        occupation: users.occupation,
        orgName: orgs.name,
        orgPath: orgs.path,
      })
      .from(devCases)
      .innerJoin(users, eq(users.id, devCases.userId))
      .innerJoin(orgs, eq(orgs.id, devCases.orgId))
      .where(eq(devCases.id, caseId))
      .limit(1),
    db.select().from(devSteps).where(eq(devSteps.caseId, caseId)).orderBy(asc(devSteps.createdAt)),
    // The branches the person was transferred away from, by their paths now (they may have moved since).
    db
      .select({ id: orgs.id, path: orgs.path })
      .from(orgs)
      .where(
        inArray(
          orgs.id,
          db
            .select({ id: sql`json_extract(${devSteps.data}, '$.fromOrgId')` })
            .from(devSteps)
            .where(and(eq(devSteps.caseId, caseId), eq(devSteps.step, "transfer"))),
        ),
      ),
  ]);
  const row = found[0];
  if (!row) return undefined;
  const rules = rulesInForce(await rulesAlong(db, row.orgPath), row.orgPath);
  // movedAway: read by a branch the person left (the steps end at the move).
  const formerPaths = new Map(formerBranches.map((b) => [b.id, b.path]));
  return { ...row, steps, rules, formerPaths, movedAway: false };
}

export type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

/** The steps as they stand: each original with its latest correction's day (corrections never vanish). */
export function effectiveSteps(rows: readonly StepRow[]): Taken[] {
  const latest = new Map<string, StepRow>();
  for (const r of rows) if (r.correctsId) latest.set(r.correctsId, r);
  return rows
    .filter((r) => !r.correctsId)
    .map((r) => ({
      id: r.id,
      step: r.step,
      takenOn: latest.get(r.id)?.takenOn ?? r.takenOn,
      data: r.data,
      createdAt: r.createdAt,
    }));
}

/** The columns a case keeps current after each step: its stage, the next step and the day it is due. */
export function caseState(steps: readonly Taken[], rules: RuleValues, closed: "cancelled" | null) {
  const stage = stageOf(steps, rules);
  if (closed || stage === "full") {
    return { stage, status: closed ?? ("full" as const), nextStep: null, nextDueOn: null, nextDue: null };
  }
  const next = nextStep(steps, rules);
  return {
    stage,
    status: "open" as const,
    nextStep: next?.step ?? null,
    nextDueOn: next?.due ?? null,
    nextDue: next?.due ? dayEnd(next.due) : null,
  };
}

/** Every step with what the record says about it now: for the person's page ("why not yet"). */
export function options(steps: readonly Taken[], rules: RuleValues) {
  return STEPS.filter((s) => s !== "application" && s !== "transfer")
    .map((s: Step) => requirement(s, steps, rules))
    .filter((r) => !r.blockers.some((b) => b.code === "already_done" || b.code === "extension_used"));
}
