import { type SQL, sql } from "drizzle-orm";
import type { QuotaRole } from "../../schema/courses/values";
import type { Role } from "../../schema/orgs/values";
import type { SessionMembership, SessionUser } from "../auth";
import { DEFAULT_ZONE, dayIn, yearRange } from "../lib/day";
import type { Db } from "../lib/db";
import { ancestorPaths } from "../lib/paths";
import { readBatch, sqlList } from "../lib/sql";
import { type CourseRow, memberBranches } from "./access";
import { checkpointPassed, creditFor, studiedPercent } from "./credit";
import { type CompletionRow, completionOf } from "./progress";
import { type RuleRow, ruleInForce, rulesOnSql, valuesNow } from "./rules";
import { type ProfileYearRow, profileYear, profileYearSql } from "./years";

const DAY = 86_400_000;

/**
 * 学时 credited offline (orglife's study meetings) from the year before `now` on, dated by the meeting's
 * local day, so a year is a prefix of the day whatever the zone.
 */
const offlineSince = (userId: SQL, now: number) =>
  sql`SELECT oc.user_id AS userId, oc.studied_on AS day, oc.hours FROM offline_credits oc
    WHERE oc.user_id IN (${userId}) AND oc.studied_on >= ${`${new Date(now).getUTCFullYear() - 1}-01-01`}`;

export interface OfflineRow {
  userId: string;
  day: string;
  hours: number;
}

/** What counts against the quota: a cadre's 50 学时 are online study; everyone else's count both. */
export const countedHours = (role: QuotaRole, online: number, offline: number) =>
  role === "cadre" ? online : online + offline;

/**
 * Counted 学时 per month of `year` (index 0 is January), added into `months`: credited completions by
 * their day in the branch's zone, offline 学时 by the meeting's day, under the same rule as the total.
 */
function addMonthly(
  months: number[],
  role: QuotaRole,
  credited: readonly { at: number; hours: number }[],
  offline: readonly OfflineRow[],
  year: number,
  zone: string,
) {
  const prefix = `${year}-`;
  const add = (day: string, hours: number) => {
    if (day.startsWith(prefix)) months[Number(day.slice(5, 7)) - 1]! += hours;
  };
  for (const c of credited) add(dayIn(c.at, zone), c.hours);
  if (role !== "cadre") for (const r of offline) add(r.day, r.hours);
  return months;
}

interface LastRow {
  courseId: string;
  lessonId: string;
  courseTitle: string;
  lessonTitle: string;
  percent: number;
}
interface AssignedRow {
  courseId: string;
  required: number;
  audience: "all" | "secretary";
  dueAt: number | null;
  title: string;
  category: string;
  level: string;
  status: string;
  coverUrl: string | null;
  total: number;
  done: number;
  completionId: string | null;
  completionStatus: string | null;
  hours: number | null;
  completedAt: number | null;
}

/** The kind of member a quota is set for: secretaries (and committee members) first, then cadres. */
export const quotaKind = (isSecretary: boolean, cadre: boolean): QuotaRole =>
  isSecretary ? "secretary" : cadre ? "cadre" : "member";

/** A member's annual quota: the quotas version in force that year on the nearest committee above them. */
export const effectiveQuota = (rows: readonly RuleRow[], path: string, kind: QuotaRole, year: number) =>
  ruleInForce(rows, "quotas", path, year).values[kind];

/** Whose study: the signed-in member, or the member an overseer drills down to (id and active roles). */
export type Studier = { id: string; memberships: Pick<SessionMembership, "orgPath" | "role">[] };

/**
 * "My study" as one batch of 6 statements, whatever the number of courses, and how to shape their rows:
 * assignments with per-course progress (correlated counts), quota versions on the member's ancestor
 * orgs, whether they are a cadre with their study-year rows (online and offline 学时, kept by the writes),
 * the last lesson touched, and the year's credited and offline rows by date (the chart's months). Beside
 * the answer, the next instant it changes by time alone (worker/courses/kept.ts keeps it until then).
 */
export function studyReads(user: Studier, now: number) {
  const branches = memberBranches(user);
  const paths = [...new Set(branches.flatMap((b) => ancestorPaths(b.orgPath)))];
  const isSecretary = user.memberships.some((m) => m.role === "secretary");
  const branch = branches[0];
  const queries: SQL[] = [
    sql`SELECT pi.course_id AS courseId, pi.required AS required, pi.audience AS audience,
        pi.due_at AS dueAt, c.title AS title, c.category AS category, c.level AS level, c.status AS status,
        c.cover_url AS coverUrl,
        (SELECT count(*) FROM lessons l WHERE l.course_id = c.id AND l.removed_at IS NULL) AS total,
        (SELECT count(*) FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id AND l.removed_at IS NULL
          WHERE p.user_id = ${user.id} AND p.course_id = c.id AND p.completed_at IS NOT NULL) AS done,
        cc.id AS completionId, cc.status AS completionStatus, cc.hours AS hours, cc.completed_at AS completedAt
      FROM plan_items pi
      JOIN curriculum_plans cp ON cp.id = pi.plan_id AND cp.purpose = 'study'
      JOIN courses c ON c.id = pi.course_id AND c.status != 'draft'
      LEFT JOIN course_completions cc ON cc.course_id = c.id AND cc.user_id = ${user.id}
      WHERE pi.org_path IN (${sqlList(paths)})
      ORDER BY pi.due_at IS NULL, pi.due_at`,
    rulesOnSql("quotas", paths),
    profileYearSql(user.id, branch?.orgPath ?? "", now),
    sql`
      SELECT p.course_id AS courseId, p.lesson_id AS lessonId, c.title AS courseTitle, v.title AS lessonTitle,
             p.percent AS percent
        FROM lesson_progress p
        JOIN courses c ON c.id = p.course_id AND c.status = 'published'
        JOIN lessons l ON l.id = p.lesson_id AND l.removed_at IS NULL
        JOIN lesson_versions v ON v.id = l.current_version_id
       WHERE p.user_id = ${user.id}
       ORDER BY p.completed_at IS NOT NULL, p.updated_at DESC LIMIT 1`,
    // The year's credited hours and offline credits as dated rows, for the chart's months (the totals
    // come from the study year row).
    sql`SELECT completed_at AS at, hours FROM course_completions
      WHERE user_id = ${user.id} AND status = 'credited' AND completed_at >= ${now - 367 * DAY}`,
    offlineSince(sql`${user.id}`, now),
  ];
  const shape = (rows: unknown[][]) => {
    const [assigned, quotas, profile, last, credited, offline] = rows as [
      AssignedRow[],
      RuleRow[],
      ProfileYearRow[],
      LastRow[],
      { at: number; hours: number }[],
      OfflineRow[],
    ];
    // One course may come from several plans: required beats elective, the earliest due date wins.
    const byCourse = new Map<string, AssignedRow>();
    for (const r of assigned) {
      if (r.audience === "secretary" && !isSecretary) continue;
      const prev = byCourse.get(r.courseId);
      if (!prev) byCourse.set(r.courseId, r);
      else {
        const required = Math.max(prev.required, r.required);
        const dueAt = [prev.dueAt, r.dueAt].filter((d): d is number => d != null).sort((a, b) => a - b)[0] ?? null;
        byCourse.set(r.courseId, { ...prev, required, dueAt });
      }
    }
    const zone = profile[0]?.timeZone ?? DEFAULT_ZONE;
    const { cadre, year, hours, offlineHours } = profileYear(profile, now);
    // The year's end (another year, quota and chart), or a course still open falling overdue.
    let validUntil = yearRange(year, zone)[1];
    const items = [...byCourse.values()].map((r) => {
      const completed = r.completionStatus === "credited";
      if (!completed && r.dueAt != null && r.dueAt >= now) validUntil = Math.min(validUntil, r.dueAt + 1);
      return {
        courseId: r.courseId,
        title: r.title,
        category: r.category,
        level: r.level,
        coverUrl: r.coverUrl,
        required: r.required === 1,
        dueAt: r.dueAt,
        lessons: r.total,
        lessonsDone: Math.min(r.done, r.total),
        completion: r.completionId
          ? { id: r.completionId, status: r.completionStatus, hours: r.hours, completedAt: r.completedAt }
          : null,
        overdue: !completed && r.dueAt != null && r.dueAt < now,
      };
    });
    const role = quotaKind(isSecretary, cadre);
    const study = {
      year,
      hours,
      offlineHours,
      months: addMonthly(new Array(12).fill(0), role, credited, offline, year, zone),
      counted: countedHours(role, hours, offlineHours),
      quota: effectiveQuota(quotas, branch?.orgPath ?? "/", role, year),
      quotaRole: role,
      required: items.filter((i) => i.required),
      elective: items.filter((i) => !i.required),
      continue: last[0] ?? null,
    };
    return { study, validUntil };
  };
  return { queries, shape };
}

/** "My study" in ONE D1 round trip, computed from the rows (worker/courses/kept.ts serves it kept). */
export async function myStudy(db: Db, user: Studier, now = Date.now()) {
  const { queries, shape } = studyReads(user, now);
  return shape(await readBatch<unknown[]>(db, queries)).study;
}

/**
 * One member's study as their secretary or committee sees it (issue 11): the same courses, progress and
 * hours as their own page, without where they were last (that is theirs alone).
 */
export async function memberStudy(db: Db, member: { id: string; held: { path: string; role: Role }[] }) {
  const { continue: _last, ...study } = await myStudy(db, {
    id: member.id,
    memberships: member.held.map((h) => ({ orgPath: h.path, role: h.role })),
  });
  return study;
}

interface OutlineRow {
  id: string;
  position: number;
  versionId: string;
  version: number;
  kind: "text" | "video" | "document";
  title: string;
  minutes: number;
  materialKey: string | null;
  videoUrl: string | null;
  percent: number | null;
  position_s: number | null;
  completedAt: number | null;
}

/**
 * A course page in one round trip: outline with this user's progress, their completion, the checkpoint
 * and the school's credit and unlock rules.
 */
export async function courseDetail(db: Db, user: SessionUser, course: CourseRow) {
  const [outline, completion, quiz, rules] = await readBatch<
    [OutlineRow, CompletionRow, { id: string; title: string }, RuleRow]
  >(db, [
    sql`SELECT l.id, l.position, v.id AS versionId, v.version, v.kind, v.title, v.minutes,
        v.material_key AS materialKey, v.video_url AS videoUrl,
        p.percent, p.position AS position_s, p.completed_at AS completedAt
      FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id
      LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.user_id = ${user.id}
      WHERE l.course_id = ${course.id} AND l.removed_at IS NULL ORDER BY l.position`,
    sql`SELECT * FROM course_completions WHERE user_id = ${user.id} AND course_id = ${course.id}`,
    sql`SELECT id, title FROM quizzes WHERE id = ${course.checkpointQuizId ?? ""}`,
    rulesOnSql(["credit", "checkpoint"], [course.schoolPath]),
  ]);
  const { schoolPath: _path, ...rest } = course;
  const minutes = outline.reduce((sum, l) => sum + l.minutes, 0);
  const done = completion[0] ? completionOf(completion[0]) : null;
  // The checkpoint (issue 4): its title, whether it is unlocked by the share studied, and whether this
  // member has passed it (one more query when set).
  const studied = studiedPercent(
    outline.reduce((sum, l) => sum + (l.completedAt != null ? l.minutes : 0), 0),
    minutes,
  );
  const unlockPercent = valuesNow(rules, "checkpoint", course.schoolPath).unlockPercent;
  const table = valuesNow(rules, "credit", course.schoolPath);
  const checkpoint = quiz[0]
    ? {
        quizId: quiz[0].id,
        title: quiz[0].title,
        studiedPercent: studied,
        unlockPercent,
        unlocked: studied >= unlockPercent,
        bonus: table.checkpointBonus,
        passed: done ? done.checkpointPassed : await checkpointPassed(db, user.id, course),
      }
    : null;
  return {
    course: { ...rest, minutes, credit: creditFor(course, minutes, table) },
    lessons: outline.map(({ percent, position_s, completedAt, ...l }) => ({
      ...l,
      progress: percent == null ? null : { percent, position: position_s ?? 0, completedAt },
    })),
    completion: done,
    checkpoint,
  };
}
