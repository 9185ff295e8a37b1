import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { orgs, rateHits, ratingRounds, ratingTokens, users } from "../../schema";
import { type Answer, answersFor, itemsFor } from "../../schema/masses/values";
import type { Db } from "../lib/db";
import { ApiError, invalid, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { chainHash } from "./chain";
import { hashText, looksLikeToken, tokenHash } from "./tokens";

export const WINDOW = 10 * 60_000;
export const IP_LIMIT = 60;
const TOKEN_LIMIT = 5;
const HOUR = 3_600_000;

export const refused = {
  invalid: () => new ApiError(404, "token_invalid", "this rating link is not valid"),
  expired: () => new ApiError(410, "token_expired", "this rating round has closed"),
  used: () => new ApiError(409, "token_used", "this rating link has already been used"),
  limited: () =>
    new ApiError(
      429,
      "rate_limited",
      "too many attempts; try again later",
      { retryAfter: WINDOW / 1000 },
      {
        "Retry-After": String(WINDOW / 1000),
      },
    ),
};

/** Rate-limit keys of a client address: a hash, never the address. */
export const ipKey = (ip: string) => `ip:${hashText(ip)}`;

export const countHits = (db: Db, key: string, since: number) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(rateHits)
    .where(and(eq(rateHits.key, key), gte(rateHits.at, since)));

const lookup = (db: Db, hash: string) =>
  db
    .select({
      tokenId: ratingTokens.id,
      used: ratingTokens.used,
      rateeId: ratingTokens.rateeId,
      // Not ratingRounds.id: inside db.batch, D1 returns rows keyed by column name, so two "id" columns collide.
      round: {
        id: ratingTokens.roundId,
        orgId: ratingRounds.orgId,
        title: ratingRounds.title,
        target: ratingRounds.target,
        items: ratingRounds.items,
        closesAt: ratingRounds.closesAt,
        closedAt: ratingRounds.closedAt,
        headSeq: ratingRounds.headSeq,
        headHash: ratingRounds.headHash,
      },
      orgName: orgs.name,
      memberName: users.displayName,
    })
    .from(ratingTokens)
    .innerJoin(ratingRounds, eq(ratingRounds.id, ratingTokens.roundId))
    .innerJoin(orgs, eq(orgs.id, ratingRounds.orgId))
    .leftJoin(users, eq(users.id, ratingTokens.rateeId))
    .where(eq(ratingTokens.tokenHash, hash))
    .limit(1);

/**
 * One batch: drop expired hits, record this one (per IP, and per token when submitting), count both
 * windows, and run `lookup` (the token's row). Refuses over-limit callers before anything else is
 * revealed. Every public one-time link (民评 here, talent's nomination links) goes through it.
 */
export async function throttled<Q extends BatchItem<"sqlite">>(
  db: Db,
  token: string,
  ip: string,
  submitting: boolean,
  now: number,
  lookup: Q,
) {
  const byIp = ipKey(ip);
  const tokenKey = `tok:${tokenHash(token)}`;
  const since = now - WINDOW;
  const hits = [{ id: newId(), key: byIp, at: now }];
  if (submitting) hits.push({ id: newId(), key: tokenKey, at: now });
  const [, , ipHits, tokenHits, found] = await db.batch([
    db.delete(rateHits).where(lt(rateHits.at, since)),
    db.insert(rateHits).values(hits),
    countHits(db, byIp, since),
    countHits(db, tokenKey, since),
    lookup,
  ]);
  if (Number(ipHits[0]?.n) > IP_LIMIT || (submitting && Number(tokenHits[0]?.n) > TOKEN_LIMIT)) throw refused.limited();
  return found as Awaited<Q>;
}

async function admit(db: Db, token: string, ip: string, submitting: boolean, now: number) {
  const [row] = await throttled(db, token, ip, submitting, now, lookup(db, tokenHash(token)));
  if (!row || !looksLikeToken(token)) throw refused.invalid();
  if (row.round.closedAt !== null || row.round.closesAt <= now) throw refused.expired();
  if (row.used) throw refused.used();
  return row;
}

/** What the person holding the link sees: who or what they rate, and the items. */
export async function publicView(db: Db, token: string, ip: string, now: number) {
  const row = await admit(db, token, ip, false, now);
  return {
    title: row.round.title,
    target: row.round.target,
    orgName: row.orgName,
    rateeName: row.memberName ?? row.orgName,
    items: itemsFor(row.round.items, row.rateeId).map(({ key, label }) => ({ key, label })),
    answers: answersFor(row.round.target),
    closesAt: row.round.closesAt,
  };
}

/**
 * Accepts one rating per token. Per attempt one batch: (1) claim the token (UPDATE … WHERE used = 0,
 * only while the round is open and its head is still the one this rating links to), (2) insert the
 * rating only if this request's nonce won the claim, (3) advance the round's head. The unique
 * (round_id, seq) key makes a fork impossible; losing a race on the head retries with the new head.
 */
export async function submitRating(
  db: Db,
  token: string,
  ip: string,
  body: { answers: Record<string, Answer>; comment?: string | undefined },
  now: number,
) {
  let row = await admit(db, token, ip, true, now);
  const keys = itemsFor(row.round.items, row.rateeId).map((i) => i.key);
  const allowed = answersFor(row.round.target);
  const missing = keys.filter((k) => !body.answers[k]);
  const extra = Object.keys(body.answers).filter((k) => !keys.includes(k));
  const offScale = keys.filter((k) => body.answers[k] && !allowed.includes(body.answers[k]));
  if (missing.length || extra.length || offScale.length) {
    throw invalid("answer every item, and only the items, on this round's scale", [
      ...missing.map((k) => ({ path: `answers.${k}`, code: "required" })),
      ...extra.map((k) => ({ path: `answers.${k}`, code: "unknown_item" })),
      ...offScale.map((k) => ({ path: `answers.${k}`, code: "unknown_option" })),
    ]);
  }
  const answers = Object.fromEntries(keys.map((k) => [k, body.answers[k] as Answer]));
  const comment = body.comment?.trim() ? body.comment.trim() : null;
  const createdAt = Math.floor(now / HOUR) * HOUR;
  const roundId = row.round.id;
  let head = { seq: row.round.headSeq, hash: row.round.headHash };
  for (let attempt = 0; attempt < 8; attempt++) {
    const seq = head.seq + 1;
    const content = { roundId, seq, rateeId: row.rateeId, answers, comment, createdAt };
    const hash = chainHash(content, head.hash);
    const nonce = newId();
    try {
      const d1 = db.$client;
      const [claim] = await d1.batch([
        d1
          .prepare(
            `UPDATE rating_tokens SET used = 1, claim = ?1 WHERE id = ?2 AND used = 0
               AND EXISTS (SELECT 1 FROM rating_rounds WHERE id = ?3 AND head_seq = ?4 AND closed_at IS NULL AND closes_at > ?5)`,
          )
          .bind(nonce, row.tokenId, roundId, head.seq, now),
        d1
          .prepare(
            `INSERT INTO ratings (id, round_id, org_id, ratee_id, seq, answers, comment, comment_status, created_at, prev_hash, hash)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11
              WHERE EXISTS (SELECT 1 FROM rating_tokens WHERE id = ?12 AND claim = ?13)`,
          )
          .bind(
            newId(),
            roundId,
            row.round.orgId,
            row.rateeId,
            seq,
            JSON.stringify(answers),
            comment,
            comment ? "pending" : "none",
            createdAt,
            head.hash,
            hash,
            row.tokenId,
            nonce,
          ),
        d1
          .prepare(
            `UPDATE rating_rounds SET head_seq = ?1, head_hash = ?2
              WHERE id = ?3 AND EXISTS (SELECT 1 FROM rating_tokens WHERE id = ?4 AND claim = ?5)`,
          )
          .bind(seq, hash, roundId, row.tokenId, nonce),
      ]);
      if (claim?.meta.changes === 1) return { ok: true as const };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    // Lost a race: either the token was used meanwhile, or another rating moved the head.
    const [fresh] = await lookup(db, tokenHash(token));
    if (!fresh) throw refused.invalid();
    if (fresh.used) throw refused.used();
    if (fresh.round.closedAt !== null || fresh.round.closesAt <= now) throw refused.expired();
    row = fresh;
    head = { seq: fresh.round.headSeq, hash: fresh.round.headHash };
  }
  throw new ApiError(503, "busy", "many ratings are arriving at once; please submit again");
}
