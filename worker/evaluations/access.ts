import { eq } from "drizzle-orm";
import { evalCycles } from "../../schema";
import type { Phase } from "../../schema/evaluations/values";
import type { SessionUser } from "../auth";
import { authorizePath, hasRoleOver } from "../auth";
import type { Db } from "../lib/db";
import { ApiError, conflict, forbidden, notFound } from "../lib/errors";

export type CycleRow = typeof evalCycles.$inferSelect;

export async function loadCycle(db: Db, id: string): Promise<CycleRow> {
  const [row] = await db.select().from(evalCycles).where(eq(evalCycles.id, id));
  if (!row) throw notFound("cycle");
  return row;
}

/** A member of the branch: an active member role on the branch or one of its party groups. */
function memberOrgOf(user: SessionUser, branchPath: string) {
  return user.memberships.find((m) => m.role === "member" && m.orgPath.startsWith(branchPath));
}

/** Members act only in their own branch's cycles: others get 404 (or 403 when they can see the branch). */
export function asMember(user: SessionUser, cycle: CycleRow) {
  const m = memberOrgOf(user, cycle.branchPath);
  if (m) return m;
  if (hasRoleOver(user, cycle.branchPath, ["secretary", "admin", "school", "member"])) throw forbidden();
  throw notFound("cycle");
}

export const MANAGERS = ["secretary", "admin"] as const;

export function asManager(user: SessionUser, cycle: CycleRow) {
  authorizePath(user, cycle.branchPath, MANAGERS, "cycle");
}

export function asCommittee(user: SessionUser, cycle: CycleRow) {
  authorizePath(user, cycle.branchPath, ["admin"], "cycle");
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** Refuses anything outside the phase's window with 409, naming the window. */
export function assertWindow(cycle: CycleRow, phase: Phase, now: number, extendedUntil?: number | null) {
  if (cycle.status === "closed") {
    throw new ApiError(409, "cycle_closed", "this cycle is closed and its results are locked", {
      closedAt: cycle.closedAt,
    });
  }
  const w = cycle.windows[phase];
  if (!w) throw conflict(`this cycle has no ${phase} phase`);
  const closesAt = Math.max(w.closesAt, extendedUntil ?? 0);
  if (now < w.opensAt || now >= closesAt) {
    throw new ApiError(409, "outside_window", `${phase} is open from ${stamp(w.opensAt)} to ${stamp(closesAt)}`, {
      phase,
      opensAt: w.opensAt,
      closesAt,
    });
  }
}

export function assertOpen(cycle: CycleRow, now: number) {
  if (cycle.status === "closed" || now >= cycle.closesAt) {
    throw new ApiError(409, "cycle_closed", "this cycle is closed and its results are locked", {
      closesAt: cycle.closesAt,
    });
  }
}

/**
 * Peer ballots are sealed while the appraisal window can still take a vote: nothing derived from the
 * votes (tally, per-member progress, decisions that test them) is readable before it closes, so no
 * read before and after one member's sheet can tell what that member voted.
 */
export function ballotsSealed(cycle: CycleRow, now: number) {
  const w = cycle.windows.appraisal;
  return cycle.status === "open" && !!w && now < w.closesAt;
}
