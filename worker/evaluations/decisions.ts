import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { evalCycles, evalDecisions, evalQuotaOverrides, memberships, orgs, users } from "../../schema";
import type { Grade } from "../../schema/evaluations/values";
import type { SessionUser } from "../auth";
import { authorizePath, hasRoleOver } from "../auth";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { notifyStatements } from "../lib/notify";
import { ancestorPaths, parentPath } from "../lib/paths";
import { assertOpen, assertWindow, ballotsSealed, type CycleRow, MANAGERS } from "./access";
import {
  branchMembers,
  distinctMembers,
  memberTally,
  progressOf,
  quotaOf,
  raterProgress,
  voteCounts,
} from "./appraisals";
import { ruleError, ruleText, utcStamp } from "./rules";

// The branch committee's decisions (民主评议的支委会决定): nobody decides their own grade, decisions
// wait for the sealed ballot, and 优秀 beyond the quota needs the higher committee's approval.

/** Managers (secretary, admin) on the branch or an org above it, nearest org first: who may decide grades. */
function managersOf(db: Db, cycle: CycleRow) {
  return db
    .select({ id: users.id, displayName: users.displayName, role: memberships.role, orgName: orgs.name })
    .from(orgs)
    .innerJoin(
      memberships,
      and(eq(memberships.orgId, orgs.id), inArray(memberships.role, [...MANAGERS]), isNull(memberships.endedAt)),
    )
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(inArray(orgs.path, ancestorPaths(cycle.branchPath)))
    .orderBy(desc(orgs.path), users.displayName);
}

/** Admins of the orgs above the branch: the higher committee that answers quota requests. */
function higherAdmins(db: Db, cycle: CycleRow) {
  return db
    .select({ userId: memberships.userId })
    .from(orgs)
    .innerJoin(
      memberships,
      and(eq(memberships.orgId, orgs.id), eq(memberships.role, "admin"), isNull(memberships.endedAt)),
    )
    .where(inArray(orgs.path, ancestorPaths(parentPath(cycle.branchPath))));
}

const nameOf = (column: "requested_by" | "answered_by") =>
  sql<string | null>`(SELECT u.display_name FROM users u WHERE u.id = ${sql.raw(`eval_quota_overrides.${column}`)})`;

function overridesOf(db: Db, cycleId: string) {
  return db
    .select({
      id: evalQuotaOverrides.id,
      excellent: evalQuotaOverrides.excellent,
      reason: evalQuotaOverrides.reason,
      status: evalQuotaOverrides.status,
      requestedBy: evalQuotaOverrides.requestedBy,
      requestedAt: evalQuotaOverrides.requestedAt,
      requester: nameOf("requested_by"),
      answeredAt: evalQuotaOverrides.answeredAt,
      answerer: nameOf("answered_by"),
      answer: evalQuotaOverrides.answer,
    })
    .from(evalQuotaOverrides)
    .where(eq(evalQuotaOverrides.cycleId, cycleId))
    .orderBy(desc(evalQuotaOverrides.requestedAt), desc(evalQuotaOverrides.id));
}

/** Whether the user is on the higher committee of the cycle's branch (an admin on an org above it). */
const onHigherCommittee = (user: SessionUser, cycle: CycleRow) => {
  const up = parentPath(cycle.branchPath);
  return !!up && hasRoleOver(user, up, ["admin"]);
};

/**
 * The decision sheet, one round trip. While the ballot is sealed it says only "n of m have submitted"
 * (progress) and when the tally comes (releasesAt); the vote counts are not even read. After that, per
 * member the tally (never who voted), the decision, and who may decide it.
 */
export async function decisionSheet(db: Db, cycle: CycleRow, viewer: SessionUser, now: number) {
  const sealed = ballotsSealed(cycle, now);
  const [members, raters, decisions, managers, overrides, counts] = await db.batch([
    branchMembers(db, cycle),
    raterProgress(db, cycle),
    db.select().from(evalDecisions).where(eq(evalDecisions.cycleId, cycle.id)),
    managersOf(db, cycle),
    overridesOf(db, cycle.id),
    voteCounts(db, cycle, !sealed),
  ]);
  const unique = distinctMembers(members);
  const deciders = distinctMembers(managers);
  const names = new Map([...unique, ...deciders].map((m) => [m.id, m.displayName]));
  return {
    cycle: { id: cycle.id, name: cycle.name, label: cycle.label, windows: cycle.windows, status: cycle.status },
    settings: cycle.settings,
    released: !sealed,
    releasesAt: cycle.windows.appraisal?.closesAt ?? null,
    progress: progressOf(unique, raters),
    quota: quotaOf(cycle, unique.length),
    excellentDecided: decisions.filter((d) => d.grade === "excellent").length,
    deciders,
    overrides,
    mayAnswer: onHigherCommittee(viewer, cycle),
    members: unique.map((m) => {
      const d = decisions.find((x) => x.memberId === m.id);
      return {
        memberId: m.id,
        displayName: m.displayName,
        deciders: deciders.filter((x) => x.id !== m.id).map((x) => x.id),
        mayDecide: viewer.id !== m.id,
        decision: d
          ? {
              grade: d.grade,
              reason: d.reason,
              quotaOverride: d.quotaOverride,
              decidedBy: names.get(d.decidedBy) ?? null,
            }
          : null,
        tally: sealed ? null : memberTally(m.id, counts),
      };
    }),
  };
}

/**
 * Decisions of the branch committee, each archived. Refused: while the ballot is sealed; for one's own
 * grade (403, naming who may); a grade against the vote without a reason (不以票取人); 优秀 beyond the
 * quota without an approved request of the higher committee for at least that many.
 */
export async function decide(
  db: Db,
  actor: SessionUser,
  cycle: CycleRow,
  body: { decisions: { memberId: string; grade: Grade; reason?: string | undefined }[] },
) {
  const now = Date.now();
  assertWindow(cycle, "decision", now);
  const closesAt = cycle.windows.appraisal?.closesAt ?? 0;
  if (ballotsSealed(cycle, now))
    throw ruleError(actor, 409, "ballots_sealed", { at: utcStamp(closesAt) }, { closesAt });
  const t = await decisionSheet(db, cycle, actor, now);
  if (body.decisions.some((d) => d.memberId === actor.id)) {
    const others = t.deciders.filter((d) => d.id !== actor.id);
    throw ruleError(
      actor,
      403,
      "own_case",
      { name: actor.displayName, who: others.map((d) => d.displayName).join("、") || "—" },
      { rule: "own_case", memberId: actor.id, deciders: others },
    );
  }
  const byId = new Map(t.members.map((m) => [m.memberId, m]));
  const problems: { path: string; code: string }[] = [];
  const seen = new Set<string>();
  body.decisions.forEach((d, i) => {
    const m = byId.get(d.memberId);
    const votes = m?.tally?.plurality ?? [];
    if (!m) problems.push({ path: `decisions.${i}.memberId`, code: "not_a_member" });
    else if (seen.has(d.memberId)) problems.push({ path: `decisions.${i}.memberId`, code: "duplicate" });
    else if (votes.length && !votes.includes(d.grade) && !d.reason?.trim()) {
      problems.push({ path: `decisions.${i}.reason`, code: "reason_required" });
    }
    seen.add(d.memberId);
  });
  if (problems.length) throw invalid("some decisions need attention", problems);
  const final = new Map(t.members.filter((m) => m.decision).map((m) => [m.memberId, m.decision!.grade]));
  for (const d of body.decisions) final.set(d.memberId, d.grade);
  const excellent = [...final.values()].filter((g) => g === "excellent").length;
  const over = excellent > t.quota;
  const approved = t.overrides.find((o) => o.status === "approved" && o.excellent >= excellent);
  if (over && !approved) {
    const latest = t.overrides[0]?.status;
    const state = latest === "pending" ? "q_pending" : latest === "refused" ? "q_refused" : "q_none";
    const numbers = { quota: t.quota, total: t.members.length, excellent };
    throw ruleError(
      actor,
      409,
      "quota_exceeded",
      { ...numbers, state: ruleText(actor.locale, state) },
      { ...numbers, override: latest ?? null },
    );
  }
  const override = over ? approved! : null;
  const rows = body.decisions.map((d) => ({
    cycleId: cycle.id,
    memberId: d.memberId,
    grade: d.grade,
    reason: d.reason?.trim() || null,
    quotaOverride: override?.reason ?? null,
    decidedBy: actor.id,
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
          recordedBy: actor.id,
        },
        now,
      ),
    ),
    auditInsert(db, {
      actorId: actor.id,
      action: over ? "eval_decided_over_quota" : "eval_decided",
      entity: "eval_cycle",
      entityId: cycle.id,
      orgId: cycle.branchId,
      detail: { count: body.decisions.length, excellent, quota: t.quota, override: override?.id ?? null },
    }),
  ]);
  return { excellent, quota: t.quota };
}

/** The branch asks the higher committee for more 优秀 than the quota, with a reason; its admins are told. */
export async function requestOverride(
  db: Db,
  actor: SessionUser,
  cycle: CycleRow,
  body: { excellent: number; reason: string },
) {
  const now = Date.now();
  assertOpen(cycle, now);
  const [members, pending, admins] = await db.batch([
    branchMembers(db, cycle),
    db
      .select({ id: evalQuotaOverrides.id })
      .from(evalQuotaOverrides)
      .where(and(eq(evalQuotaOverrides.cycleId, cycle.id), eq(evalQuotaOverrides.status, "pending"))),
    higherAdmins(db, cycle),
  ]);
  const total = distinctMembers(members).length;
  const quota = quotaOf(cycle, total);
  if (body.excellent <= quota || body.excellent > total) {
    throw invalid(`more than ${quota} and at most ${total}`, [
      { path: "excellent", code: body.excellent <= quota ? "within_quota" : "too_many" },
    ]);
  }
  if (pending.length) throw ruleError(actor, 409, "override_pending", {}, { id: pending[0]!.id });
  const id = newId();
  const to = [...new Set(admins.map((a) => a.userId))].filter((u) => u !== actor.id);
  const params = { cycleId: cycle.id, cycle: cycle.name, label: cycle.label, excellent: body.excellent, quota };
  await db.batch([
    db.insert(evalQuotaOverrides).values({
      id,
      cycleId: cycle.id,
      excellent: body.excellent,
      reason: body.reason,
      requestedBy: actor.id,
      requestedAt: now,
    }),
    auditInsert(db, {
      actorId: actor.id,
      action: "eval_quota_override_requested",
      entity: "eval_cycle",
      entityId: cycle.id,
      orgId: cycle.branchId,
      detail: { override: id, excellent: body.excellent, quota },
    }),
    ...notifyStatements(
      db,
      to.map((userId) => ({
        userId,
        key: `override:${id}`,
        kind: "override_requested" as const,
        params,
        link: `/evaluations/cycle/${cycle.id}`,
      })),
      now,
    ),
  ]);
  return { id, status: "pending" as const };
}

/** An admin of the higher committee, never the requester, approves or refuses a pending request. */
export async function answerOverride(
  db: Db,
  actor: SessionUser,
  overrideId: string,
  body: { approve: boolean; answer?: string | undefined },
) {
  const now = Date.now();
  const [row] = await db
    .select({ o: evalQuotaOverrides, cycle: evalCycles })
    .from(evalQuotaOverrides)
    .innerJoin(evalCycles, eq(evalCycles.id, evalQuotaOverrides.cycleId))
    .where(eq(evalQuotaOverrides.id, overrideId));
  if (!row) throw notFound("override");
  const { o, cycle } = row;
  authorizePath(actor, cycle.branchPath, MANAGERS, "override");
  if (!onHigherCommittee(actor, cycle)) throw ruleError(actor, 403, "higher_committee_only");
  if (o.requestedBy === actor.id) throw ruleError(actor, 403, "own_request");
  if (o.status !== "pending") throw ruleError(actor, 409, "override_answered", {}, { status: o.status });
  assertOpen(cycle, now);
  const status = body.approve ? ("approved" as const) : ("refused" as const);
  await db.batch([
    db
      .update(evalQuotaOverrides)
      .set({ status, answeredBy: actor.id, answeredAt: now, answer: body.answer?.trim() || null })
      .where(and(eq(evalQuotaOverrides.id, o.id), eq(evalQuotaOverrides.status, "pending"))),
    auditInsert(db, {
      actorId: actor.id,
      action: `eval_quota_override_${status}`,
      entity: "eval_cycle",
      entityId: cycle.id,
      orgId: cycle.branchId,
      detail: { override: o.id, excellent: o.excellent },
    }),
    ...notifyStatements(
      db,
      [
        {
          userId: o.requestedBy,
          key: `override:${o.id}:answer`,
          kind: "override_answered",
          params: { cycleId: cycle.id, cycle: cycle.name, label: cycle.label, excellent: o.excellent, status },
          link: `/evaluations/cycle/${cycle.id}`,
        },
      ],
      now,
    ),
  ]);
  return { status };
}
