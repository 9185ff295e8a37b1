import { and, eq, sql } from "drizzle-orm";
import { evalDecisions, evalVotes, memberships, orgs, users } from "../../schema";
import { GRADES, type Grade } from "../../schema/evaluations/values";
import type { SessionMembership } from "../auth";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
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

type Counts = Record<Grade, number>;
const zero = (): Counts => ({ excellent: 0, qualified: 0, basic: 0, unqualified: 0 });

/** The grades with the most peer votes (several on a tie; none without votes). */
export function plurality(c: Counts): Grade[] {
  const max = Math.max(...GRADES.map((g) => c[g]));
  return max === 0 ? [] : GRADES.filter((g) => c[g] === max);
}

/** 民主测评: per member the distribution of peer grades, the self-grade and the decision; voters only if allowed. */
export async function tally(db: Db, cycle: CycleRow) {
  const [members, counts, decisions, votes] = await db.batch([
    branchMembers(db, cycle),
    db
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
      .where(eq(evalVotes.cycleId, cycle.id))
      .groupBy(evalVotes.rateeId, evalVotes.grade, sql`${evalVotes.raterId} = ${evalVotes.rateeId}`),
    db.select().from(evalDecisions).where(eq(evalDecisions.cycleId, cycle.id)),
    db
      .select({
        raterId: evalVotes.raterId,
        rateeId: evalVotes.rateeId,
        grade: evalVotes.grade,
        comment: evalVotes.comment,
      })
      .from(evalVotes)
      .where(and(eq(evalVotes.cycleId, cycle.id), cycle.settings.showVoters ? sql`1` : sql`0`)),
  ]);
  const unique = [...new Map(members.map((m) => [m.id, m])).values()];
  const names = new Map(unique.map((m) => [m.id, m.displayName]));
  const rows = unique.map((m) => {
    const dist = zero();
    let self: { grade: Grade; reason: string | null } | null = null;
    for (const c of counts) {
      if (c.rateeId !== m.id) continue;
      if (c.self) self = { grade: c.grade, reason: c.selfReason };
      else dist[c.grade] += c.n;
    }
    const d = decisions.find((x) => x.memberId === m.id);
    return {
      memberId: m.id,
      displayName: m.displayName,
      counts: dist,
      votes: GRADES.reduce((s, g) => s + dist[g], 0),
      plurality: plurality(dist),
      self,
      decision: d ? { grade: d.grade, reason: d.reason, quotaOverride: d.quotaOverride } : null,
      voters: cycle.settings.showVoters
        ? votes
            .filter((v) => v.rateeId === m.id && v.raterId !== m.id)
            .map((v) => ({ rater: names.get(v.raterId) ?? v.raterId, grade: v.grade, comment: v.comment }))
        : undefined,
    };
  });
  const quota = Math.floor(unique.length * cycle.settings.excellentQuota + 1e-9);
  return {
    cycle: { id: cycle.id, name: cycle.name, label: cycle.label, windows: cycle.windows, status: cycle.status },
    settings: cycle.settings,
    quota,
    excellentDecided: decisions.filter((d) => d.grade === "excellent").length,
    members: rows,
  };
}

/**
 * The branch committee's decisions: the 优秀 quota holds unless overridden with a reason, and a grade
 * that differs from the vote's plurality carries a written reason (不以票取人). Each grade is archived.
 */
export async function decide(
  db: Db,
  actorId: string,
  cycle: CycleRow,
  body: {
    decisions: { memberId: string; grade: Grade; reason?: string | undefined }[];
    quotaOverride?: string | undefined;
  },
) {
  const now = Date.now();
  assertWindow(cycle, "decision", now);
  const t = await tally(db, cycle);
  const byId = new Map(t.members.map((m) => [m.memberId, m]));
  const problems: { path: string; code: string }[] = [];
  const seen = new Set<string>();
  body.decisions.forEach((d, i) => {
    const m = byId.get(d.memberId);
    if (!m) problems.push({ path: `decisions.${i}.memberId`, code: "not_a_member" });
    else if (seen.has(d.memberId)) problems.push({ path: `decisions.${i}.memberId`, code: "duplicate" });
    else if (m.plurality.length && !m.plurality.includes(d.grade) && !d.reason?.trim()) {
      problems.push({ path: `decisions.${i}.reason`, code: "reason_required" });
    }
    seen.add(d.memberId);
  });
  if (problems.length) throw invalid("some decisions need attention", problems);
  const final = new Map(t.members.filter((m) => m.decision).map((m) => [m.memberId, m.decision!.grade]));
  for (const d of body.decisions) final.set(d.memberId, d.grade);
  const excellent = [...final.values()].filter((g) => g === "excellent").length;
  const over = excellent > t.quota;
  if (over && !body.quotaOverride) {
    throw new ApiError(409, "quota_exceeded", `优秀 is limited to ${t.quota} of ${t.members.length} members`, {
      quota: t.quota,
      excellent,
    });
  }
  const rows = body.decisions.map((d) => ({
    cycleId: cycle.id,
    memberId: d.memberId,
    grade: d.grade,
    reason: d.reason?.trim() || null,
    quotaOverride: over ? body.quotaOverride! : null,
    decidedBy: actorId,
    decidedAt: now,
  }));
  // Seven columns a row: 14 rows keep each statement under D1's 100 bound parameters.
  const upserts = [];
  for (let i = 0; i < rows.length; i += 14) {
    upserts.push(
      db
        .insert(evalDecisions)
        .values(rows.slice(i, i + 14))
        .onConflictDoUpdate({
          target: [evalDecisions.cycleId, evalDecisions.memberId],
          set: {
            grade: sql`excluded.grade`,
            reason: sql`excluded.reason`,
            quotaOverride: sql`excluded.quota_override`,
            decidedBy: sql`excluded.decided_by`,
            decidedAt: sql`excluded.decided_at`,
          },
        }),
    );
  }
  await db.batch([
    upserts[0]!,
    ...upserts.slice(1),
    ...body.decisions.map((d) =>
      archiveInsert(
        db,
        {
          memberId: d.memberId,
          orgId: cycle.branchId,
          kind: "appraisal_grade",
          subjectType: "eval_cycle",
          subjectId: cycle.id,
          summary: { cycle: cycle.name, label: cycle.label, grade: d.grade, reason: d.reason?.trim() || null },
          recordedBy: actorId,
        },
        now,
      ),
    ),
    auditInsert(db, {
      actorId,
      action: over ? "eval_decided_over_quota" : "eval_decided",
      entity: "eval_cycle",
      entityId: cycle.id,
      orgId: cycle.branchId,
      detail: { count: body.decisions.length, excellent, quota: t.quota, override: over ? body.quotaOverride : null },
    }),
  ]);
  return { excellent, quota: t.quota };
}

/** A member's own final grade and reason, shown once the cycle has closed and the results are locked. */
export async function myResult(db: Db, cycle: CycleRow, myId: string) {
  if (cycle.status !== "closed") return { locked: false as const, grade: null, reason: null };
  const [d] = await db
    .select({ grade: evalDecisions.grade, reason: evalDecisions.reason })
    .from(evalDecisions)
    .where(and(eq(evalDecisions.cycleId, cycle.id), eq(evalDecisions.memberId, myId)));
  return { locked: true as const, grade: d?.grade ?? null, reason: d?.reason ?? null };
}
