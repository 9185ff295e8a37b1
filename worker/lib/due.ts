import type { D1Database } from "@cloudflare/workers-types";
import { and, eq, sql } from "drizzle-orm";
import { dueWork } from "../../schema/common/due";
import type { Db } from "./db";

/** A claimed row of `due_work`: the job kind and its key. */
export interface DueRow {
  kind: string;
  subject: string;
  ref: string;
}

/**
 * How long a claimed row waits before a tick claims it again: its queue message (with retries) has
 * long finished by then, and the job writes the real next moment; a job that never finished is
 * claimed again after it, so nothing is lost.
 */
const CLAIM_LEASE = 3_600_000;

/** The due_at a row claimed at `now` holds until its job stores the next moment. */
export const claimedUntil = (now: number) => now + CLAIM_LEASE;

/**
 * Claims every row due at `now` in one statement on the due_at index: a tick with nothing due reads
 * nothing and writes nothing; a busy tick touches only what is due.
 */
export async function claimDue(d1: D1Database, now: number) {
  const { results } = await d1
    .prepare("UPDATE due_work SET due_at = ?2 WHERE due_at <= ?1 RETURNING kind, subject, ref")
    .bind(now, claimedUntil(now))
    .all<DueRow>();
  return results;
}

/**
 * Hands back what a failed tick at `now` claimed and no job has stored a next moment for: due again at
 * once, so the tick's retry claims it (a job keyed by its rows does nothing twice).
 */
export function releaseClaimed(d1: D1Database, now: number) {
  return d1.prepare("UPDATE due_work SET due_at = ?1 WHERE due_at = ?2").bind(now, claimedUntil(now));
}

/** The statement that sets a job's next moment, or forgets the job when there is none. */
export function setDue(d1: D1Database, key: DueRow, dueAt: number | null) {
  if (dueAt === null) {
    return d1
      .prepare("DELETE FROM due_work WHERE kind = ?1 AND subject = ?2 AND ref = ?3")
      .bind(key.kind, key.subject, key.ref);
  }
  return d1
    .prepare(
      `INSERT INTO due_work (kind, subject, ref, due_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = excluded.due_at`,
    )
    .bind(key.kind, key.subject, key.ref, dueAt);
}

/** setDue for a drizzle batch: a feature schedules its job in the same batch as the change that needs it. */
export function dueStatement(db: Db, key: DueRow, dueAt: number | null) {
  const where = and(eq(dueWork.kind, key.kind), eq(dueWork.subject, key.subject), eq(dueWork.ref, key.ref));
  if (dueAt === null) return db.delete(dueWork).where(where);
  return db
    .insert(dueWork)
    .values({ ...key, dueAt })
    .onConflictDoUpdate({ target: [dueWork.kind, dueWork.subject, dueWork.ref], set: { dueAt } });
}

/**
 * The statements that store the next moments of rows claimed at `now` (null: the job is done, the row
 * goes), for a drizzle batch: each only while the row still holds its claim, so a change that made it
 * due again meanwhile (due_at 0) is not overwritten and the next tick takes it. Two statements however
 * many rows.
 */
export function rescheduleClaimed(
  db: Db,
  kind: string,
  next: readonly { subject: string; dueAt: number | null }[],
  now: number,
) {
  const later = JSON.stringify(next.filter((n) => n.dueAt !== null).map((n) => [n.subject, n.dueAt]));
  const done = JSON.stringify(next.filter((n) => n.dueAt === null).map((n) => n.subject));
  const held = claimedUntil(now);
  return [
    // An upsert walks the list once, each row by its key (an UPDATE … FROM the list would scan the
    // list for every claimed row).
    db
      .insert(dueWork)
      .select(sql`SELECT ${kind}, j.value ->> 0, '', j.value ->> 1 FROM json_each(${later}) j WHERE true`)
      .onConflictDoUpdate({
        target: [dueWork.kind, dueWork.subject, dueWork.ref],
        set: { dueAt: sql`excluded.due_at` },
        setWhere: eq(dueWork.dueAt, held),
      }),
    db
      .delete(dueWork)
      .where(
        and(
          eq(dueWork.kind, kind),
          eq(dueWork.ref, ""),
          eq(dueWork.dueAt, held),
          sql`${dueWork.subject} IN (SELECT value FROM json_each(${done}))`,
        ),
      ),
  ] as const;
}
