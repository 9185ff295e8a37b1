import { sql } from "drizzle-orm";
import { studyYears } from "../../schema";
import { yearOf, yearRange } from "../lib/day";
import type { Db } from "../lib/db";

// A member's study year (study_years) is never added to: each write that changes its 学时 sets the row
// again from the source rows, in the same batch and after the change, so a repeat or a race leaves it
// equal to a fresh sum.

/**
 * The statement that sets a member's online 学时 of the year `at` falls in (their branch's zone) from
 * their credited completions of that year. Put it in the batch after the completion's write.
 */
export function onlineYearStatement(db: Db, userId: string, at: number, zone: string | undefined) {
  const year = yearOf(at, zone);
  const [from, to] = yearRange(year, zone);
  const hours = sql`(SELECT coalesce(sum(hours), 0) FROM course_completions
    WHERE user_id = ${userId} AND status = 'credited' AND completed_at >= ${from} AND completed_at < ${to})`;
  return db
    .insert(studyYears)
    .values({ userId, year, onlineHours: hours, offlineHours: 0 })
    .onConflictDoUpdate({
      target: [studyYears.userId, studyYears.year],
      set: { onlineHours: sql`excluded.online_hours + ${studyYears.carriedOnlineHours}` },
    });
}

/**
 * The statement that sets the offline 学时 of `year` (meeting days are local days, so the year is their
 * prefix) for these members from their offline credits. Put it in the batch after the credits' write.
 */
export function offlineYearStatement(db: Db, userIds: readonly string[], year: number) {
  const hours = sql`coalesce((SELECT sum(oc.hours) FROM offline_credits oc WHERE oc.user_id = j.value
    AND oc.studied_on >= ${`${year}-01-01`} AND oc.studied_on < ${`${year + 1}-01-01`}), 0)`;
  return db
    .insert(studyYears)
    .select(
      sql`SELECT j.value, ${year}, 0, ${hours}, 0 FROM json_each(${JSON.stringify([...new Set(userIds)])}) j WHERE 1`,
    )
    .onConflictDoUpdate({
      target: [studyYears.userId, studyYears.year],
      set: { offlineHours: sql`excluded.offline_hours` },
    });
}

export interface ProfileYearRow {
  cadre: number;
  timeZone: string | null;
  year: number | null;
  hours: number | null;
  offlineHours: number | null;
}

/**
 * One statement for a member's page: whether they are a cadre, their branch's zone and their study-year
 * rows around `now` (which of them is this year depends on that zone, known only from the same read).
 */
export const profileYearSql = (userId: string, branchPath: string, now: number) => {
  const utcYear = new Date(now).getUTCFullYear();
  return sql`SELECT u.cadre AS cadre, o.time_zone AS timeZone, sy.year AS year, sy.online_hours AS hours,
      sy.offline_hours AS offlineHours
    FROM users u LEFT JOIN orgs o ON o.path = ${branchPath}
    LEFT JOIN study_years sy ON sy.user_id = u.id AND sy.year BETWEEN ${utcYear - 1} AND ${utcYear + 1}
    WHERE u.id = ${userId}`;
};

/** This year (in the member's zone) and its 学时 from profileYearSql's rows. */
export function profileYear(rows: readonly ProfileYearRow[], now: number) {
  const zone = rows[0]?.timeZone ?? undefined;
  const year = yearOf(now, zone);
  const row = rows.find((r) => r.year === year);
  return { cadre: rows[0]?.cadre === 1, year, hours: row?.hours ?? 0, offlineHours: row?.offlineHours ?? 0 };
}

/** The study-year columns of a read: online and offline 学时 of the year, null where the member has no row yet. */
export interface YearHours {
  hours: number | null;
  offlineHours: number | null;
}
