import { sql } from "drizzle-orm";
import { type AdvisorSchedule, dueWork, talentAdvisorSchedules } from "../../schema";
import { auditInsert } from "../lib/audit";
import { dayOf } from "../lib/day";
import type { Db } from "../lib/db";
import { ApiError, invalid, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { advisorDueKey, ELIGIBLE_SQL } from "./rotation";

/** The branch's advisor row in due_work made due now (kept if sooner), so the next tick looks at it. */
export function dueNow(db: Db, branchId: string, now: number) {
  return db
    .insert(dueWork)
    .values({ ...advisorDueKey(branchId), dueAt: now })
    .onConflictDoUpdate({
      target: [dueWork.kind, dueWork.subject, dueWork.ref],
      set: { dueAt: sql`min(${dueWork.dueAt}, excluded.due_at)` },
    });
}

/**
 * A new version of a branch's advisor schedule. It starts on a day that has not passed and after the
 * terms it already opened end, so no past or running term is rewritten.
 */
export async function writeSchedule(db: Db, actorId: string, branchId: string, body: AdvisorSchedule, now: number) {
  if (body.startsOn < dayOf(now))
    throw invalid("a schedule starts today or later", [{ path: "startsOn", code: "too_small" }]);
  const [last] = await db.$client.batch<{ version: number | null; runningUntil: string | null }>([
    db.$client
      .prepare(
        `SELECT (SELECT max(version) FROM talent_advisor_schedules WHERE org_id = ?1) AS version,
                (SELECT max(ends_on) FROM talent_terms WHERE org_id = ?1 AND seat IS NOT NULL AND closed_on IS NULL)
                  AS runningUntil`,
      )
      .bind(branchId),
  ]);
  const row = last?.results[0];
  if (row?.runningUntil && body.startsOn <= row.runningUntil) {
    throw new ApiError(409, "term_overlap", "the scheduled terms already opened run until this day", {
      runningUntil: row.runningUntil,
    });
  }
  const id = newId();
  const version = (row?.version ?? 0) + 1;
  try {
    await db.batch([
      db
        .insert(talentAdvisorSchedules)
        .values({ id, orgId: branchId, version, ...body, createdBy: actorId, createdAt: now }),
      auditInsert(
        db,
        {
          actorId,
          action: "talent_advisor_schedule",
          entity: "talent_advisor_schedule",
          entityId: id,
          orgId: branchId,
        },
        now,
      ),
      dueNow(db, branchId, now),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "someone changed the schedule at the same time");
    throw err;
  }
  return { id, version };
}

interface TermRow {
  id: string;
  memberId: string;
  memberName: string;
  title: string;
  startsOn: string;
  endsOn: string;
  closedOn: string | null;
  seat: number | null;
  version: number | null;
  meetings: number;
  tasks: number;
}

const TERMS_SQL = `
  SELECT t.id, t.member_id AS memberId, u.display_name AS memberName, t.title, t.starts_on AS startsOn,
         t.ends_on AS endsOn, t.closed_on AS closedOn, t.seat, s.version,
         (SELECT count(*) FROM talent_term_entries e WHERE e.term_id = t.id AND e.kind = 'meeting') AS meetings,
         (SELECT count(*) FROM talent_term_entries e WHERE e.term_id = t.id AND e.kind = 'task') AS tasks
    FROM talent_terms t
    JOIN users u ON u.id = t.member_id
    LEFT JOIN talent_advisor_schedules s ON s.id = t.schedule_id
   WHERE t.org_id = ?1 AND t.kind = 'advisor'`;

/**
 * The secretary's view of a branch's rotation in one round trip: every schedule version (newest
 * first), the open terms (running and next), the last 50 closed ones and who rotates next, in order.
 */
export async function advisorView(db: Db, branchId: string) {
  const d1 = db.$client;
  const [schedules, open, past, queue] = await d1.batch([
    d1
      .prepare(
        `SELECT s.id, s.version, s.starts_on AS startsOn, s.term_months AS termMonths, s.seats,
                s.notice_days AS noticeDays, s.title, s.duties, u.display_name AS createdByName, s.created_at AS createdAt
           FROM talent_advisor_schedules s JOIN users u ON u.id = s.created_by
          WHERE s.org_id = ?1 ORDER BY s.version DESC`,
      )
      .bind(branchId),
    d1.prepare(`${TERMS_SQL} AND t.closed_on IS NULL ORDER BY t.starts_on, t.seat`).bind(branchId),
    d1.prepare(`${TERMS_SQL} AND t.closed_on IS NOT NULL ORDER BY t.starts_on DESC, t.seat LIMIT 50`).bind(branchId),
    d1.prepare(`${ELIGIBLE_SQL} LIMIT 20`).bind(branchId),
  ]);
  const rows = <T>(r: { results: unknown[] } | undefined) => (r?.results ?? []) as T[];
  const versions = rows<AdvisorSchedule & { id: string; version: number; createdByName: string; createdAt: number }>(
    schedules,
  );
  return {
    current: versions[0] ?? null,
    versions,
    open: rows<TermRow>(open),
    past: rows<TermRow>(past),
    queue: rows<{ userId: string; name: string; lastServed: string | null }>(queue),
  };
}
