import { and, asc, desc, eq, gte, inArray, isNull, lt } from "drizzle-orm";
import {
  archiveEvents,
  memberships,
  orgs,
  talentCandidates,
  talentReserves,
  talentSelections,
  users,
} from "../../schema";
import type { SelectionChannel } from "../../schema/talent/values";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeRange } from "../lib/paths";
import { notFuture } from "./dates";
import { currentRule, getRule } from "./rules";
import { reviewsOf } from "./secretary-reviews";

const dayMs = (on: string) => Date.parse(`${on}T00:00:00+08:00`);

export async function openSelection(
  db: Db,
  actorId: string,
  branch: { id: string; path: string },
  on: string,
  now: number,
) {
  notFuture(on, now);
  const rule = await currentRule(db, branch.path);
  const id = newId();
  await db.batch([
    db
      .insert(talentSelections)
      .values({ id, orgId: branch.id, ruleId: rule.id, openedOn: on, openedBy: actorId, createdAt: now }),
    auditInsert(
      db,
      { actorId, action: "talent_selection_opened", entity: "talent_selection", entityId: id, orgId: branch.id },
      now,
    ),
  ]);
  return { id };
}

export async function getSelection(db: Db, id: string) {
  const [row] = await db
    .select({ selection: talentSelections, orgPath: orgs.path, orgName: orgs.name })
    .from(talentSelections)
    .innerJoin(orgs, eq(orgs.id, talentSelections.orgId))
    .where(eq(talentSelections.id, id))
    .limit(1);
  return row;
}
type LoadedSelection = NonNullable<Awaited<ReturnType<typeof getSelection>>>;

function stillOpen(loaded: LoadedSelection) {
  if (loaded.selection.decidedOn) throw new ApiError(409, "out_of_order", "this selection is already decided");
}

/**
 * A candidate with the channel they come from and evidence for every criterion of the selection's
 * rules. One from the reserve pool must be admitted to it.
 */
export async function addCandidate(
  db: Db,
  actorId: string,
  loaded: LoadedSelection,
  c: { memberId: string; channel: SelectionChannel; evidence: { key: string; text: string }[] },
  now: number,
) {
  stillOpen(loaded);
  const rule = await getRule(db, loaded.selection.ruleId);
  const given = new Map(c.evidence.map((e) => [e.key, e.text]));
  const missing = rule.body.criteria.filter((k) => !given.get(k.key));
  if (missing.length) {
    throw new ApiError(
      422,
      "criteria_unmet",
      "give evidence for every criterion",
      missing.map((k) => ({ key: k.key, label: k.label })),
    );
  }
  if (c.channel === "reserve_pool") {
    const [inPool] = await db
      .select({ id: talentReserves.id })
      .from(talentReserves)
      .where(and(eq(talentReserves.memberId, c.memberId), eq(talentReserves.status, "admitted")))
      .limit(1);
    if (!inPool) throw invalid("this person is not in the reserve pool", [{ path: "channel", code: "invalid_value" }]);
  }
  const evidence = Object.fromEntries(rule.body.criteria.map((k) => [k.key, given.get(k.key)!]));
  const id = newId();
  await db.insert(talentCandidates).values({
    id,
    selectionId: loaded.selection.id,
    memberId: c.memberId,
    channel: c.channel,
    evidence,
    addedBy: actorId,
    createdAt: now,
  });
  return { id };
}

export interface Decision {
  candidateId: string;
  on: string;
  reason: string;
  duties: string;
  termStartsOn: string;
  termEndsOn: string;
}

/**
 * The higher committee chooses one candidate with its reason; the appointment grants the secretary
 * role on the branch, dated, audited and in the archive, in the same batch. No candidate decides.
 */
export async function decide(db: Db, actorId: string, loaded: LoadedSelection, d: Decision, now: number) {
  stillOpen(loaded);
  notFuture(d.on, now);
  if (d.on < loaded.selection.openedOn) throw new ApiError(422, "out_of_order", "decided before it was opened");
  if (d.termEndsOn <= d.termStartsOn)
    throw invalid("the term ends after it starts", [{ path: "termEndsOn", code: "too_small" }]);
  const s = loaded.selection;
  const candidates = await db
    .select({
      id: talentCandidates.id,
      memberId: talentCandidates.memberId,
      channel: talentCandidates.channel,
      role: memberships.role,
    })
    .from(talentCandidates)
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, talentCandidates.memberId),
        eq(memberships.orgId, s.orgId),
        eq(memberships.role, "secretary"),
        isNull(memberships.endedAt),
      ),
    )
    .where(eq(talentCandidates.selectionId, s.id));
  if (candidates.some((c) => c.memberId === actorId))
    throw new ApiError(403, "own_case", "a candidate does not decide");
  const chosen = candidates.find((c) => c.id === d.candidateId);
  if (!chosen) throw notFound("candidate");
  const grant = chosen.role
    ? []
    : [
        db
          .insert(memberships)
          .values({ id: newId(), userId: chosen.memberId, orgId: s.orgId, role: "secretary", startedAt: now }),
        archiveInsert(
          db,
          {
            memberId: chosen.memberId,
            orgId: s.orgId,
            kind: "role_granted",
            summary: { role: "secretary", orgName: loaded.orgName },
            recordedBy: actorId,
          },
          now,
        ),
      ];
  const [res] = await db.batch([
    db
      .update(talentSelections)
      .set({
        chosenId: chosen.id,
        reason: d.reason,
        duties: d.duties,
        termStartsOn: d.termStartsOn,
        termEndsOn: d.termEndsOn,
        decidedOn: d.on,
        decidedBy: actorId,
      })
      .where(and(eq(talentSelections.id, s.id), isNull(talentSelections.decidedOn))),
    archiveInsert(
      db,
      {
        memberId: chosen.memberId,
        orgId: s.orgId,
        kind: "talent.secretary_chosen",
        subjectType: "talent_selection",
        subjectId: s.id,
        summary: {
          orgName: loaded.orgName,
          channel: chosen.channel,
          reason: d.reason,
          termStartsOn: d.termStartsOn,
          termEndsOn: d.termEndsOn,
        },
        occurredAt: dayMs(d.on),
        recordedBy: actorId,
      },
      now,
    ),
    ...grant,
    auditInsert(
      db,
      {
        actorId,
        action: "talent_secretary_chosen",
        entity: "talent_selection",
        entityId: s.id,
        orgId: s.orgId,
        detail: { memberId: chosen.memberId },
      },
      now,
    ),
  ]);
  if ((res as { meta?: { changes?: number } }).meta?.changes === 0)
    throw new ApiError(409, "out_of_order", "this selection is already decided");
  return { ok: true as const };
}

/** The kinds that make a secretary's 绩: what the platform's evaluations already decided. */
const RESULT_KINDS = ["appraisal_grade", "vanguard", "talent.term_closed"] as const;

/**
 * At most four queries: the selection's candidates, its rules and, once decided, the chosen secretary's results during
 * the term as the evaluations recorded them in the growth archive (read, never copied).
 */
export async function selectionDetail(db: Db, loaded: LoadedSelection) {
  const s = loaded.selection;
  const candidatesQ = db
    .select({
      id: talentCandidates.id,
      memberId: talentCandidates.memberId,
      memberName: users.displayName,
      channel: talentCandidates.channel,
      evidence: talentCandidates.evidence,
    })
    .from(talentCandidates)
    .innerJoin(users, eq(users.id, talentCandidates.memberId))
    .where(eq(talentCandidates.selectionId, s.id))
    .orderBy(asc(talentCandidates.createdAt));
  const [candidates, rule, reviews] = await Promise.all([candidatesQ, getRule(db, s.ruleId), reviewsOf(db, s.id)]);
  let results: { kind: string; summary: Record<string, unknown>; occurredAt: number }[] = [];
  const memberId = candidates.find((c) => c.id === s.chosenId)?.memberId;
  if (memberId && s.termStartsOn && s.termEndsOn) {
    results = await db
      .select({ kind: archiveEvents.kind, summary: archiveEvents.summary, occurredAt: archiveEvents.occurredAt })
      .from(archiveEvents)
      .where(
        and(
          eq(archiveEvents.memberId, memberId),
          inArray(archiveEvents.kind, [...RESULT_KINDS]),
          gte(archiveEvents.occurredAt, dayMs(s.termStartsOn)),
          lt(archiveEvents.occurredAt, dayMs(s.termEndsOn) + 86_400_000),
        ),
      )
      .orderBy(desc(archiveEvents.occurredAt));
  }
  return {
    ...s,
    orgName: loaded.orgName,
    rule: {
      version: rule.version,
      standard: rule.body.standard,
      source: rule.body.source,
      criteria: rule.body.criteria,
    },
    candidates,
    results,
    reviews,
  };
}

/** One query: the selections of a subtree, newest first. */
export function listSelections(db: Db, orgPath: string) {
  return db
    .select({
      id: talentSelections.id,
      orgId: talentSelections.orgId,
      orgName: orgs.name,
      openedOn: talentSelections.openedOn,
      decidedOn: talentSelections.decidedOn,
    })
    .from(talentSelections)
    .innerJoin(orgs, eq(orgs.id, talentSelections.orgId))
    .where(subtreeRange(orgs.path, orgPath))
    .orderBy(desc(talentSelections.createdAt))
    .limit(100);
}
