import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

const hex = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** The chain's start for a round: a rating with seq 1 points at this. */
export const genesisHash = (roundId: string) => hex(`rating-chain:v1:${roundId}`);

export interface ChainedContent {
  roundId: string;
  seq: number;
  rateeId: string;
  answers: Record<string, string>;
  comment: string | null;
  createdAt: number;
}

/** Canonical text of a rating: fixed field order, answers sorted by key. Moderation status is not part of it. */
function canonical(r: ChainedContent) {
  const answers = Object.keys(r.answers)
    .sort()
    .map((k) => [k, r.answers[k]]);
  return JSON.stringify(["v1", r.roundId, r.seq, r.rateeId, answers, r.comment ?? null, r.createdAt]);
}

/** hash_n = SHA-256(canonical(rating_n) + "\n" + hash_{n-1}) */
export const chainHash = (r: ChainedContent, prevHash: string) => hex(`${canonical(r)}\n${prevHash}`);

export interface ChainRow extends ChainedContent {
  prevHash: string;
  hash: string;
}

type Broken = { seq: number; reason: "missing" | "prev_mismatch" | "content_mismatch" | "head_mismatch" };

/**
 * Walks a round's ratings in seq order: a gap, a link that does not point at its predecessor, content
 * that no longer hashes to its stored hash, or a head that does not match the last row is reported
 * as the first broken link. `head` is the round's own record of its last seq and hash.
 */
export function verifyChain(roundId: string, rows: ChainRow[], head: { seq: number; hash: string }) {
  let prev = genesisHash(roundId);
  let expected = 1;
  let firstBroken: Broken | null = null;
  for (const r of rows) {
    if (r.seq !== expected) firstBroken = { seq: expected, reason: "missing" };
    else if (r.prevHash !== prev) firstBroken = { seq: r.seq, reason: "prev_mismatch" };
    else if (chainHash(r, prev) !== r.hash) firstBroken = { seq: r.seq, reason: "content_mismatch" };
    if (firstBroken) break;
    prev = r.hash;
    expected++;
  }
  if (!firstBroken && (head.seq !== rows.length || head.hash !== prev)) {
    firstBroken = { seq: Math.min(rows.length + 1, head.seq), reason: "head_mismatch" };
  }
  return { ok: firstBroken === null, count: rows.length, firstBroken };
}

/**
 * The head the ratings' content hashes to now, from the genesis, ignoring the hashes stored on the rows
 * (someone able to edit a rating can rewrite those too). `rows` in seq order.
 */
export function contentHead(roundId: string, rows: ChainedContent[]) {
  let prev = genesisHash(roundId);
  for (const r of rows) prev = chainHash(r, prev);
  return prev;
}
