import { sql } from "drizzle-orm";
import type { FollowupStep } from "../../schema/evaluations/followups";
import { subtreeEnd } from "../lib/paths";
import { type FieldedPart, type ReadPart, sqlList } from "../lib/sql";

// The follow-ups' share of the home page (one statement each, through the member and due indexes).

/** The secretary hears of a branch step due within this many days. */
const SOON = 7 * 86_400_000;

interface MineRow {
  id: string;
  cycleName: string;
  cycleLabel: string;
  nextStep: FollowupStep | null;
  nextDueOn: string | null;
}

/** The member's own open follow-ups: read only, for their to-do list. */
export function myOpenFollowups(userId: string) {
  return {
    queries: [
      sql`SELECT f.id AS id, c.name AS cycleName, c.label AS cycleLabel, f.next_step AS nextStep,
          f.next_due_on AS nextDueOn
        FROM eval_followups f JOIN eval_cycles c ON c.id = f.cycle_id
        WHERE f.member_id = ${userId} AND f.status = 'open'
        ORDER BY f.created_at DESC`,
    ],
    fields: [["id", "cycleName", "cycleLabel", "nextStep", "nextDueOn"]],
    shape: ([rows]) => rows as MineRow[],
  } satisfies FieldedPart<unknown>;
}

/** Per branch: open follow-ups, and those with a branch step due soon or overdue. */
export function branchFollowups(branchIds: string[], now: number) {
  return {
    queries: [
      sql`SELECT f.branch_id AS branchId, count(*) AS open,
          sum(f.next_step <> 'approval' AND f.next_due < ${now + SOON}) AS due
        FROM eval_followups f
        WHERE f.branch_id IN (${sqlList(branchIds)}) AND f.status = 'open'
        GROUP BY f.branch_id`,
    ],
    shape: ([rows]) =>
      new Map(
        (rows as { branchId: string; open: number; due: number }[]).map((r) => [
          r.branchId,
          { open: r.open, due: r.due },
        ]),
      ),
  } satisfies ReadPart<unknown>;
}

/** A committee's subtree: proposals awaiting its approval and follow-ups past their deadline. */
export function committeeFollowups(orgPath: string, now: number) {
  return {
    queries: [
      sql`SELECT coalesce(sum(f.next_step = 'approval'), 0) AS approvals, coalesce(sum(f.next_due < ${now}), 0) AS overdue
        FROM orgs b JOIN eval_followups f ON f.branch_id = b.id AND f.status = 'open'
        WHERE b.path >= ${orgPath} AND b.path < ${subtreeEnd(orgPath)}`,
    ],
    shape: ([rows]) => (rows as { approvals: number; overdue: number }[])[0] ?? { approvals: 0, overdue: 0 },
  } satisfies ReadPart<unknown>;
}
