import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, asc, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { chainSeals, orgs, rateHits, ratingRounds, ratings } from "../../schema";
import type { Db } from "../lib/db";
import { notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeRange } from "../lib/paths";
import type { OrgRow } from "../orgs";
import { contentHead } from "./chain";
import { countHits, IP_LIMIT, ipKey, refused, WINDOW } from "./public";

const random = (bytes: number) => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));

/**
 * The fingerprint printed on a result notice: 80 bits of SHA-256 over the chain head and a secret salt
 * (kept with the seal). Without the salt, the printed text gives nothing to test guessed ratings against.
 */
function fingerprintOf(salt: string, headHash: string) {
  const digest = sha256(new TextEncoder().encode(`chain-seal:v1:${salt}:${headHash}`));
  return encodeBase32LowerCaseNoPadding(digest.slice(0, 10));
}

/** The committee nearest above the round's org (the org itself only in a tree without one). */
const committeeAbove = (orgId: string, orgPath: string) =>
  sql`coalesce((SELECT c.id FROM orgs c WHERE c.kind = 'committee' AND c.path <> ${orgPath}
    AND instr(${orgPath}, c.path) = 1 ORDER BY length(c.path) DESC LIMIT 1), ${orgId})`;

/**
 * The statement recording a round's chain head with the committee above, once the round can no longer
 * change (closed, or past its closing day): it copies the head in SQL, so run in the same batch as the
 * close it sees the final head. A second run changes nothing (one seal per round, never updated).
 */
export function sealInsert(db: Db, round: { id: string; orgId: string; orgPath: string }, now: number) {
  return db
    .insert(chainSeals)
    .select(
      db
        .select({
          id: sql<string>`${newId()}`.as("id"),
          roundId: sql<string>`${round.id}`.as("round_id"),
          committeeId: sql<string>`${committeeAbove(round.orgId, round.orgPath)}`.as("committee_id"),
          code: sql<string>`${random(5)}`.as("code"),
          headSeq: sql<number>`head_seq`.as("head_seq"),
          headHash: sql<string>`head_hash`.as("head_hash"),
          salt: sql<string>`${random(16)}`.as("salt"),
          sealedAt: sql<number>`${now}`.as("sealed_at"),
        })
        .from(ratingRounds)
        .where(
          and(
            eq(ratingRounds.id, round.id),
            sql`(${ratingRounds.closedAt} IS NOT NULL OR ${ratingRounds.closesAt} <= ${now})`,
          ),
        ),
    )
    .onConflictDoNothing({ target: chainSeals.roundId });
}

/** The statement reading a round's seal (for a results batch). */
export const sealOf = (db: Db, roundId: string) =>
  db
    .select({
      code: chainSeals.code,
      headSeq: chainSeals.headSeq,
      headHash: chainSeals.headHash,
      salt: chainSeals.salt,
      sealedAt: chainSeals.sealedAt,
    })
    .from(chainSeals)
    .where(eq(chainSeals.roundId, roundId))
    .limit(1);

/** What the branch prints on its result notice: never the salt or the head itself. */
export const publicSeal = (s: { code: string; headSeq: number; headHash: string; salt: string; sealedAt: number }) => ({
  code: s.code,
  fingerprint: fingerprintOf(s.salt, s.headHash),
  ratings: s.headSeq,
  sealedAt: s.sealedAt,
});

const SWEEP = 50;
const SWEEP_BACK = 30 * 86_400_000;

/**
 * Scheduled: seals the rounds that closed by reaching their closing day in the last 30 days (closing by
 * hand seals at once). Two queries per run, at most 50 rounds.
 */
export async function sealExpiredRounds(db: Db, now: number) {
  const due = await db
    .select({ id: ratingRounds.id, orgId: ratingRounds.orgId, orgPath: orgs.path })
    .from(ratingRounds)
    .innerJoin(orgs, eq(orgs.id, ratingRounds.orgId))
    .where(
      and(
        lte(ratingRounds.closesAt, now),
        gt(ratingRounds.closesAt, now - SWEEP_BACK),
        isNull(ratingRounds.closedAt),
        sql`NOT EXISTS (SELECT 1 FROM chain_seals s WHERE s.round_id = ${ratingRounds.id})`,
      ),
    )
    .limit(SWEEP);
  if (due.length) await db.batch(due.map((r) => sealInsert(db, r, now)) as [any, ...any[]]);
  return due.length;
}

type SealStatus = "intact" | "altered" | "fingerprint_mismatch";

/**
 * The public check of a printed notice: do the round's ratings, as stored now, still hash to the head
 * recorded at close? The head is recomputed from the ratings' content (not their stored hashes), so a
 * rewrite of the whole chain shows too. One batch: rate limit per IP, the seal, the round's ratings.
 */
export async function checkSeal(db: Db, input: { code: string; fingerprint: string }, ip: string, now: number) {
  const key = ipKey(ip);
  const since = now - WINDOW;
  const [, , hits, found, rows] = await db.batch([
    db.delete(rateHits).where(sql`${rateHits.at} < ${since}`),
    db.insert(rateHits).values({ id: newId(), key, at: now }),
    countHits(db, key, since),
    db
      .select({
        roundId: chainSeals.roundId,
        headSeq: chainSeals.headSeq,
        headHash: chainSeals.headHash,
        salt: chainSeals.salt,
        sealedAt: chainSeals.sealedAt,
        title: ratingRounds.title,
        target: ratingRounds.target,
        orgName: orgs.name,
      })
      .from(chainSeals)
      .innerJoin(ratingRounds, eq(ratingRounds.id, chainSeals.roundId))
      .innerJoin(orgs, eq(orgs.id, ratingRounds.orgId))
      .where(eq(chainSeals.code, input.code))
      .limit(1),
    db
      .select({
        roundId: ratings.roundId,
        seq: ratings.seq,
        rateeId: ratings.rateeId,
        answers: ratings.answers,
        comment: ratings.comment,
        createdAt: ratings.createdAt,
      })
      .from(ratings)
      .where(eq(ratings.roundId, sql`(SELECT round_id FROM chain_seals WHERE code = ${input.code})`))
      .orderBy(asc(ratings.seq)),
  ]);
  if (Number(hits[0]?.n) > IP_LIMIT) throw refused.limited();
  const seal = found[0];
  if (!seal) throw notFound("result notice");
  const recorded = fingerprintOf(seal.salt, seal.headHash);
  const current = fingerprintOf(seal.salt, contentHead(seal.roundId, rows));
  const status: SealStatus =
    input.fingerprint !== recorded ? "fingerprint_mismatch" : current === recorded ? "intact" : "altered";
  return {
    status,
    title: seal.title,
    target: seal.target,
    orgName: seal.orgName,
    sealedAt: seal.sealedAt,
    recordedRatings: seal.headSeq,
    currentRatings: rows.length,
  };
}

/** The seals recorded with the committees in an org's subtree, newest first: what the committee holds. */
export function listSeals(db: Db, org: OrgRow, q: { limit: number; offset: number }) {
  return db
    .select({
      roundId: chainSeals.roundId,
      code: chainSeals.code,
      headSeq: chainSeals.headSeq,
      headHash: chainSeals.headHash,
      salt: chainSeals.salt,
      sealedAt: chainSeals.sealedAt,
      title: ratingRounds.title,
      target: ratingRounds.target,
      orgName: sql<string>`(SELECT name FROM orgs b WHERE b.id = ${ratingRounds.orgId})`.as("org_name"),
    })
    .from(chainSeals)
    .innerJoin(orgs, eq(orgs.id, chainSeals.committeeId))
    .innerJoin(ratingRounds, eq(ratingRounds.id, chainSeals.roundId))
    .where(subtreeRange(orgs.path, org.path))
    .orderBy(desc(chainSeals.sealedAt))
    .limit(q.limit + 1)
    .offset(q.offset);
}
