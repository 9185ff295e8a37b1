import { and, eq, sql } from "drizzle-orm";
import { evalDecisions, evalVotes, memberships, orgs, users } from "../../schema";
import { GRADES, type Grade } from "../../schema/evaluations/values";
import type { SessionMembership } from "../auth";
import { chunkedInserts, type Db } from "../lib/db";
import { ApiError, invalid } from "../lib/errors";
import { subtreeRange } from "../lib/paths";
import { assertWindow, type CycleRow } from "./access";

/** Active members of the cycle's branch (its roster and its party groups'), one range query. */
export function branchMembers(db: Db, cycle: CycleRow) {
  return db
    .select({ id: users.id, displayName: users.displayName, orgId: memberships.orgId })
    .from(orgs)
    .innerJoin(memberships, and(eq(memberships.orgId, orgs.id), eq(memberships.role, "member")))
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(subtreeRange(orgs.path, cycle.branchPath), sql`${memberships.endedAt} IS NULL`))
    .orderBy(users.displayName, users.id);
}

type Member = { id: string; displayName: string; orgId: string };

/** branchMembers lists someone on both the branch and a group twice: once each here. */
export const distinctMembers = <T extends { id: string }>(rows: T[]) => [
  ...new Map(rows.map((m) => [m.id, m])).values(),
];

/** Whom a member grades: the branch, or only their own party group when the settings say so. */
function peersOf(cycle: CycleRow, members: Member[], me: SessionMembership, myId: string) {
  const scope = cycle.settings.peerScope === "group" ? members.filter((m) => m.orgId === me.orgId) : members;
  const seen = new Set<string>();
  return scope.filter((m) => m.id !== myId && !seen.has(m.id) && seen.add(m.id));
}

/** The peer sheet: the colleagues to grade and the grades this member already gave. One round trip. */
export async function appraisalSheet(db: Db, cycle: CycleRow, me: SessionMembership, myId: string) {
  const [members, mine] = await db.batch([
    branchMembers(db, cycle),
    db
      .select({ rateeId: evalVotes.rateeId, grade: evalVotes.grade, comment: evalVotes.comment })
      .from(evalVotes)
      .where(and(eq(evalVotes.cycleId, cycle.id), eq(evalVotes.raterId, myId))),
  ]);
  const self = mine.find((v) => v.rateeId === myId) ?? null;
  return {
    cycle: { id: cycle.id, name: cycle.name, label: cycle.label, windows: cycle.windows, status: cycle.status },
    peers: peersOf(cycle, members, me, myId).map((m) => ({ id: m.id, displayName: m.displayName })),
    given: mine.filter((v) => v.rateeId !== myId),
    self: self ? { grade: self.grade, reason: self.comment } : null,
  };
}

export async function saveSelfAppraisal(db: Db, cycle: CycleRow, myId: string, body: { grade: Grade; reason: string }) {
  const now = Date.now();
  assertWindow(cycle, "appraisal", now);
  await db
    .insert(evalVotes)
    .values({
      cycleId: cycle.id,
      raterId: myId,
      rateeId: myId,
      grade: body.grade,
      comment: body.reason,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: [evalVotes.cycleId, evalVotes.raterId, evalVotes.rateeId],
      set: { grade: body.grade, comment: body.reason, createdAt: now },
    });
}

/** A whole sheet in one request, all or nothing: only peers, never oneself, never the same person twice. */
export async function savePeerAppraisals(
  db: Db,
  cycle: CycleRow,
  me: SessionMembership,
  myId: string,
  votes: { rateeId: string; grade: Grade; comment?: string | undefined }[],
) {
  const now = Date.now();
  assertWindow(cycle, "appraisal", now);
  const [members, mine] = await db.batch([
    branchMembers(db, cycle),
    db
      .select({ rateeId: evalVotes.rateeId })
      .from(evalVotes)
      .where(and(eq(evalVotes.cycleId, cycle.id), eq(evalVotes.raterId, myId))),
  ]);
  const peers = new Set(peersOf(cycle, members, me, myId).map((m) => m.id));
  const done = new Set(mine.map((v) => v.rateeId));
  const seen = new Set<string>();
  const problems: { path: string; code: string }[] = [];
  votes.forEach((v, i) => {
    if (v.rateeId === myId) problems.push({ path: `votes.${i}.rateeId`, code: "self" });
    else if (!peers.has(v.rateeId)) problems.push({ path: `votes.${i}.rateeId`, code: "not_a_peer" });
    else if (seen.has(v.rateeId)) problems.push({ path: `votes.${i}.rateeId`, code: "duplicate" });
    seen.add(v.rateeId);
  });
  if (problems.length) throw invalid("some grades cannot be given", problems);
  const twice = votes.filter((v) => done.has(v.rateeId)).map((v) => v.rateeId);
  if (twice.length) throw new ApiError(409, "already_rated", "you have already graded some of these members", twice);
  const rows = votes.map((v) => ({
    cycleId: cycle.id,
    raterId: myId,
    rateeId: v.rateeId,
    grade: v.grade,
    comment: v.comment?.trim() || null,
    createdAt: now,
  }));
  const [first, ...rest] = chunkedInserts(db, evalVotes, rows);
  await db.batch([first!, ...rest]);
  return { saved: rows.length };
}

/** Per rater: whether they self-appraised and how many peer grades they gave. Never leaves the server as rows. */
export function raterProgress(db: Db, cycle: CycleRow) {
  return db
    .select({
      raterId: evalVotes.raterId,
      self: sql<number>`max(${evalVotes.raterId} = ${evalVotes.rateeId})`,
      peers: sql<number>`sum(${evalVotes.raterId} <> ${evalVotes.rateeId})`,
    })
    .from(evalVotes)
    .where(eq(evalVotes.cycleId, cycle.id))
    .groupBy(evalVotes.raterId);
}

/** "n of m have submitted": the only thing about the ballot anyone but the voter may read while it is open. */
export function progressOf(
  members: { id: string }[],
  rows: Awaited<ReturnType<typeof raterProgress>>,
): { total: number; submitted: number; selfAppraised: number } {
  const ids = new Set(members.map((m) => m.id));
  const mine = rows.filter((r) => ids.has(r.raterId));
  return {
    total: ids.size,
    submitted: mine.filter((r) => r.peers > 0).length,
    selfAppraised: mine.filter((r) => r.self).length,
  };
}

/** Per ratee and grade, the number of peer votes and the self-grade; no rows at all unless `readable`. */
export function voteCounts(db: Db, cycle: CycleRow, readable: boolean) {
  return db
    .select({
      rateeId: evalVotes.rateeId,
      grade: evalVotes.grade,
      self: sql<number>`${evalVotes.raterId} = ${evalVotes.rateeId}`,
      n: sql<number>`count(*)`,
      selfReason: sql<
        string | null
      >`max(CASE WHEN ${evalVotes.raterId} = ${evalVotes.rateeId} THEN ${evalVotes.comment} END)`,
    })
    .from(evalVotes)
    .where(and(eq(evalVotes.cycleId, cycle.id), readable ? undefined : sql`0`))
    .groupBy(evalVotes.rateeId, evalVotes.grade, sql`${evalVotes.raterId} = ${evalVotes.rateeId}`);
}

type Counts = Record<Grade, number>;

/** The grades with the most peer votes (several on a tie; none without votes). */
function plurality(c: Counts): Grade[] {
  const max = Math.max(...GRADES.map((g) => c[g]));
  return max === 0 ? [] : GRADES.filter((g) => c[g] === max);
}

/** 民主测评 of one member: the distribution of peer grades (no voter, ever) and the self-grade. */
export function memberTally(rateeId: string, counts: Awaited<ReturnType<typeof voteCounts>>) {
  const dist: Counts = { excellent: 0, qualified: 0, basic: 0, unqualified: 0 };
  let self: { grade: Grade; reason: string | null } | null = null;
  for (const c of counts) {
    if (c.rateeId !== rateeId) continue;
    if (c.self) self = { grade: c.grade, reason: c.selfReason };
    else dist[c.grade] += c.n;
  }
  return { counts: dist, votes: GRADES.reduce((s, g) => s + dist[g], 0), plurality: plurality(dist), self };
}

/** The most 优秀 the branch may give without the higher committee's approval. */
export const quotaOf = (cycle: CycleRow, members: number) => Math.floor(members * cycle.settings.excellentQuota + 1e-9);

/** A member's own final grade and reason, shown once the cycle has closed and the results are locked. */
export async function myResult(db: Db, cycle: CycleRow, myId: string) {
  if (cycle.status !== "closed") return { locked: false as const, grade: null, reason: null };
  const [d] = await db
    .select({ grade: evalDecisions.grade, reason: evalDecisions.reason })
    .from(evalDecisions)
    .where(and(eq(evalDecisions.cycleId, cycle.id), eq(evalDecisions.memberId, myId)));
  return { locked: true as const, grade: d?.grade ?? null, reason: d?.reason ?? null };
}
