// The evaluations feature's public face: what other features may use.
import { and, eq, inArray } from "drizzle-orm";
import { evalFollowups } from "../../schema";
import type { Db } from "../lib/db";

/** One statement (for a caller's db.batch): the open 不合格 follow-ups of these members. */
export const openFollowupsQuery = (db: Db, memberIds: string[]) =>
  db
    .select({ id: evalFollowups.id, memberId: evalFollowups.memberId, cycleId: evalFollowups.cycleId })
    .from(evalFollowups)
    .where(and(inArray(evalFollowups.memberId, memberIds), eq(evalFollowups.status, "open")));
