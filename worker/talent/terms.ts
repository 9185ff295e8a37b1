import { and, desc, eq, isNull, type SQL } from "drizzle-orm";
import { orgs, talentTerms, users } from "../../schema";
import type { TermGrade, TermKind } from "../../schema/talent/values";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError, invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeRange } from "../lib/paths";
import { dueNow } from "./advisors";
import { notFuture } from "./dates";

export interface TermInput {
  kind: TermKind;
  memberId: string;
  title: string;
  place?: "village" | "community" | "enterprise" | "frontline" | "hard" | undefined;
  host: string;
  duties: string;
  startsOn: string;
  endsOn: string;
}

const dayMs = (on: string) => Date.parse(`${on}T00:00:00+08:00`);

/**
 * A practice post or a rotating-advisor term, with its dates and duties. An advisor has no office
 * (无职党员), and a member holds one advisor term at a time.
 */
export async function openTerm(
  db: Db,
  actorId: string,
  branchId: string,
  t: TermInput,
  hasOffice: boolean,
  now: number,
) {
  if (t.endsOn <= t.startsOn) throw invalid("the term ends after it starts", [{ path: "endsOn", code: "too_small" }]);
  if (t.kind === "practice" && !t.place)
    throw invalid("say where the practice is", [{ path: "place", code: "invalid_value" }]);
  if (t.kind === "advisor") {
    if (hasOffice) throw new ApiError(409, "has_post", "rotating advisors are members without a post");
    const [open] = await db
      .select({ id: talentTerms.id })
      .from(talentTerms)
      .where(and(eq(talentTerms.memberId, t.memberId), eq(talentTerms.kind, "advisor"), isNull(talentTerms.closedOn)))
      .limit(1);
    if (open) throw new ApiError(409, "conflict", "this member already holds an advisor term");
  }
  const id = newId();
  const row = { id, ...t, place: t.kind === "practice" ? t.place! : null, orgId: branchId, assignedBy: actorId };
  // The branch's job closes and reminds of an advisor term too.
  await db.batch(
    t.kind === "advisor" ? [...termOpening(db, row, now), dueNow(db, branchId, now)] : termOpening(db, row, now),
  );
  return { id };
}

type TermRow = Omit<typeof talentTerms.$inferInsert, "createdAt"> & { id: string };

/** The statements that open a term: the row, its growth-archive event and the audit line. */
export function termOpening(db: Db, row: TermRow, now: number) {
  return [
    db.insert(talentTerms).values({ ...row, createdAt: now }),
    archiveInsert(
      db,
      {
        memberId: row.memberId,
        orgId: row.orgId,
        kind: "talent.term_opened",
        subjectType: "talent_term",
        subjectId: row.id,
        summary: { kind: row.kind, title: row.title, host: row.host, startsOn: row.startsOn, endsOn: row.endsOn },
        occurredAt: dayMs(row.startsOn),
        recordedBy: row.assignedBy,
      },
      now,
    ),
    auditInsert(
      db,
      {
        actorId: row.assignedBy,
        action: "talent_term_opened",
        entity: "talent_term",
        entityId: row.id,
        orgId: row.orgId,
      },
      now,
    ),
  ] as const;
}

export async function getTerm(db: Db, id: string) {
  const [row] = await db
    .select({ term: talentTerms, orgPath: orgs.path })
    .from(talentTerms)
    .innerJoin(orgs, eq(orgs.id, talentTerms.orgId))
    .where(eq(talentTerms.id, id))
    .limit(1);
  return row;
}
type LoadedTerm = NonNullable<Awaited<ReturnType<typeof getTerm>>>;

/** The host's assessment closes the term, once; the grade and words enter the growth archive. */
export async function closeTerm(
  db: Db,
  actorId: string,
  loaded: LoadedTerm,
  c: { on: string; grade: TermGrade; assessment: string },
  now: number,
) {
  const t = loaded.term;
  if (t.closedOn) throw new ApiError(409, "out_of_order", "this term is already closed", { closedOn: t.closedOn });
  notFuture(c.on, now);
  if (c.on < t.startsOn)
    throw new ApiError(422, "out_of_order", "a term closes after it starts", { startsOn: t.startsOn });
  // The host evaluates a practice post at its end.
  if (t.kind === "practice" && c.on < t.endsOn)
    throw new ApiError(422, "out_of_order", "the host evaluates at the end of the post", { endsOn: t.endsOn });
  const [res] = await db.batch([
    db
      .update(talentTerms)
      .set({ closedOn: c.on, closedBy: actorId, grade: c.grade, assessment: c.assessment })
      .where(and(eq(talentTerms.id, t.id), isNull(talentTerms.closedOn))),
    archiveInsert(
      db,
      {
        memberId: t.memberId,
        orgId: t.orgId,
        kind: "talent.term_closed",
        subjectType: "talent_term",
        subjectId: t.id,
        summary: { kind: t.kind, title: t.title, host: t.host, grade: c.grade, assessment: c.assessment },
        occurredAt: dayMs(c.on),
        recordedBy: actorId,
      },
      now,
    ),
    auditInsert(
      db,
      { actorId, action: "talent_term_closed", entity: "talent_term", entityId: t.id, orgId: t.orgId },
      now,
    ),
  ]);
  if ((res as { meta?: { changes?: number } }).meta?.changes === 0) {
    throw new ApiError(409, "out_of_order", "this term is already closed");
  }
  return { ok: true as const };
}

/** One query: a page of the terms under an org's subtree, newest first. */
export function listTerms(db: Db, orgPath: string, q: { kind?: TermKind | undefined; limit: number; offset: number }) {
  const filters: SQL[] = [subtreeRange(orgs.path, orgPath)];
  if (q.kind) filters.push(eq(talentTerms.kind, q.kind));
  return db
    .select({
      id: talentTerms.id,
      kind: talentTerms.kind,
      memberId: talentTerms.memberId,
      memberName: users.displayName,
      orgName: orgs.name,
      title: talentTerms.title,
      place: talentTerms.place,
      host: talentTerms.host,
      duties: talentTerms.duties,
      startsOn: talentTerms.startsOn,
      endsOn: talentTerms.endsOn,
      grade: talentTerms.grade,
      assessment: talentTerms.assessment,
      closedOn: talentTerms.closedOn,
    })
    .from(talentTerms)
    .innerJoin(orgs, eq(orgs.id, talentTerms.orgId))
    .innerJoin(users, eq(users.id, talentTerms.memberId))
    .where(and(...filters))
    .orderBy(desc(talentTerms.startsOn), desc(talentTerms.createdAt))
    .limit(q.limit + 1)
    .offset(q.offset);
}
