import { eq } from "drizzle-orm";
import { offlineCredits } from "../../schema";
import { auditInsert } from "../lib/audit";
import { chunkedInserts, type Db } from "../lib/db";
import { newId } from "../lib/ids";
import { offlineYearStatement } from "./years";

/** A study meeting as it credits 学时: its branch, day, declared hours (null: no credit) and title. */
interface StudyMeeting {
  id: string;
  branchId: string;
  studiedOn: string;
  hours: number | null;
  title: string;
}

/**
 * The statements that make one meeting's offline credits exactly `present` × its hours, for the caller's
 * db.batch beside the attendance they follow from. The old rows are deleted and the new ones written, so
 * a correction replaces the credit instead of adding to it; a change (never a repeat) is audited with
 * who gained and who lost the hours.
 */
export async function replaceOfflineCredits(
  db: Db,
  meeting: StudyMeeting,
  present: readonly string[],
  actorId: string,
  now: number,
) {
  const before = await db
    .select({ userId: offlineCredits.userId, hours: offlineCredits.hours, studiedOn: offlineCredits.studiedOn })
    .from(offlineCredits)
    .where(eq(offlineCredits.sourceMeetingId, meeting.id));
  const credited = meeting.hours ? [...new Set(present)] : [];
  const had = new Map(before.map((r) => [r.userId, r]));
  const added = credited.filter((u) => !had.has(u));
  const removed = before.filter((r) => !credited.includes(r.userId)).map((r) => r.userId);
  const changedTerms = before.some((r) => r.hours !== meeting.hours || r.studiedOn !== meeting.studiedOn);
  if (!added.length && !removed.length && !changedTerms) return [];
  const rows = credited.map((userId) => ({
    id: newId(),
    userId,
    orgId: meeting.branchId,
    sourceMeetingId: meeting.id,
    title: meeting.title,
    studiedOn: meeting.studiedOn,
    hours: meeting.hours ?? 0,
    createdAt: now,
  }));
  // Every study year that gained or lost hours: the meeting's, and the one it was on before a date change.
  const years = new Set([meeting.studiedOn, ...before.map((r) => r.studiedOn)].map((d) => Number(d.slice(0, 4))));
  const touched = [...credited, ...before.map((r) => r.userId)];
  return [
    db.delete(offlineCredits).where(eq(offlineCredits.sourceMeetingId, meeting.id)),
    ...chunkedInserts(db, offlineCredits, rows),
    ...[...years].map((year) => offlineYearStatement(db, touched, year)),
    auditInsert(
      db,
      {
        actorId,
        action: before.length ? "offline_credits_corrected" : "offline_credits_granted",
        entity: "meeting",
        entityId: meeting.id,
        orgId: meeting.branchId,
        detail: { hours: meeting.hours, added, removed, before: before.length, after: rows.length },
      },
      now,
    ),
  ];
}
