import { and, eq, exists, isNull, notExists, sql } from "drizzle-orm";
import { commendationNominees, commendationObjections, commendationRounds } from "../../schema";
import type { ObjectionOutcome } from "../../schema/commendations/values";
import { auditInsert } from "../lib/audit";
import { dayEnd, dayOf, dayStart } from "../lib/day";
import type { Db } from "../lib/db";
import { ApiError, invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { allMet, type Evidence, verdicts } from "./evidence";
import type { LoadedNominee, LoadedRound } from "./service";

const changed = (res: unknown) => (res as { meta?: { changes?: number } }).meta?.changes ?? 0;
const outOfOrder = (message: string) => new ApiError(409, "out_of_order", message);

/** Who is barred, and by which record: the product says why instead of taking the nomination. */
export function assertEligible(evidence: Evidence) {
  if (evidence.blocks.length)
    throw new ApiError(409, "not_eligible", "this person cannot be nominated", evidence.blocks);
}

export async function nominate(
  db: Db,
  actorId: string,
  loaded: LoadedRound,
  subject: { id: string; orgId: string },
  statement: string,
  now: number,
) {
  if (loaded.round.status !== "nominating") throw outOfOrder("nominations are closed");
  const id = newId();
  await db.batch([
    db.insert(commendationNominees).values({
      id,
      roundId: loaded.round.id,
      subjectId: subject.id,
      orgId: subject.orgId,
      statement,
      nominatedBy: actorId,
      nominatedAt: now,
    }),
    auditInsert(
      db,
      {
        actorId,
        action: "commendation_nominated",
        entity: "commendation_nominee",
        entityId: id,
        orgId: subject.orgId,
        detail: { roundId: loaded.round.id, subjectId: subject.id },
      },
      now,
    ),
  ]);
  return { id };
}

export interface DecisionInput {
  approve: boolean;
  reason?: string | undefined;
  quotaReason?: string | undefined;
}

/**
 * The committee's decision on one nominee. A decision that departs from the criteria (approving with
 * a criterion unmet or unknown, refusing one who meets them all) needs a written reason; an approval
 * beyond the quota needs its own. The quota holds under concurrency: the update counts the approvals
 * in the same statement.
 */
export async function decide(
  db: Db,
  actorId: string,
  loaded: LoadedNominee,
  evidence: Evidence,
  d: DecisionInput,
  now: number,
) {
  const { round, nominee } = loaded;
  if (round.status !== "nominating" || nominee.status !== "nominated")
    throw outOfOrder("this nominee is already decided");
  if (d.approve) assertEligible(evidence);
  const met = allMet(evidence);
  const departs = d.approve !== met;
  if (departs && !d.reason) {
    const concerned = evidence.criteria.filter((c) => (d.approve ? c.status !== "met" : c.status === "met"));
    throw new ApiError(
      422,
      "reason_required",
      "a decision that departs from the criteria needs a written reason",
      concerned.map((c) => ({ path: "reason", code: "required", key: c.key, status: c.status })),
    );
  }
  const overQuota = d.approve && loaded.approved >= round.quota;
  if (overQuota && !d.quotaReason)
    throw new ApiError(409, "quota_full", "the quota is filled: approving more needs a written reason", {
      quota: round.quota,
      approved: loaded.approved,
    });
  const withinQuota = d.quotaReason
    ? sql`1`
    : sql`(SELECT count(*) FROM commendation_nominees n WHERE n.round_id = ${round.id} AND n.status = 'approved') < ${round.quota}`;
  const [res] = await db.batch([
    db
      .update(commendationNominees)
      .set({
        status: d.approve ? "approved" : "refused",
        reason: departs ? d.reason : d.reason || null,
        quotaReason: overQuota ? d.quotaReason : null,
        evidence: verdicts(evidence),
        decidedBy: actorId,
        decidedAt: now,
      })
      .where(
        and(
          eq(commendationNominees.id, nominee.id),
          eq(commendationNominees.status, "nominated"),
          d.approve ? withinQuota : undefined,
        ),
      ),
    auditInsert(
      db,
      {
        actorId,
        action: d.approve ? "commendation_approved" : "commendation_refused",
        entity: "commendation_nominee",
        entityId: nominee.id,
        orgId: nominee.orgId,
        detail: { departs, overQuota, verdicts: verdicts(evidence) },
      },
      now,
    ),
  ]);
  if (!changed(res)) throw new ApiError(409, "quota_full", "the quota was filled meanwhile", { quota: round.quota });
  return { ok: true as const };
}

/** 公示: every nominee decided, at least one approved, a period from today or later, its last day included. */
export async function openNotice(
  db: Db,
  actorId: string,
  loaded: LoadedRound,
  startsOn: string,
  endsOn: string,
  now: number,
) {
  const r = loaded.round;
  if (r.status !== "nominating") throw outOfOrder("the notice is already open");
  if (startsOn < dayOf(now))
    throw invalid("the notice starts today or later", [{ path: "startsOn", code: "too_small" }]);
  if (endsOn < startsOn) throw invalid("the notice ends after it starts", [{ path: "endsOn", code: "too_small" }]);
  const pending = db
    .select({ id: commendationNominees.id })
    .from(commendationNominees)
    .where(and(eq(commendationNominees.roundId, r.id), eq(commendationNominees.status, "nominated")));
  const approved = db
    .select({ id: commendationNominees.id })
    .from(commendationNominees)
    .where(and(eq(commendationNominees.roundId, r.id), eq(commendationNominees.status, "approved")));
  const [res] = await db.batch([
    db
      .update(commendationRounds)
      .set({
        status: "notice",
        noticeStartsOn: startsOn,
        noticeEndsOn: endsOn,
        noticeStartsAt: dayStart(startsOn),
        noticeEndsAt: dayEnd(endsOn),
      })
      .where(
        and(
          eq(commendationRounds.id, r.id),
          eq(commendationRounds.status, "nominating"),
          notExists(pending),
          sql`EXISTS ${approved}`,
        ),
      ),
    auditInsert(
      db,
      {
        actorId,
        action: "commendation_notice_opened",
        entity: "commendation_round",
        entityId: r.id,
        orgId: r.orgId,
        detail: { startsOn, endsOn },
      },
      now,
    ),
  ]);
  if (!changed(res)) throw outOfOrder("decide every nominee, approving at least one, before the notice");
  return { ok: true as const };
}

const noticeRunning = (r: LoadedRound["round"], now: number) =>
  r.status === "notice" &&
  r.noticeStartsAt !== null &&
  r.noticeEndsAt !== null &&
  r.noticeStartsAt <= now &&
  now < r.noticeEndsAt;

export async function lodgeObjection(db: Db, actorId: string, loaded: LoadedNominee, text: string, now: number) {
  if (!noticeRunning(loaded.round, now))
    throw new ApiError(409, "outside_window", "objections are lodged during the public notice");
  if (loaded.nominee.status !== "approved") throw outOfOrder("only a nominee on the notice can be objected to");
  const id = newId();
  await db.batch([
    db.insert(commendationObjections).values({
      id,
      roundId: loaded.round.id,
      nomineeId: loaded.nominee.id,
      text,
      lodgedBy: actorId,
      lodgedAt: now,
    }),
    auditInsert(
      db,
      {
        actorId,
        action: "commendation_objection",
        entity: "commendation_objection",
        entityId: id,
        orgId: loaded.round.orgId,
      },
      now,
    ),
  ]);
  return { id };
}

/** The committee's answer; an objection upheld takes the approval back (withdrawn) in the same batch. */
export async function answerObjection(
  db: Db,
  actorId: string,
  objection: { id: string; nomineeId: string; answeredAt: number | null },
  loaded: LoadedNominee,
  a: { outcome: ObjectionOutcome; answer: string },
  now: number,
) {
  if (loaded.round.status !== "notice" || objection.answeredAt !== null) throw outOfOrder("this objection is answered");
  // Withdrawn only by the answer this batch wrote: a concurrent answer that won leaves the nominee alone.
  const thisAnswer = db
    .select({ id: commendationObjections.id })
    .from(commendationObjections)
    .where(
      and(
        eq(commendationObjections.id, objection.id),
        eq(commendationObjections.answeredBy, actorId),
        eq(commendationObjections.answeredAt, now),
      ),
    );
  const withdraw =
    a.outcome === "upheld"
      ? [
          db
            .update(commendationNominees)
            .set({ status: "withdrawn" })
            .where(
              and(
                eq(commendationNominees.id, objection.nomineeId),
                eq(commendationNominees.status, "approved"),
                exists(thisAnswer),
              ),
            ),
        ]
      : [];
  const [res] = await db.batch([
    db
      .update(commendationObjections)
      .set({ outcome: a.outcome, answer: a.answer, answeredBy: actorId, answeredAt: now })
      .where(and(eq(commendationObjections.id, objection.id), isNull(commendationObjections.answeredAt))),
    ...withdraw,
    auditInsert(
      db,
      {
        actorId,
        action: "commendation_objection_answered",
        entity: "commendation_objection",
        entityId: objection.id,
        orgId: loaded.round.orgId,
        detail: { outcome: a.outcome },
      },
      now,
    ),
  ]);
  if (!changed(res)) throw outOfOrder("this objection is answered");
  return { ok: true as const };
}
