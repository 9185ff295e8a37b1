import { eq, sql } from "drizzle-orm";
import { orgs, talentLinks } from "../../schema";
import type { ReserveTrack } from "../../schema/talent/values";
import { auditInsert } from "../lib/audit";
import { dayEnd, dayOf } from "../lib/day";
import { chunkedInserts, type Db } from "../lib/db";
import { ApiError, invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { looksLikeToken, newRatingToken, throttled, tokenHash } from "../masses";
import type { OrgRow } from "../orgs";
import { nominateNonMember } from "./nominees";

const refused = {
  invalid: () => new ApiError(404, "link_invalid", "this nomination link is not valid"),
  expired: () => new ApiError(410, "link_expired", "this nomination link has expired"),
  used: () => new ApiError(409, "link_used", "this nomination link has already been used"),
};

/**
 * A sheet of one-time links for a branch's masses, valid to the end of `closesOn`. The plain tokens are
 * answered once, here; only their hashes are kept (as for 民评). One write batch.
 */
export async function issueLinks(
  db: Db,
  actorId: string,
  branch: OrgRow,
  input: { count: number; closesOn: string },
  now: number,
) {
  if (branch.kind !== "branch")
    throw invalid("links are issued for a branch", [{ path: "orgId", code: "not_a_branch" }]);
  if (input.closesOn < dayOf(now))
    throw invalid("the last day cannot be past", [{ path: "closesOn", code: "invalid_date" }]);
  const expiresAt = dayEnd(input.closesOn);
  const tokens = Array.from({ length: input.count }, (_, i) => ({ n: i + 1, token: newRatingToken() }));
  const rows = tokens.map((t) => ({
    id: newId(),
    orgId: branch.id,
    tokenHash: tokenHash(t.token),
    expiresAt,
    createdBy: actorId,
    createdAt: now,
  }));
  await db.batch([
    auditInsert(
      db,
      {
        actorId,
        action: "talent_links_issued",
        entity: "org",
        entityId: branch.id,
        orgId: branch.id,
        detail: { count: input.count, closesOn: input.closesOn },
      },
      now,
    ),
    ...chunkedInserts(db, talentLinks, rows),
  ]);
  return { expiresAt, items: tokens };
}

const lookup = (db: Db, token: string) =>
  db
    .select({
      id: talentLinks.id,
      orgId: talentLinks.orgId,
      uses: talentLinks.uses,
      expiresAt: talentLinks.expiresAt,
      orgName: orgs.name,
    })
    .from(talentLinks)
    .innerJoin(orgs, eq(orgs.id, talentLinks.orgId))
    .where(eq(talentLinks.tokenHash, tokenHash(token)))
    .limit(1);

/** Rate-limited like the rating page (masses' `throttled`), then: valid, not expired, not spent. */
async function admit(db: Db, token: string, ip: string, submitting: boolean, now: number) {
  const [row] = await throttled(db, token, ip, submitting, now, lookup(db, token));
  if (!row || !looksLikeToken(token)) throw refused.invalid();
  if (row.expiresAt <= now) throw refused.expired();
  if (row.uses > 0) throw refused.used();
  return row;
}

/** What the link's holder sees: the branch and until when. Nothing about the pool or other nominations. */
export async function linkView(db: Db, token: string, ip: string, now: number) {
  const row = await admit(db, token, ip, false, now);
  return { orgName: row.orgName, expiresAt: row.expiresAt };
}

export interface LinkNomination {
  name: string;
  standing: string;
  contact?: string | undefined;
  track: ReserveTrack;
  reason: string;
}

const isCheckViolation = (err: unknown) =>
  `${err instanceof Error ? err.message : ""} ${err instanceof Error && err.cause instanceof Error ? err.cause.message : ""}`.includes(
    "CHECK constraint failed",
  );

/**
 * The masses' nomination: spends the link and records the nominee in ONE batch. Spending adds a use and
 * the table's CHECK allows one, so of two racing submissions the second batch fails whole and writes
 * nothing. The answer is the same whoever is named.
 */
export async function nominateByLink(db: Db, token: string, ip: string, body: LinkNomination, now: number) {
  const link = await admit(db, token, ip, true, now);
  const spend = db
    .update(talentLinks)
    .set({ uses: sql`${talentLinks.uses} + 1` })
    .where(eq(talentLinks.id, link.id));
  try {
    await nominateNonMember(db, null, link.orgId, { ...body, source: "masses", on: dayOf(now) }, now, spend);
  } catch (err) {
    if (isCheckViolation(err)) throw refused.used();
    throw err;
  }
  return { received: true as const };
}
