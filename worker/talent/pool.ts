import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { orgs, talentNominees, talentReserves, talentSteps, users } from "../../schema";
import type { ArchiveKind } from "../../schema/archives/kinds";
import type { NominationSource, ReserveStatus, ReserveTrack, StepKind } from "../../schema/talent/values";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import { addMonths } from "../lib/day";
import type { Db } from "../lib/db";
import { ApiError, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeRange } from "../lib/paths";
import { notFuture } from "./dates";
import { evidenceOf } from "./evidence";
import { checkPlanItems, type PlanItem, planItemWrites } from "./plans";
import { currentRule, getRule } from "./rules";

/** The person's name: a member's account, or the nominee record of a non-member of standing. */
const personName = sql<string>`coalesce(${users.displayName}, ${talentNominees.name})`;

export async function getReserve(db: Db, id: string) {
  const [row] = await db
    .select({
      reserve: talentReserves,
      orgPath: orgs.path,
      memberName: personName,
      // Not talentNominees.id: a second "id" column would collide inside db.batch.
      nominee: { standing: talentNominees.standing, contact: talentNominees.contact },
    })
    .from(talentReserves)
    .innerJoin(orgs, eq(orgs.id, talentReserves.orgId))
    .leftJoin(users, eq(users.id, talentReserves.memberId))
    .leftJoin(talentNominees, eq(talentNominees.id, talentReserves.memberId))
    .where(eq(talentReserves.id, id))
    .limit(1);
  return row;
}
export type LoadedReserve = NonNullable<Awaited<ReturnType<typeof getReserve>>>;

/** Steps recorded from a masses nomination link name no actor. */
const MASSES_ACTOR = "masses";

interface Subject {
  id: string;
  memberId: string;
  orgId: string;
  // A non-member of standing has no growth archive: their steps and the audit keep the record.
  account: boolean;
}

const subjectOf = (l: LoadedReserve): Subject => ({ ...l.reserve, account: l.nominee === null });

/** One step, written with its dated archive event (for a member) and audit row. */
export function stepWrites(
  db: Db,
  r: Subject,
  kind: StepKind,
  on: string,
  detail: Record<string, unknown>,
  actorId: string | null,
  now: number,
) {
  const stepId = newId();
  const step = db
    .insert(talentSteps)
    .values({ id: stepId, reserveId: r.id, kind, on, detail, actorId: actorId ?? MASSES_ACTOR, createdAt: now });
  const audit = auditInsert(
    db,
    { actorId, action: `talent_${kind}`, entity: "talent_reserve", entityId: r.id, orgId: r.orgId },
    now,
  );
  if (!r.account) return [step, audit] as const;
  return [
    step,
    archiveInsert(
      db,
      {
        memberId: r.memberId,
        orgId: r.orgId,
        kind: `talent.${kind}` as ArchiveKind,
        subjectType: "talent_reserve",
        subjectId: r.id,
        summary: { on, ...detail },
        occurredAt: Date.parse(`${on}T00:00:00+08:00`),
        recordedBy: actorId,
      },
      now,
    ),
    audit,
  ] as const;
}

const changed = (res: unknown) => (res as { meta?: { changes?: number } }).meta?.changes !== 0;

export interface Nomination {
  memberId: string;
  track: ReserveTrack;
  source: NominationSource;
  reason: string;
  on: string;
}

/**
 * 拉网式: anyone in the branch may put a name forward. A name already in the pool gets the
 * recommendation added to its entry, and the answer is the same either way, so a nomination
 * tells the nominator nothing about who is in the pool.
 */
export async function nominate(db: Db, actorId: string, branchId: string, n: Nomination, now: number) {
  notFuture(n.on, now);
  const [live] = await db
    .select({ id: talentReserves.id, orgId: talentReserves.orgId })
    .from(talentReserves)
    .where(and(eq(talentReserves.memberId, n.memberId), inArray(talentReserves.status, ["nominated", "admitted"])))
    .limit(1);
  const detail = { track: n.track, source: n.source, reason: n.reason };
  if (live) {
    await db.batch([
      ...stepWrites(
        db,
        { id: live.id, memberId: n.memberId, orgId: live.orgId, account: true },
        "nominated",
        n.on,
        detail,
        actorId,
        now,
      ),
    ]);
    return { id: live.id };
  }
  const id = newId();
  const r = { id, memberId: n.memberId, orgId: branchId, account: true };
  await db.batch([
    db.insert(talentReserves).values({
      ...r,
      track: n.track,
      source: n.source,
      status: "nominated",
      lastOn: n.on,
      createdAt: now,
    }),
    ...stepWrites(db, r, "nominated", n.on, detail, actorId, now),
  ]);
  return { id };
}

/** The only moves there are; anything else is out of order. */
function mustFollow(loaded: LoadedReserve, statuses: readonly ReserveStatus[], on: string, now: number) {
  const r = loaded.reserve;
  if (!statuses.includes(r.status)) {
    throw new ApiError(409, "out_of_order", "this step does not follow the entry's current state", {
      status: r.status,
    });
  }
  notFuture(on, now);
  if (on < r.lastOn) {
    throw new ApiError(422, "out_of_order", "a step cannot be dated before the entry's last step", {
      lastOn: r.lastOn,
    });
  }
}

/** The conditional move: only from the state and date read, so two deciders racing make one decision. */
function move(db: Db, loaded: LoadedReserve, set: Partial<typeof talentReserves.$inferInsert>) {
  const r = loaded.reserve;
  return db
    .update(talentReserves)
    .set(set)
    .where(and(eq(talentReserves.id, r.id), eq(talentReserves.status, r.status), eq(talentReserves.lastOn, r.lastOn)));
}

async function commit(db: Db, writes: Parameters<Db["batch"]>[0]) {
  const [res] = await db.batch(writes);
  if (!changed(res)) throw new ApiError(409, "out_of_order", "someone else moved this entry first");
}

export interface Assessment {
  decision: "admit" | "refuse";
  on: string;
  criteria: { key: string; met: boolean; evidence: string }[];
  negatives: { key: string; hit: boolean }[];
  reason: string;
}

/**
 * Entry by the committee against the branch's current rules. Admission needs every criterion met with
 * evidence and no item of the negative list; the answers and the rules' version are kept with the step,
 * so a later version of the rules never rewrites this decision.
 */
export async function assess(db: Db, actorId: string, loaded: LoadedReserve, a: Assessment, now: number) {
  mustFollow(loaded, ["nominated"], a.on, now);
  const [rule, evidence] = await Promise.all([
    currentRule(db, loaded.orgPath),
    loaded.nominee ? null : evidenceOf(db, loaded.reserve.memberId, now),
  ]);
  const answered = new Map(a.criteria.map((c) => [c.key, c]));
  const hits = new Map(a.negatives.map((n) => [n.key, n.hit]));
  const missing = [
    ...rule.body.criteria
      .filter((c) => !answered.has(c.key))
      .map((c) => ({ path: `criteria.${c.key}`, code: "invalid_value" })),
    ...rule.body.negatives
      .filter((n) => !hits.has(n.key))
      .map((n) => ({ path: `negatives.${n.key}`, code: "invalid_value" })),
  ];
  if (missing.length) throw invalid("answer every criterion and every item of the negative list", missing);
  if (a.decision === "admit") {
    const unmet = rule.body.criteria.filter((c) => !answered.get(c.key)?.met || !answered.get(c.key)?.evidence);
    if (unmet.length) {
      throw new ApiError(
        422,
        "criteria_unmet",
        "the standard is not met",
        unmet.map((c) => ({ key: c.key, label: c.label })),
      );
    }
    const barred = rule.body.negatives.filter((n) => hits.get(n.key));
    if (barred.length) {
      throw new ApiError(
        422,
        "negative_listed",
        "an item of the negative list bars entry",
        barred.map((n) => ({ key: n.key, label: n.label })),
      );
    }
  }
  const admitted = a.decision === "admit";
  const detail = {
    rule: { id: rule.id, version: rule.version, standard: rule.body.standard, source: rule.body.source },
    criteria: rule.body.criteria.map((c) => ({
      ...c,
      met: answered.get(c.key)!.met,
      evidence: answered.get(c.key)!.evidence,
    })),
    negatives: rule.body.negatives.filter((n) => hits.get(n.key)),
    reason: a.reason,
    // The records as they stood at the decision: a later appraisal or course never rewrites it.
    evidence,
  };
  const r = subjectOf(loaded);
  await commit(db, [
    move(db, loaded, {
      status: admitted ? "admitted" : "refused",
      ruleId: rule.id,
      lastOn: a.on,
      reviewDueOn: admitted ? addMonths(a.on, rule.body.reviewMonths) : null,
    }),
    ...stepWrites(db, r, admitted ? "admitted" : "refused", a.on, detail, actorId, now),
  ]);
  return { status: admitted ? ("admitted" as const) : ("refused" as const) };
}

export interface Plan {
  on: string;
  mentorIds: string[];
  items: PlanItem[];
}

/** A mentor and a cultivation plan; a new plan replaces the current one, the old stays in the steps. */
export async function plan(
  db: Db,
  actorId: string,
  loaded: LoadedReserve,
  p: Plan,
  mentorNames: string[],
  now: number,
) {
  mustFollow(loaded, ["admitted"], p.on, now);
  await checkPlanItems(db, loaded, p.items);
  await commit(db, [
    move(db, loaded, { mentorIds: p.mentorIds, lastOn: p.on }),
    ...planItemWrites(db, loaded.reserve.id, p.items, now),
    ...stepWrites(db, subjectOf(loaded), "planned", p.on, { mentors: mentorNames, items: p.items }, actorId, now),
  ]);
  return { ok: true as const };
}

export interface Review {
  on: string;
  outcome: "stay" | "use" | "exit";
  note: string;
  post?: string | undefined;
}

/** 定期调整: stay (next review due by the entry's rules), use (appointed to a post) or exit with the reason. */
export async function review(db: Db, actorId: string, loaded: LoadedReserve, rv: Review, now: number) {
  mustFollow(loaded, ["admitted"], rv.on, now);
  if (rv.outcome === "use" && !rv.post) throw invalid("name the post", [{ path: "post", code: "invalid_value" }]);
  const rule = await getRule(db, loaded.reserve.ruleId);
  const r = subjectOf(loaded);
  const writes =
    rv.outcome === "stay"
      ? [
          move(db, loaded, { lastOn: rv.on, reviewDueOn: addMonths(rv.on, rule.body.reviewMonths) }),
          ...stepWrites(db, r, "reviewed", rv.on, { outcome: "stay", note: rv.note }, actorId, now),
        ]
      : rv.outcome === "use"
        ? [
            move(db, loaded, { status: "used", lastOn: rv.on, reviewDueOn: null }),
            ...stepWrites(db, r, "used", rv.on, { post: rv.post, note: rv.note }, actorId, now),
          ]
        : [
            move(db, loaded, { status: "exited", lastOn: rv.on, reviewDueOn: null }),
            ...stepWrites(db, r, "exited", rv.on, { reason: rv.note }, actorId, now),
          ];
  await commit(db, writes as unknown as Parameters<Db["batch"]>[0]);
  return { status: rv.outcome === "stay" ? "admitted" : rv.outcome === "use" ? "used" : "exited" };
}

/** A correction is a new step naming the step it corrects; nothing is rewritten or deleted. */
export async function correct(
  db: Db,
  actorId: string,
  loaded: LoadedReserve,
  c: { stepId: string; on: string; note: string },
  now: number,
) {
  notFuture(c.on, now);
  const [step] = await db
    .select({ id: talentSteps.id, kind: talentSteps.kind })
    .from(talentSteps)
    .where(and(eq(talentSteps.id, c.stepId), eq(talentSteps.reserveId, loaded.reserve.id)));
  if (!step) throw notFound("step");
  await db.batch([
    ...stepWrites(
      db,
      subjectOf(loaded),
      "corrected",
      c.on,
      { stepId: step.id, stepKind: step.kind, note: c.note },
      actorId,
      now,
    ),
  ]);
  return { ok: true as const };
}

/** One query: the entry's history, oldest first, with who recorded each step. */
export const stepsOf = (db: Db, reserveId: string) =>
  db
    .select({
      id: talentSteps.id,
      kind: talentSteps.kind,
      on: talentSteps.on,
      detail: talentSteps.detail,
      actorName: users.displayName,
      createdAt: talentSteps.createdAt,
    })
    .from(talentSteps)
    .leftJoin(users, eq(users.id, talentSteps.actorId))
    .where(eq(talentSteps.reserveId, reserveId))
    .orderBy(asc(talentSteps.createdAt), asc(talentSteps.id));

interface ListQuery {
  status?: ReserveStatus | undefined;
  track?: ReserveTrack | undefined;
  limit: number;
  offset: number;
}

/** One query: a page of the pool under an org's subtree, by name (no ranking). */
export function listReserves(db: Db, orgPath: string, q: ListQuery) {
  const filters: SQL[] = [subtreeRange(orgs.path, orgPath)];
  if (q.status) filters.push(eq(talentReserves.status, q.status));
  if (q.track) filters.push(eq(talentReserves.track, q.track));
  return db
    .select({
      id: talentReserves.id,
      memberId: talentReserves.memberId,
      memberName: personName,
      orgId: talentReserves.orgId,
      orgName: orgs.name,
      track: talentReserves.track,
      source: talentReserves.source,
      status: talentReserves.status,
      lastOn: talentReserves.lastOn,
      reviewDueOn: talentReserves.reviewDueOn,
    })
    .from(talentReserves)
    .innerJoin(orgs, eq(orgs.id, talentReserves.orgId))
    .leftJoin(users, eq(users.id, talentReserves.memberId))
    .leftJoin(talentNominees, eq(talentNominees.id, talentReserves.memberId))
    .where(and(...filters))
    .orderBy(asc(orgs.name), asc(personName), desc(talentReserves.createdAt))
    .limit(q.limit + 1)
    .offset(q.offset);
}
