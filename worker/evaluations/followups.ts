import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { evalCycles, evalFollowupSteps, evalFollowups, orgs, users } from "../../schema";
import { hasRoleOver } from "../auth";
import type { Caller } from "../env";
import { dayOf } from "../lib/day";
import type { Db } from "../lib/db";
import { notFound } from "../lib/errors";
import { subtreeEnd } from "../lib/paths";
import { derive, followupState, options, standingSteps } from "./followup-rules";

/** Who keeps a follow-up: the branch's secretaries and the committees above (admins). */
export const FOLLOWUP_KEEPERS = ["secretary", "admin"] as const;

const listColumns = {
  id: evalFollowups.id,
  memberId: evalFollowups.memberId,
  memberName: users.displayName,
  branchId: evalFollowups.branchId,
  branchName: orgs.name,
  branchPath: orgs.path,
  cycleId: evalFollowups.cycleId,
  cycleName: sql<string>`${evalCycles.name}`.as("cycle_name"),
  cycleLabel: evalCycles.label,
  status: evalFollowups.status,
  outcome: evalFollowups.outcome,
  nextStep: evalFollowups.nextStep,
  nextDueOn: evalFollowups.nextDueOn,
  nextDue: evalFollowups.nextDue,
  planDays: evalFollowups.planDays,
  nextDays: evalFollowups.nextDays,
  warnDays: evalFollowups.warnDays,
  createdAt: evalFollowups.createdAt,
};

/** One round trip: the follow-up with its member, branch and cycle, and every step and correction. */
async function loadFollowup(db: Db, id: string) {
  const [found, steps] = await db.batch([
    db
      .select(listColumns)
      .from(evalFollowups)
      .innerJoin(users, eq(users.id, evalFollowups.memberId))
      .innerJoin(orgs, eq(orgs.id, evalFollowups.branchId))
      .innerJoin(evalCycles, eq(evalCycles.id, evalFollowups.cycleId))
      .where(eq(evalFollowups.id, id))
      .limit(1),
    db
      .select({ step: evalFollowupSteps, recorderName: users.displayName })
      .from(evalFollowupSteps)
      .innerJoin(users, eq(users.id, evalFollowupSteps.recordedBy))
      .where(eq(evalFollowupSteps.followupId, id))
      .orderBy(asc(evalFollowupSteps.createdAt)),
  ]);
  const row = found[0];
  if (!row) return undefined;
  return { followup: row, rows: steps.map((s) => ({ ...s.step, recorderName: s.recorderName })) };
}
export type LoadedFollowup = NonNullable<Awaited<ReturnType<typeof loadFollowup>>>;

/** A keeper of the branch (or a committee above) may read and record. */
export const keepsFollowup = (caller: Caller, branchPath: string) =>
  hasRoleOver(caller.user, branchPath, FOLLOWUP_KEEPERS);

/**
 * The member concerned reads their own follow-up; the branch's keepers and the committees above read
 * any of theirs. Everyone else gets the same 404 as for an id that does not exist, so nobody learns
 * whether a colleague has one.
 */
export async function readableFollowup(caller: Caller, id: string): Promise<LoadedFollowup> {
  const loaded = await loadFollowup(caller.db, id);
  const f = loaded?.followup;
  if (!f || (f.memberId !== caller.user.id && !keepsFollowup(caller, f.branchPath))) throw notFound("follow-up");
  return loaded!;
}

/** The steps as they stand and what they add up to. */
export function standing(loaded: LoadedFollowup) {
  return derive(standingSteps(loaded.rows));
}

/** The follow-up page: the record, what may come next and why not yet, and what the reader may do. */
export function followupView(caller: Caller, loaded: LoadedFollowup, now: number) {
  const f = loaded.followup;
  const d = standing(loaded);
  const own = f.memberId === caller.user.id;
  const keeper = !own && keepsFollowup(caller, f.branchPath);
  const { branchPath: _path, nextDue, ...shown } = f;
  return {
    followup: { ...shown, openedOn: dayOf(f.createdAt), overdue: f.status === "open" && !!nextDue && nextDue < now },
    steps: loaded.rows.map(({ followupId: _f, ...s }) => s),
    options: options(d, dayOf(now)),
    pending: d.pending ? { id: d.pending.id, step: d.pending.step, takenOn: d.pending.takenOn } : null,
    canRecord: keeper && f.status === "open",
    canApprove: keeper && committeeAbove(caller, f.branchPath),
  };
}

/** An admin of a committee above the branch (not of the branch itself). */
export const committeeAbove = (caller: Caller, branchPath: string) =>
  caller.user.memberships.some(
    (m) => m.role === "admin" && branchPath.startsWith(m.orgPath) && m.orgPath !== branchPath,
  );

/** The state a follow-up's columns should hold after its steps (for a new step or a correction). */
export const stateAfter = (loaded: LoadedFollowup, rows: LoadedFollowup["rows"]) =>
  followupState(derive(standingSteps(rows)), dayOf(loaded.followup.createdAt), loaded.followup);

export type ListStatus = "open" | "closed" | "overdue";

/** A committee's or branch's follow-ups: one indexed query over the subtree's branches, soonest due first. */
export function followupList(
  db: Db,
  orgPath: string,
  q: { status: ListStatus; limit: number; offset: number },
  now: number,
) {
  const status = q.status === "closed" ? "closed" : "open";
  return db
    .select(listColumns)
    .from(orgs)
    .innerJoin(evalFollowups, and(eq(evalFollowups.branchId, orgs.id), eq(evalFollowups.status, status)))
    .innerJoin(users, eq(users.id, evalFollowups.memberId))
    .innerJoin(evalCycles, eq(evalCycles.id, evalFollowups.cycleId))
    .where(
      and(
        gte(orgs.path, orgPath),
        lt(orgs.path, subtreeEnd(orgPath)),
        q.status === "overdue" ? lt(evalFollowups.nextDue, now) : undefined,
      ),
    )
    .orderBy(
      ...(status === "open" ? [asc(evalFollowups.nextDue)] : [desc(evalFollowups.updatedAt)]),
      asc(evalFollowups.id),
    )
    .limit(q.limit + 1)
    .offset(q.offset);
}

/** The member's own follow-ups, newest first. */
export function myFollowups(db: Db, memberId: string) {
  return db
    .select(listColumns)
    .from(evalFollowups)
    .innerJoin(users, eq(users.id, evalFollowups.memberId))
    .innerJoin(orgs, eq(orgs.id, evalFollowups.branchId))
    .innerJoin(evalCycles, eq(evalCycles.id, evalFollowups.cycleId))
    .where(eq(evalFollowups.memberId, memberId))
    .orderBy(desc(evalFollowups.createdAt))
    .limit(20);
}

/**
 * One statement for a caller's db.batch: the open follow-ups of these members (commendations: an open
 * follow-up blocks nomination). The caller keeps memberIds under D1's 100 bound parameters.
 */
export const openFollowupsQuery = (db: Db, memberIds: string[]) =>
  db
    .select({ id: evalFollowups.id, memberId: evalFollowups.memberId, cycleId: evalFollowups.cycleId })
    .from(evalFollowups)
    .where(and(inArray(evalFollowups.memberId, memberIds), eq(evalFollowups.status, "open")));

/**
 * Follow-ups handled per branch of a subtree, for the branch index: opened in [from, to), of those how
 * many are closed, how many open and past their deadline at `now`. One query; a branch without any
 * has no row (missing, not zero).
 */
export function followupsHandled(db: Db, orgPath: string, from: number, to: number, now: number) {
  return db
    .select({
      branchId: evalFollowups.branchId,
      opened: sql<number>`count(*)`,
      closed: sql<number>`sum(${evalFollowups.status} = 'closed')`,
      overdue: sql<number>`sum(${evalFollowups.status} = 'open' AND ${evalFollowups.nextDue} < ${now})`,
    })
    .from(orgs)
    .innerJoin(evalFollowups, eq(evalFollowups.branchId, orgs.id))
    .where(
      and(
        gte(orgs.path, orgPath),
        lt(orgs.path, subtreeEnd(orgPath)),
        gte(evalFollowups.createdAt, from),
        lt(evalFollowups.createdAt, to),
      ),
    )
    .groupBy(evalFollowups.branchId);
}
