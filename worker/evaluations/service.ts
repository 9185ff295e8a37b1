import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { evalAnalyses, evalCycles, evalDecisions, evalVotes, notifications } from "../../schema";
import { NOTIFICATION_KINDS } from "../../schema/common/notifications";
import type { Phase } from "../../schema/evaluations/values";
import type { SessionUser } from "../auth";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { conflict, invalid } from "../lib/errors";
import { containing, likeEscaped } from "../lib/like";
import { ancestorPaths, subtreeRange } from "../lib/paths";
import { assertOpen, ballotsSealed, type CycleRow } from "./access";
import { branchMembers, distinctMembers, progressOf, raterProgress } from "./appraisals";
import { ruleError } from "./rules";

const summary = (c: CycleRow) => ({
  id: c.id,
  name: c.name,
  label: c.label,
  branchId: c.branchId,
  periodStart: c.periodStart,
  closesAt: c.closesAt,
  windows: c.windows,
  phase: c.phase,
  status: c.status,
});

/** Cycles of the branches under an org, newest first (one range query on the cycles' path index). */
export async function listCycles(
  db: Db,
  orgPath: string,
  q: { status?: "open" | "closed" | undefined; limit: number; offset: number },
) {
  const rows = await db
    .select()
    .from(evalCycles)
    .where(and(subtreeRange(evalCycles.branchPath, orgPath), q.status ? eq(evalCycles.status, q.status) : undefined))
    .orderBy(desc(evalCycles.periodStart), evalCycles.branchPath)
    .limit(q.limit + 1)
    .offset(q.offset);
  return rows.map(summary);
}

/** The member's own cycles (open ones and recent ones) with their progress in each: one query. */
export async function myEvaluations(db: Db, user: SessionUser) {
  const prefixes = new Set<string>();
  for (const m of user.memberships.filter((x) => x.role === "member")) {
    for (const p of ancestorPaths(m.orgPath)) prefixes.add(p);
  }
  if (prefixes.size === 0) return [];
  const rows = await db
    .select({
      cycle: evalCycles,
      analysisStatus: evalAnalyses.status,
      analysisComment: evalAnalyses.comment,
      reopenedUntil: evalAnalyses.reopenedUntil,
      selfGrade: evalVotes.grade,
      peerVotes: sql<number>`(SELECT count(*) FROM eval_votes p WHERE p.cycle_id = ${evalCycles.id} AND p.rater_id = ${user.id} AND p.ratee_id <> ${user.id})`,
    })
    .from(evalCycles)
    .leftJoin(evalAnalyses, and(eq(evalAnalyses.cycleId, evalCycles.id), eq(evalAnalyses.memberId, user.id)))
    .leftJoin(
      evalVotes,
      and(eq(evalVotes.cycleId, evalCycles.id), eq(evalVotes.raterId, user.id), eq(evalVotes.rateeId, user.id)),
    )
    .where(inArray(evalCycles.branchPath, [...prefixes]))
    .orderBy(desc(evalCycles.periodStart))
    .limit(20);
  return rows.map((r) => ({
    ...summary(r.cycle),
    analysis: r.analysisStatus ?? null,
    analysisComment: r.analysisComment ?? null,
    reopenedUntil: r.reopenedUntil ?? null,
    selfAppraised: r.selfGrade != null,
    peerVotes: r.peerVotes,
  }));
}

/**
 * The secretary's dashboard: each member's self-analysis, and of the appraisal only "n of m have
 * submitted" (who voted, and how much, stays with the voter). One round trip.
 */
export async function dashboard(db: Db, cycle: CycleRow) {
  const [members, analyses, raters, decisions] = await db.batch([
    branchMembers(db, cycle),
    db
      .select({
        id: evalAnalyses.id,
        memberId: evalAnalyses.memberId,
        status: evalAnalyses.status,
        version: evalAnalyses.version,
        reopenedUntil: evalAnalyses.reopenedUntil,
      })
      .from(evalAnalyses)
      .where(eq(evalAnalyses.cycleId, cycle.id)),
    raterProgress(db, cycle),
    db
      .select({ memberId: evalDecisions.memberId, grade: evalDecisions.grade })
      .from(evalDecisions)
      .where(eq(evalDecisions.cycleId, cycle.id)),
  ]);
  const unique = distinctMembers(members);
  return {
    cycle: { ...summary(cycle), periodEnd: cycle.periodEnd, settings: cycle.settings },
    appraisal: progressOf(unique, raters),
    members: unique.map((m) => {
      const a = analyses.find((x) => x.memberId === m.id);
      return {
        id: m.id,
        displayName: m.displayName,
        analysisId: a?.id ?? null,
        analysis: a?.status ?? null,
        version: a?.version ?? 0,
        reopenedUntil: a?.reopenedUntil ?? null,
        grade: decisions.find((d) => d.memberId === m.id)?.grade ?? null,
      };
    }),
  };
}

/**
 * A committee moves a phase's closing time later (never earlier); audited. A closed appraisal stays
 * closed: its tally has been readable, so one more vote would be readable by difference.
 */
export async function extendWindow(db: Db, actor: SessionUser, cycle: CycleRow, phase: Phase, closesAt: number) {
  const now = Date.now();
  assertOpen(cycle, now);
  const w = cycle.windows[phase];
  if (!w) throw conflict(`this cycle has no ${phase} phase`);
  if (phase === "appraisal" && !ballotsSealed(cycle, now)) throw ruleError(actor, 409, "tally_fixed");
  if (closesAt <= w.closesAt) throw invalid("a window can only be extended", [{ path: "closesAt", code: "earlier" }]);
  if (closesAt > cycle.periodEnd + 90 * 86_400_000) {
    throw invalid("too far past the period", [{ path: "closesAt", code: "range" }]);
  }
  const windows = { ...cycle.windows, [phase]: { ...w, closesAt } };
  await db.batch([
    db
      .update(evalCycles)
      .set({ windows, closesAt: Math.max(cycle.closesAt, closesAt) })
      .where(and(eq(evalCycles.id, cycle.id), eq(evalCycles.status, "open"))),
    auditInsert(db, {
      actorId: actor.id,
      action: "eval_window_extended",
      entity: "eval_cycle",
      entityId: cycle.id,
      orgId: cycle.branchId,
      detail: { phase, from: w.closesAt, to: closesAt },
    }),
  ]);
  return { windows };
}

/**
 * The reader's notifications, newest first, optionally those whose cycle, period, course, quiz or person contains `q`
 * or whose kind's wording matched it (the web sends those kinds). The user_id + created_at index bounds
 * the scan to the reader's own rows in order; the text test runs only on them. One round trip.
 */
export async function listNotifications(
  db: Db,
  userId: string,
  q: { limit: number; offset: number; q?: string | undefined; kinds?: string | undefined },
) {
  const [rows, unread] = await db.batch([
    db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), notificationMatch(q.q, q.kinds)))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit + 1)
      .offset(q.offset),
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { rows, unread: unread[0]?.n ?? 0 };
}

function notificationMatch(q: string | undefined, kinds: string | undefined) {
  if (!q) return undefined;
  const pattern = containing(q);
  const known = (kinds ?? "").split(",").filter((k) => (NOTIFICATION_KINDS as readonly string[]).includes(k));
  return or(
    ...["cycle", "label", "course", "quiz", "person"].map((field) =>
      likeEscaped(sql`json_extract(${notifications.params}, ${`$.${field}`})`, pattern),
    ),
    known.length ? inArray(notifications.kind, known) : undefined,
  );
}

export function markRead(db: Db, userId: string) {
  return db
    .update(notifications)
    .set({ readAt: Date.now() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
