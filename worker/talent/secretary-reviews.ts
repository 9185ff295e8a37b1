import { asc, eq } from "drizzle-orm";
import { talentCandidates, talentSecretaryReviews, type talentSelections } from "../../schema";
import type { Caller } from "../env";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import { dayStart } from "../lib/day";
import type { Db } from "../lib/db";
import { ApiError, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { notOwnCase } from "./access";
import { notFuture } from "./dates";

export interface ReviewInput {
  year: number;
  on: string;
  performance: string;
  rewards: string;
  penalties: string;
}

/**
 * The appointed secretary's yearly review (绩、奖、惩): once per year of the term, dated on a day that
 * has come within or after that year, by the committee above; in the secretary's growth archive.
 */
export async function recordReview(
  caller: Caller,
  selection: typeof talentSelections.$inferSelect,
  r: ReviewInput,
  now: number,
) {
  const { db } = caller;
  const s = selection;
  if (!s.chosenId || !s.termStartsOn || !s.termEndsOn)
    throw new ApiError(409, "out_of_order", "the secretary is reviewed once appointed");
  const [first, last] = [Number(s.termStartsOn.slice(0, 4)), Number(s.termEndsOn.slice(0, 4))];
  if (r.year < first || r.year > last)
    throw new ApiError(422, "out_of_order", "a review is for a year of the term", { from: first, to: last });
  notFuture(r.on, now);
  if (r.on < `${r.year}-01-01` || r.on < s.termStartsOn)
    throw new ApiError(422, "out_of_order", "a year is reviewed once it has begun", { year: r.year });
  const [chosen] = await db
    .select({ memberId: talentCandidates.memberId })
    .from(talentCandidates)
    .where(eq(talentCandidates.id, s.chosenId));
  notOwnCase(caller, chosen!.memberId);
  const id = newId();
  try {
    await db.batch([
      db
        .insert(talentSecretaryReviews)
        .values({ id, selectionId: s.id, ...r, recordedBy: caller.user.id, createdAt: now }),
      archiveInsert(
        db,
        {
          memberId: chosen!.memberId,
          orgId: s.orgId,
          kind: "talent.secretary_reviewed",
          subjectType: "talent_selection",
          subjectId: s.id,
          summary: { year: r.year, performance: r.performance, rewards: r.rewards, penalties: r.penalties },
          occurredAt: dayStart(r.on),
          recordedBy: caller.user.id,
        },
        now,
      ),
      auditInsert(
        db,
        {
          actorId: caller.user.id,
          action: "talent_secretary_reviewed",
          entity: "talent_selection",
          entityId: s.id,
          orgId: s.orgId,
        },
        now,
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "this year is already reviewed", { year: r.year });
    throw err;
  }
  return { id };
}

export const reviewsOf = (db: Db, selectionId: string) =>
  db
    .select({
      id: talentSecretaryReviews.id,
      year: talentSecretaryReviews.year,
      on: talentSecretaryReviews.on,
      performance: talentSecretaryReviews.performance,
      rewards: talentSecretaryReviews.rewards,
      penalties: talentSecretaryReviews.penalties,
    })
    .from(talentSecretaryReviews)
    .where(eq(talentSecretaryReviews.selectionId, selectionId))
    .orderBy(asc(talentSecretaryReviews.year));
