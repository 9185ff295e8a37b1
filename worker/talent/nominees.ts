import type { BatchItem } from "drizzle-orm/batch";
import { talentNominees, talentReserves } from "../../schema";
import type { NominationSource, ReserveTrack } from "../../schema/talent/values";
import type { Db } from "../lib/db";
import { newId } from "../lib/ids";
import { notFuture } from "./dates";
import { stepWrites } from "./pool";

export interface NonMemberNomination {
  name: string;
  standing: string;
  contact?: string | undefined;
  track: ReserveTrack;
  source: NominationSource;
  reason: string;
  on: string;
}

/**
 * A person of standing without an account enters the pool as a nominee record, not a user: the
 * committee assesses, admits and reviews them like anyone. `actorId` null: the masses, by a link.
 * ONE batch, with `spend` (the link being used) first among its writes.
 */
export async function nominateNonMember(
  db: Db,
  actorId: string | null,
  branchId: string,
  n: NonMemberNomination,
  now: number,
  ...spend: BatchItem<"sqlite">[]
) {
  notFuture(n.on, now);
  const nomineeId = newId();
  const id = newId();
  const contact = n.contact?.trim() ? n.contact.trim() : null;
  await db.batch([
    ...spend,
    db.insert(talentNominees).values({
      id: nomineeId,
      orgId: branchId,
      name: n.name,
      standing: n.standing,
      contact,
      createdAt: now,
    }),
    db.insert(talentReserves).values({
      id,
      memberId: nomineeId,
      orgId: branchId,
      track: n.track,
      source: n.source,
      status: "nominated",
      lastOn: n.on,
      createdAt: now,
    }),
    ...stepWrites(
      db,
      { id, memberId: nomineeId, orgId: branchId, account: false },
      "nominated",
      n.on,
      { track: n.track, source: n.source, reason: n.reason },
      actorId,
      now,
    ),
  ] as unknown as Parameters<Db["batch"]>[0]);
  return { id };
}
