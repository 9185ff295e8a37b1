import { asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { commendationNominees, commendationObjections, commendationRounds, orgs, users } from "../../schema";
import type { CommendationKind, CommendationTarget, Criteria } from "../../schema/commendations/values";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { newId } from "../lib/ids";
import { pathIds, subtreeRange } from "../lib/paths";

export interface RoundInput {
  name: string;
  kind: CommendationKind;
  target: CommendationTarget;
  year: number;
  quota: number;
  criteria: Criteria;
}

export async function createRound(db: Db, actorId: string, org: { id: string }, input: RoundInput, now: number) {
  const id = newId();
  await db.batch([
    db.insert(commendationRounds).values({ id, orgId: org.id, ...input, createdBy: actorId, createdAt: now }),
    auditInsert(
      db,
      {
        actorId,
        action: "commendation_round_opened",
        entity: "commendation_round",
        entityId: id,
        orgId: org.id,
        detail: input,
      },
      now,
    ),
  ]);
  return { id };
}

/** One query: the rounds an org takes part in (run by it or a committee above) and those run inside its subtree. */
export function listRounds(db: Db, org: { path: string }) {
  return db
    .select({
      id: commendationRounds.id,
      name: commendationRounds.name,
      kind: commendationRounds.kind,
      target: commendationRounds.target,
      year: commendationRounds.year,
      quota: commendationRounds.quota,
      status: commendationRounds.status,
      noticeStartsOn: commendationRounds.noticeStartsOn,
      noticeEndsOn: commendationRounds.noticeEndsOn,
      orgName: orgs.name,
    })
    .from(commendationRounds)
    .innerJoin(orgs, eq(orgs.id, commendationRounds.orgId))
    .where(or(inArray(commendationRounds.orgId, pathIds(org.path)), subtreeRange(orgs.path, org.path)))
    .orderBy(desc(commendationRounds.createdAt))
    .limit(100);
}

export async function getRound(db: Db, id: string) {
  const [row] = await db
    .select({ round: commendationRounds, orgPath: orgs.path, orgName: orgs.name })
    .from(commendationRounds)
    .innerJoin(orgs, eq(orgs.id, commendationRounds.orgId))
    .where(eq(commendationRounds.id, id))
    .limit(1);
  return row;
}
export type LoadedRound = NonNullable<Awaited<ReturnType<typeof getRound>>>;

/**
 * The nominees of a round by branch and name (never by any score), with the member's or branch's name.
 * Counts of approved nominees and open objections ride along for the quota and the finalising checks.
 */
function nomineesQuery(db: Db, roundId: string) {
  return db
    .select({
      id: commendationNominees.id,
      subjectId: commendationNominees.subjectId,
      name: sql<string>`coalesce(${users.displayName}, ${orgs.name})`.as("subject_name"),
      orgId: commendationNominees.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      statement: commendationNominees.statement,
      status: commendationNominees.status,
      reason: commendationNominees.reason,
      quotaReason: commendationNominees.quotaReason,
      decidedAt: commendationNominees.decidedAt,
    })
    .from(commendationNominees)
    .innerJoin(orgs, eq(orgs.id, commendationNominees.orgId))
    .leftJoin(users, eq(users.id, commendationNominees.subjectId))
    .where(eq(commendationNominees.roundId, roundId))
    .orderBy(asc(orgs.path), asc(sql`subject_name`));
}
export type NomineeRow = Awaited<ReturnType<typeof nomineesQuery>>[number];

export function objectionsQuery(db: Db, where: ReturnType<typeof eq>) {
  return db
    .select({
      id: commendationObjections.id,
      nomineeId: commendationObjections.nomineeId,
      text: commendationObjections.text,
      lodgedBy: commendationObjections.lodgedBy,
      lodgerName: users.displayName,
      lodgedAt: commendationObjections.lodgedAt,
      outcome: commendationObjections.outcome,
      answer: commendationObjections.answer,
      answeredAt: commendationObjections.answeredAt,
    })
    .from(commendationObjections)
    .innerJoin(users, eq(users.id, commendationObjections.lodgedBy))
    .where(where)
    .orderBy(asc(commendationObjections.lodgedAt));
}

/** One batch: the round's nominees and objections. */
export async function roundContents(db: Db, roundId: string) {
  const [nominees, objections] = await db.batch([
    nomineesQuery(db, roundId),
    objectionsQuery(db, eq(commendationObjections.roundId, roundId)),
  ]);
  return { nominees, objections };
}

/** One query: a nominee with its round and the branch it belongs to. */
export async function getNominee(db: Db, id: string) {
  const [row] = await db
    .select({
      nominee: commendationNominees,
      round: commendationRounds,
      orgPath: orgs.path,
      orgName: orgs.name,
      subjectName: sql<string>`coalesce(${users.displayName}, ${orgs.name})`.as("subject_name"),
      roundOrgPath: sql<string>`(SELECT path FROM orgs WHERE id = ${commendationRounds.orgId})`.as("round_org_path"),
      approved:
        sql<number>`(SELECT count(*) FROM commendation_nominees n WHERE n.round_id = ${commendationNominees.roundId} AND n.status = 'approved')`.as(
          "approved",
        ),
    })
    .from(commendationNominees)
    .innerJoin(commendationRounds, eq(commendationRounds.id, commendationNominees.roundId))
    .innerJoin(orgs, eq(orgs.id, commendationNominees.orgId))
    .leftJoin(users, eq(users.id, commendationNominees.subjectId))
    .where(eq(commendationNominees.id, id))
    .limit(1);
  return row;
}
export type LoadedNominee = NonNullable<Awaited<ReturnType<typeof getNominee>>>;

/** The round of a loaded nominee, shaped as a loaded round for the access checks. */
export const roundOf = (n: LoadedNominee): LoadedRound => ({ round: n.round, orgPath: n.roundOrgPath, orgName: "" });
