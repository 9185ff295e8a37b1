import { and, count, eq, sql } from "drizzle-orm";
import { evalCycles, evalSchedules } from "../../schema";
import { ApiError } from "../lib/errors";
import { subtreeEnd, subtreeRange } from "../lib/paths";
import { type OrgMove, orgMoving, rebase } from "../orgs";

/**
 * Open cycles in the moving subtree whose schedule's committee would no longer be above their branch:
 * nothing would close them (the job keeps a branch's work only under schedules above it), and the
 * committee that set them would lose them half-way.
 */
function cyclesLeftBehind({ db, from, to }: OrgMove) {
  return db
    .select({ n: count() })
    .from(evalCycles)
    .innerJoin(evalSchedules, eq(evalSchedules.id, evalCycles.scheduleId))
    .where(
      and(
        subtreeRange(evalCycles.branchPath, from),
        eq(evalCycles.status, "open"),
        sql`NOT (${evalSchedules.orgPath} >= ${from} AND ${evalSchedules.orgPath} < ${subtreeEnd(from)})`,
        sql`substr(${to}, 1, length(${evalSchedules.orgPath})) != ${evalSchedules.orgPath}`,
      ),
    );
}

orgMoving.on(async (move) => {
  const [open] = await cyclesLeftBehind(move);
  if (open?.n) {
    throw new ApiError(409, "cycle_in_progress", "an evaluation cycle of the committee it leaves is open here", {
      cycles: open.n,
    });
  }
  // Schedules by their committee's id (its index); cycles by the branch's path (theirs).
  return [rebase(move, evalSchedules, "orgPath", "orgId"), rebase(move, evalCycles, "branchPath")];
});
