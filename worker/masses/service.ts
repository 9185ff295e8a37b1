import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { memberships, orgs, ratingRounds, ratings, ratingTokens, users } from "../../schema";
import {
  ANSWERS,
  type Answer,
  answersFor,
  effectiveK,
  isGoodAnswer,
  itemsFor,
  MIN_K,
  type RatingItem,
  type RatingTarget,
  roundClosed,
} from "../../schema/masses/values";
import { auditInsert } from "../lib/audit";
import { dayEnd } from "../lib/day";
import { chunkedInserts, type Db } from "../lib/db";
import { ApiError, conflict, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeRange } from "../lib/paths";
import type { OrgRow } from "../orgs";
import { genesisHash, verifyChain } from "./chain";
import { pledgeItems } from "./pledges";
import { publicSeal, sealInsert, sealOf } from "./seals";
import { effectiveTemplate } from "./templates";
import { newRatingToken, tokenHash } from "./tokens";

export interface RoundInput {
  title: string;
  target: RatingTarget;
  rateeIds?: string[] | undefined;
  tokensPerRatee: number;
  closesOn: string;
  k?: number | undefined;
  year?: number | undefined;
}

const MAX_TOKENS = 1000;

/** Who is rated and on which items: the branch itself (民评 of the branch, 民测), members, or members' pledges. */
async function rateesAndItems(db: Db, org: OrgRow, input: RoundInput) {
  if (input.target === "pledge") {
    if (!input.year) throw invalid("which year's pledges?", [{ path: "year", code: "required" }]);
    const { ratees, items } = await pledgeItems(db, org.id, input.year, input.rateeIds);
    return { ratees, items };
  }
  const template = await effectiveTemplate(db, org.path, input.target);
  if (input.target !== "member") return { ratees: [{ id: org.id, name: org.name }], items: template.items };
  const members = await db
    .select({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, org.id), eq(memberships.role, "member"), isNull(memberships.endedAt)))
    .orderBy(asc(users.displayName));
  if (!input.rateeIds) return { ratees: members, items: template.items };
  const wanted = new Set(input.rateeIds);
  const ratees = members.filter((m) => wanted.has(m.id));
  if (ratees.length !== wanted.size) {
    throw invalid("some ratees are not members of this branch", [{ path: "rateeIds", code: "not_a_member" }]);
  }
  return { ratees, items: template.items };
}

/**
 * Creates a round and its one-time tokens. The plain tokens are returned once, here, and never stored:
 * the secretary prints or copies them now. Queries: template, members (member rounds), one write batch.
 */
export async function createRound(db: Db, actorId: string, org: OrgRow, input: RoundInput, now: number) {
  if (org.kind !== "branch" && org.kind !== "group") {
    throw invalid("rating rounds belong to a branch", [{ path: "orgId", code: "not_a_branch" }]);
  }
  const closesAt = dayEnd(input.closesOn);
  if (Number.isNaN(closesAt) || closesAt <= now) {
    throw invalid("the closing day must be today or later", [{ path: "closesOn", code: "past" }]);
  }
  const { ratees, items }: { ratees: { id: string; name: string }[]; items: RatingItem[] } = await rateesAndItems(
    db,
    org,
    input,
  );
  if (ratees.length === 0) throw invalid("nobody to rate", [{ path: "rateeIds", code: "too_small" }]);
  if (ratees.length * input.tokensPerRatee > MAX_TOKENS) {
    throw invalid(`at most ${MAX_TOKENS} tokens per round`, [{ path: "tokensPerRatee", code: "too_big" }]);
  }
  const id = newId();
  const tokens: { rateeId: string; rateeName: string; n: number; token: string }[] = [];
  const rows: (typeof ratingTokens.$inferInsert)[] = [];
  for (const r of ratees) {
    for (let n = 1; n <= input.tokensPerRatee; n++) {
      const token = newRatingToken();
      tokens.push({ rateeId: r.id, rateeName: r.name, n, token });
      rows.push({
        id: newId(),
        roundId: id,
        rateeId: r.id,
        n,
        tokenHash: tokenHash(token),
        used: false,
        claim: null,
        createdAt: now,
      });
    }
  }
  const round = {
    id,
    orgId: org.id,
    target: input.target,
    title: input.title,
    items,
    kThreshold: effectiveK(input.k ?? MIN_K),
    closesAt,
    headHash: genesisHash(id),
    createdBy: actorId,
    createdAt: now,
  };
  await db.batch([
    db.insert(ratingRounds).values(round),
    ...chunkedInserts(db, ratingTokens, rows),
    auditInsert(
      db,
      {
        actorId,
        action: "rating_round_created",
        entity: "rating_round",
        entityId: id,
        orgId: org.id,
        detail: { ratees: ratees.length, tokens: rows.length },
      },
      now,
    ),
  ] as [any, ...any[]]);
  return { round: { ...round, orgName: org.name, headSeq: 0, closedAt: null }, tokens };
}

const issued = sql<number>`(SELECT count(*) FROM rating_tokens t WHERE t.round_id = ${ratingRounds.id})`;
const usedCount = sql<number>`(SELECT count(*) FROM rating_tokens t WHERE t.round_id = ${ratingRounds.id} AND t.used = 1)`;

/** One query: a page of the rounds under an org's subtree, newest first. */
export function listRounds(db: Db, org: OrgRow, q: { limit: number; offset: number }) {
  return db
    .select({
      id: ratingRounds.id,
      orgId: ratingRounds.orgId,
      orgName: orgs.name,
      title: ratingRounds.title,
      target: ratingRounds.target,
      closesAt: ratingRounds.closesAt,
      closedAt: ratingRounds.closedAt,
      createdAt: ratingRounds.createdAt,
      issued,
      used: usedCount,
    })
    .from(ratingRounds)
    .innerJoin(orgs, eq(orgs.id, ratingRounds.orgId))
    .where(subtreeRange(orgs.path, org.path))
    .orderBy(desc(ratingRounds.createdAt))
    .limit(q.limit + 1)
    .offset(q.offset);
}

export async function getRound(db: Db, id: string) {
  const [row] = await db
    .select({ round: ratingRounds, orgPath: orgs.path, orgName: orgs.name })
    .from(ratingRounds)
    .innerJoin(orgs, eq(orgs.id, ratingRounds.orgId))
    .where(eq(ratingRounds.id, id))
    .limit(1);
  return row;
}
export type LoadedRound = NonNullable<Awaited<ReturnType<typeof getRound>>>;

type Tally = Record<Answer, number>;
const emptyTally = () => Object.fromEntries(ANSWERS.map((a) => [a, 0])) as Tally;
/** 满意率 (or, for pledges, the share kept): good answers over all answers. */
const satisfactionRate = (t: Tally) => {
  const total = ANSWERS.reduce((sum, a) => sum + t[a], 0);
  return total === 0 ? null : ANSWERS.reduce((sum, a) => sum + (isGoodAnswer(a) ? t[a] : 0), 0) / total;
};

/**
 * Why a ratee's results are not shown: the round is still open (each new rating would show by
 * difference), or it closed with fewer than k ratings; null when they are shown.
 */
function withheld(round: LoadedRound["round"], ratings: number, now: number) {
  if (!roundClosed(round, now)) return "open" as const;
  return ratings < effectiveK(round.kThreshold) ? ("below_k" as const) : null;
}

/**
 * Results per ratee, released once, when the round has closed, and only for a ratee with at least k
 * ratings; until then only how many links were used (which the secretary who handed them out knows).
 * Comments appear only when approved and released. With the seal recorded at close, for the notice.
 * One batch of four statements.
 */
export async function roundResults(db: Db, loaded: LoadedRound, now: number) {
  const r = loaded.round;
  const [tokenRows, ratingRows, names, seal] = await db.batch([
    db
      .select({
        rateeId: ratingTokens.rateeId,
        issued: sql<number>`count(*)`,
        used: sql<number>`sum(${ratingTokens.used})`,
      })
      .from(ratingTokens)
      .where(eq(ratingTokens.roundId, r.id))
      .groupBy(ratingTokens.rateeId),
    db
      .select({
        rateeId: ratings.rateeId,
        answers: ratings.answers,
        comment: ratings.comment,
        commentStatus: ratings.commentStatus,
      })
      .from(ratings)
      .where(eq(ratings.roundId, r.id)),
    r.target === "member" || r.target === "pledge"
      ? db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(sql`${users.id} IN (SELECT ratee_id FROM rating_tokens WHERE round_id = ${r.id})`)
      : db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, r.orgId)),
    sealOf(db, r.id),
  ]);
  const scale = answersFor(r.target);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const byRatee = new Map<string, typeof ratingRows>();
  for (const row of ratingRows) {
    const list = byRatee.get(row.rateeId) ?? [];
    list.push(row);
    byRatee.set(row.rateeId, list);
  }
  const ratees = tokenRows.map((t) => {
    const rows = byRatee.get(t.rateeId) ?? [];
    const why = withheld(r, rows.length, now);
    const shown = why === null;
    const total = emptyTally();
    const items = itemsFor(r.items, t.rateeId).map((item) => {
      const tally = emptyTally();
      for (const row of rows) {
        const a = row.answers[item.key] as Answer | undefined;
        if (a) {
          tally[a]++;
          total[a]++;
        }
      }
      return { key: item.key, label: item.label, ...tally };
    });
    return {
      rateeId: t.rateeId,
      name: nameOf.get(t.rateeId) ?? "",
      issued: Number(t.issued),
      used: Number(t.used ?? 0),
      count: rows.length,
      shown,
      withheld: why,
      satisfaction: shown ? satisfactionRate(total) : null,
      items: shown ? items : null,
      comments: shown
        ? rows.filter((x) => x.commentStatus === "approved" && x.comment).map((x) => x.comment as string)
        : null,
    };
  });
  ratees.sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  const { headHash: _h, ...round } = r;
  return {
    round: { ...round, kThreshold: effectiveK(r.kThreshold), orgName: loaded.orgName },
    answers: scale,
    ratees,
    seal: seal[0] ? publicSeal(seal[0]) : null,
  };
}

/** SQL: the ratee has at least the round's k ratings in it (columns spelled out: drizzle leaves them unqualified). */
const rateeRatings = sql<number>`(SELECT count(*) FROM ratings o WHERE o.round_id = ratings.round_id AND o.ratee_id = ratings.ratee_id)`;
const rateeReachesK = (k: number) => sql<boolean>`${rateeRatings} >= ${effectiveK(k)}`;

/**
 * Comments waiting for (or past) moderation, for the secretary; one query. Like the results, comment
 * text is released only once the round has closed, and only for ratees with at least k ratings: a
 * comment read while ratings still arrive points at the person who just rated.
 */
export async function listComments(
  db: Db,
  loaded: LoadedRound,
  status: "pending" | "approved" | "rejected",
  now: number,
) {
  const r = loaded.round;
  if (!roundClosed(r, now)) return [];
  return db
    .select({ id: ratings.id, rateeId: ratings.rateeId, comment: ratings.comment, status: ratings.commentStatus })
    .from(ratings)
    .where(and(eq(ratings.roundId, r.id), eq(ratings.commentStatus, status), rateeReachesK(r.kThreshold)))
    .orderBy(asc(ratings.seq))
    .limit(500);
}

export async function ratingRound(db: Db, ratingId: string) {
  const [row] = await db
    .select({
      id: ratings.id,
      roundId: ratings.roundId,
      commentStatus: ratings.commentStatus,
      rateeRatings,
    })
    .from(ratings)
    .where(eq(ratings.id, ratingId))
    .limit(1);
  if (!row) throw notFound("rating");
  return row;
}

/** Only a comment the secretary can read (listComments) can be moderated. */
export function assertModeratable(loaded: LoadedRound, rating: Awaited<ReturnType<typeof ratingRound>>, now: number) {
  if (rating.commentStatus === "none" || withheld(loaded.round, Number(rating.rateeRatings), now) !== null) {
    throw conflict("comments can be reviewed once the round has closed, for ratees with enough ratings");
  }
}

export async function moderateComment(db: Db, actorId: string, ratingId: string, orgId: string, approve: boolean) {
  const status = approve ? "approved" : "rejected";
  const now = Date.now();
  await db.batch([
    db.update(ratings).set({ commentStatus: status }).where(eq(ratings.id, ratingId)),
    auditInsert(db, { actorId, action: `comment_${status}`, entity: "rating", entityId: ratingId, orgId }, now),
  ]);
  return { status };
}

/** Closing records the chain head with the committee in the same batch: nothing can be rated in between. */
export async function closeRound(db: Db, actorId: string, loaded: LoadedRound, now: number) {
  const r = loaded.round;
  await db.batch([
    db
      .update(ratingRounds)
      .set({ closedAt: now })
      .where(and(eq(ratingRounds.id, r.id), isNull(ratingRounds.closedAt))),
    sealInsert(db, { id: r.id, orgId: r.orgId, orgPath: loaded.orgPath }, now),
    auditInsert(
      db,
      {
        actorId,
        action: "rating_round_closed",
        entity: "rating_round",
        entityId: loaded.round.id,
        orgId: loaded.round.orgId,
      },
      now,
    ),
  ]);
}

/** Two statements in one batch: every rating of the round in seq order, and the number of used tokens. */
export async function verifyRound(db: Db, loaded: LoadedRound) {
  const r = loaded.round;
  const [rows, used] = await db.batch([
    db.select().from(ratings).where(eq(ratings.roundId, r.id)).orderBy(asc(ratings.seq)),
    db
      .select({ n: sql<number>`count(*)` })
      .from(ratingTokens)
      .where(and(eq(ratingTokens.roundId, r.id), eq(ratingTokens.used, true))),
  ]);
  const result = verifyChain(r.id, rows, { seq: r.headSeq, hash: r.headHash });
  const usedTokens = Number(used[0]?.n ?? 0);
  const countMatches = usedTokens === rows.length;
  return { ...result, ok: result.ok && countMatches, usedTokens, countMatches };
}

/** Three bound values per token (id twice, hash once) plus two: under D1's 100 per statement. */
const REPRINT_CHUNK = 32;

/**
 * A new sheet for the links not used yet. Tokens are kept only as hashes, so a lost sheet cannot be
 * printed again: each unused token gets a new secret in place (same row, same ratee), which voids the
 * old printed code; used tokens and their ratings are untouched, so issued and used counts stay as
 * they were. One read, then one atomic batch; a token used meanwhile keeps its hash (the update skips
 * it) and is left off the sheet. Cards are numbered afresh so the sheet does not show which were used.
 */
export async function reprintRound(db: Db, actorId: string, loaded: LoadedRound, now: number) {
  const r = loaded.round;
  if (roundClosed(r, now)) {
    throw new ApiError(409, "round_closed", "this round has closed: its links can no longer be used", {
      closesAt: r.closesAt,
      closedAt: r.closedAt,
    });
  }
  const unused = await db
    .select({ id: ratingTokens.id, rateeId: ratingTokens.rateeId, name: users.displayName })
    .from(ratingTokens)
    .leftJoin(users, eq(users.id, ratingTokens.rateeId))
    .where(and(eq(ratingTokens.roundId, r.id), eq(ratingTokens.used, false)))
    .orderBy(asc(ratingTokens.rateeId), asc(ratingTokens.id));
  const fresh = unused.map((t) => ({ ...t, token: newRatingToken() }));
  const updates = [];
  for (let i = 0; i < fresh.length; i += REPRINT_CHUNK) {
    const chunk = fresh.slice(i, i + REPRINT_CHUNK);
    const cases = sql.join(
      chunk.map((t) => sql`WHEN ${t.id} THEN ${tokenHash(t.token)}`),
      sql` `,
    );
    updates.push(
      db
        .update(ratingTokens)
        .set({ tokenHash: sql`CASE ${ratingTokens.id} ${cases} END` as SQL<string> })
        .where(
          and(
            eq(ratingTokens.roundId, r.id),
            eq(ratingTokens.used, false),
            inArray(
              ratingTokens.id,
              chunk.map((t) => t.id),
            ),
          ),
        )
        .returning({ id: ratingTokens.id }),
    );
  }
  const audit = auditInsert(
    db,
    {
      actorId,
      action: "rating_round_reprinted",
      entity: "rating_round",
      entityId: r.id,
      orgId: r.orgId,
      detail: { tokens: fresh.length },
    },
    now,
  );
  const [, ...results] = await db.batch([audit, ...updates]);
  const reissued = new Set((results as { id: string }[][]).flat().map((x) => x.id));
  const perRatee = new Map<string, number>();
  const tokens = fresh
    .filter((t) => reissued.has(t.id))
    .map((t) => {
      const n = (perRatee.get(t.rateeId) ?? 0) + 1;
      perRatee.set(t.rateeId, n);
      return { rateeId: t.rateeId, rateeName: t.name ?? loaded.orgName, n, token: t.token };
    });
  return { round: { id: r.id, title: r.title }, tokens };
}
