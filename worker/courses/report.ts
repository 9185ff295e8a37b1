import { and, eq, type SQL, sql } from "drizzle-orm";
import { courseCompletions, courses, lessonProgress, orgs, users } from "../../schema";
import { authorizeAnyPath, type SessionUser } from "../auth";
import type { Caller } from "../env";
import { auditInsert } from "../lib/audit";
import { yearOf } from "../lib/day";
import type { Db } from "../lib/db";
import { conflict, notFound } from "../lib/errors";
import { buildAndKeep, type KeptPage, keptRead, keptText } from "../lib/kept";
import { page } from "../lib/pagination";
import { ancestorPaths, pathIds, subtreeEnd } from "../lib/paths";
import { prepared, readBatch, sqlList } from "../lib/sql";
import type { Table } from "../lib/xlsx";
import type { OrgRow } from "../orgs";
import { flaggedOfMembers } from "./flagged";
import { completionArchive } from "./progress";
import type { RuleRow } from "./rules";
import { countedHours, effectiveQuota, quotaKind } from "./study";
import { onlineYearStatement, type YearHours } from "./years";

interface MemberRow extends YearHours {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  path: string;
  secretary: number;
  cadre: number;
  /** JSON: the member's credited course ids. */
  credited: string;
  /** JSON: lessons done per course id (live lessons only). */
  done: string;
}
interface ItemRow {
  courseId: string;
  orgPath: string;
  required: number;
  audience: string;
  dueAt: number | null;
  lessons: number;
}
interface CompletionRow {
  id: string;
  userId: string;
  courseId: string;
  title: string;
  status: string;
  hours: number;
  completedAt: number;
}

/**
 * The plan items reaching the members of one branch, secretaries or not: on an ancestor of the branch,
 * for all or (if secretary) for secretaries, one per course (the highest required counting), with the
 * totals every member of the group starts from. `late`: required and due before now, so overdue unless credited.
 */
function groupReach(items: readonly ItemRow[], path: string, secretary: boolean, now: number) {
  const mine = new Map<string, ItemRow>();
  for (const i of items) {
    if (!path.startsWith(i.orgPath) || (i.audience === "secretary" && !secretary)) continue;
    const prev = mine.get(i.courseId);
    if (!prev || i.required > prev.required) mine.set(i.courseId, i);
  }
  const reached = new Map<string, { order: number; lessons: number; late: boolean }>();
  let required = 0;
  let lessons = 0;
  let late = 0;
  for (const i of mine.values()) {
    const isLate = i.required === 1 && i.dueAt != null && i.dueAt < now;
    reached.set(i.courseId, { order: reached.size, lessons: i.lessons, late: isLate });
    if (i.required) required++;
    if (isLate) late++;
    lessons += i.lessons;
  }
  return { items: reached, required, lessons, late };
}

/** groupReach worked out once per (branch, secretary or not): members of a branch share their items. */
function reachByGroup(items: readonly ItemRow[], now: number) {
  const groups = new Map<string, ReturnType<typeof groupReach>>();
  return (path: string, secretary: boolean) => {
    const key = `${secretary ? 1 : 0}${path}`;
    let group = groups.get(key);
    if (!group) {
      group = groupReach(items, path, secretary, now);
      groups.set(key, group);
    }
    return group;
  };
}

/**
 * Which members of the subtree: a page (limit, offset) of them in branch order, within a branch in the
 * order of the membership index (by member id, so the page stops after `limit` rows with no sort), or all.
 */
export interface ReportRange {
  year?: number | undefined;
  limit?: number;
  offset?: number;
}

/**
 * The study report of an org subtree in ONE D1 round trip (a batch of 3 statements): a page of its
 * members with their study year (online and offline 学时, kept by the writes), their credited courses
 * and lessons done per course, the plan items reaching the subtree, and the quota versions. A page reads its own
 * members' rows (and the skipped ones before it), never the rest of the subtree. Everything else
 * (overdue, hours against the quota in force that year, rates) is computed here. The year is the org's.
 * A page (a limit given) is kept as served (worker/lib/kept.ts) for the org, the year and the page,
 * whoever of the subtree's overseers asks (they all see the same columns): the caller is authorized on
 * the org before this runs.
 */
export async function studyReport(db: Db, org: OrgRow, range: ReportRange = {}, now = Date.now()) {
  const reportYear = range.year ?? yearOf(now, org.timeZone);
  const report = reportOf(org, reportYear, range, now);
  // The whole subtree (the export, the rates) is computed; a page of the table is kept as served.
  if (range.limit === undefined)
    return report.shape(await readBatch<[MemberRow, ItemRow, RuleRow]>(db, report.queries));
  const d1 = db.$client;
  const kept: KeptPage = {
    table: "kept_report_pages",
    owner: org.id,
    key: JSON.stringify([reportYear, range.limit, range.offset ?? 0]),
  };
  const text = keptText(kept, (await d1.batch([keptRead(d1, kept, now)]))[0]);
  if (text) return JSON.parse(text) as ReturnType<typeof report.shape>;
  const built = await buildAndKeep(
    d1,
    kept,
    report.queries.map((q) => prepared(d1, q)),
    (results) => {
      const [members, items, quotas] = results.map((r) => r.results) as [MemberRow[], ItemRow[], RuleRow[]];
      // Until the next due date passes: a required course then falls overdue.
      const dues = items.flatMap((i) => (i.dueAt != null && i.dueAt >= now ? [i.dueAt + 1] : []));
      return { answer: report.shape([members, items, quotas]), validUntil: Math.min(Infinity, ...dues) };
    },
  );
  return built.answer;
}

/** The report's reads (a batch of 3 statements) and how to shape their rows. */
function reportOf(org: OrgRow, reportYear: number, range: ReportRange, now: number) {
  const lo = org.path;
  const hi = subtreeEnd(org.path);
  const inSubtree = sql`o.path >= ${lo} AND o.path < ${hi}`;
  const limit = range.limit ?? -1;
  const offset = range.offset ?? 0;
  // LIMIT -1: every member (the export and the course rates); otherwise one more than the page, to tell if more follow.
  // The page first (materialized), then each of its members' credited courses and lessons done per course
  // folded into one JSON text: one row per member instead of one per completion and per course studied.
  const page = sql`WITH page AS MATERIALIZED (SELECT u.id, u.display_name AS name, o.id AS orgId, o.name AS orgName,
        o.path, u.cadre AS cadre, sy.online_hours AS hours, sy.offline_hours AS offlineHours,
        EXISTS (SELECT 1 FROM memberships s WHERE s.user_id = u.id AND s.role = 'secretary' AND s.ended_at IS NULL) AS secretary
      FROM orgs o JOIN memberships m ON m.org_id = o.id AND m.role = 'member' AND m.ended_at IS NULL
      JOIN users u ON u.id = m.user_id AND u.active = 1
      LEFT JOIN study_years sy ON sy.user_id = u.id AND sy.year = ${reportYear}
      WHERE ${inSubtree}
      ORDER BY o.path, m.user_id
      LIMIT ${limit < 0 ? -1 : limit + 1} OFFSET ${offset})
    SELECT page.*,
      (SELECT json_group_array(cc.course_id) FROM course_completions cc
        WHERE cc.user_id = page.id AND cc.status = 'credited') AS credited,
      (SELECT json_group_object(d.courseId, d.n) FROM (SELECT p.course_id AS courseId, count(*) AS n
          FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id AND l.removed_at IS NULL
          WHERE p.user_id = page.id AND p.completed_at IS NOT NULL GROUP BY p.course_id) d) AS done
    FROM page ORDER BY page.path, page.id`;
  const queries: [SQL, SQL, SQL] = [
    page,
    sql`SELECT pi.course_id AS courseId, pi.org_path AS orgPath, pi.required, pi.audience,
        pi.due_at AS dueAt, c.lesson_count AS lessons
      FROM plan_items pi JOIN curriculum_plans cp ON cp.id = pi.plan_id AND cp.purpose = 'study'
      JOIN courses c ON c.id = pi.course_id AND c.status != 'draft'
      WHERE pi.org_path IN (${sqlList(ancestorPaths(org.path))}) OR (pi.org_path >= ${lo} AND pi.org_path < ${hi})`,
    sql`SELECT q.org_id AS orgId, q.kind, q.from_year AS fromYear, q.version, q."values"
      FROM study_rules q JOIN orgs o ON o.id = q.org_id
      WHERE q.kind = 'quotas' AND (q.org_id IN (${sqlList(pathIds(org.path))}) OR (${inSubtree}))`,
  ];
  return {
    queries,
    shape: ([members, items, quotas]: [MemberRow[], ItemRow[], RuleRow[]]) =>
      shapeReport(org, reportYear, range, now, members, items, quotas),
  };
}

function shapeReport(
  org: OrgRow,
  reportYear: number,
  range: ReportRange,
  now: number,
  members: MemberRow[],
  items: ItemRow[],
  quotas: RuleRow[],
) {
  const limit = range.limit ?? -1;
  const offset = range.offset ?? 0;
  const more = limit >= 0 && members.length > limit;
  const shown = more ? members.slice(0, limit) : members;
  const reachOf = reachByGroup(items, now);
  const quotaOf = new Map<string, number>();
  const rows = shown.map((m) => {
    const reach = reachOf(m.path, m.secretary === 1);
    // Only the member's own rows are walked: their credited completions and lesson counts among the items reaching them.
    const completedCourses: string[] = [];
    let overdue = reach.late;
    for (const courseId of JSON.parse(m.credited) as string[]) {
      const i = reach.items.get(courseId);
      if (!i) continue;
      completedCourses.push(courseId);
      if (i.late) overdue--;
    }
    completedCourses.sort((a, b) => reach.items.get(a)!.order - reach.items.get(b)!.order);
    let lessonsDone = 0;
    for (const [courseId, done] of Object.entries(JSON.parse(m.done) as Record<string, number>)) {
      const i = reach.items.get(courseId);
      if (i) lessonsDone += Math.min(i.lessons, done);
    }
    const role = quotaKind(m.secretary === 1, m.cadre === 1);
    const online = m.hours ?? 0;
    const offlineHours = m.offlineHours ?? 0;
    const quotaKey = `${role}${m.path}`;
    let quota = quotaOf.get(quotaKey);
    if (quota === undefined) {
      quota = effectiveQuota(quotas, m.path, role, reportYear);
      quotaOf.set(quotaKey, quota);
    }
    return {
      userId: m.id,
      name: m.name,
      orgId: m.orgId,
      orgName: m.orgName,
      role,
      assigned: reach.items.size,
      required: reach.required,
      completed: completedCourses.length,
      overdue,
      lessons: reach.lessons,
      lessonsDone,
      completedCourses,
      hours: online,
      offlineHours,
      counted: countedHours(role, online, offlineHours),
      quota,
    };
  });
  return {
    org: { id: org.id, name: org.name },
    year: reportYear,
    members: rows,
    nextOffset: more ? offset + limit : null,
  };
}

interface RateRow {
  courseId: string;
  title: string;
  assigned: number;
  completed: number;
  overdue: number;
}
interface CountedRateRow extends RateRow {
  /** The soonest required due date not passed yet among those it counts (when its overdue next changes by itself). */
  nextDue: number | null;
}
interface FlaggedRow extends CompletionRow {
  name: string;
  orgName: string;
}

/** Flagged completions shown beside the rates: the oldest first, as a review queue. */
const FLAGGED_SHOWN = 100;

/**
 * The subtree's course rates, a page of courses by title, and its flagged completions, counted inside SQLite
 * (a batch of 2) instead of shipping every member's rows to the Worker. They count people: each active
 * person with a live membership of role member in the subtree, once, is reached by the study plan items on
 * any of their branches or above (for secretaries also the items for secretaries); a course is required for
 * them if any reaching item is, overdue when required, its earliest required due date has passed and it is
 * not credited — the member table's rule. The statements scan the subtree's members, so the page is kept as
 * served (worker/lib/kept.ts, kept_report_pages under the org: its study and roster generations, bumped by
 * completions and their review, memberships, people's names and activity, branch names; plan items and
 * courses bump the study epoch) until the soonest due date it counts passes: a repeat read is one point
 * lookup. The caller is authorized on the org before this runs; every overseer of it sees the same answer.
 */
export async function studyCourseRates(
  db: Db,
  org: OrgRow,
  range: { limit: number; offset: number },
  now = Date.now(),
) {
  const d1 = db.$client;
  const kept: KeptPage = {
    table: "kept_report_pages",
    owner: org.id,
    key: JSON.stringify(["courses", range.limit, range.offset]),
  };
  const text = keptText(kept, (await d1.batch([keptRead(d1, kept, now)]))[0]);
  if (text) return JSON.parse(text) as ReturnType<typeof shapeRates>["answer"];
  const built = await buildAndKeep(
    d1,
    kept,
    courseRatesQueries(org, range, now).map((q) => prepared(d1, q)),
    (results) => shapeRates(results.map((r) => r.results) as [CountedRateRow[], FlaggedRow[]], range),
  );
  return built.answer;
}

/** The page as served, kept until the soonest due date it counts passes: a required course then falls overdue. */
function shapeRates([rates, flagged]: [CountedRateRow[], FlaggedRow[]], range: { limit: number; offset: number }) {
  const shown = page(rates, range.limit, range.offset);
  const dues = shown.items.flatMap((r) => (r.nextDue == null ? [] : [r.nextDue + 1]));
  const courses = shown.items.map(({ nextDue: _, ...r }: CountedRateRow): RateRow => r);
  return {
    answer: {
      courses: courses.map((r) => ({ ...r, rate: r.assigned ? r.completed / r.assigned : null })),
      nextOffset: shown.nextOffset,
      flagged,
    },
    validUntil: Math.min(Infinity, ...dues),
  };
}

/** The rates' page (limit + 1 courses) and the flagged completions, as two statements. */
function courseRatesQueries(org: OrgRow, range: { limit: number; offset: number }, now: number): [SQL, SQL] {
  const lo = org.path;
  const hi = subtreeEnd(org.path);
  // One row per live membership of role member in the subtree (a person in two branches: two rows).
  const members = (extra: SQL) => sql`SELECT u.id, u.display_name AS name, o.name AS orgName, o.path,
      EXISTS (SELECT 1 FROM memberships s WHERE s.user_id = u.id AND s.role = 'secretary' AND s.ended_at IS NULL) AS secretary${extra}
    FROM orgs o JOIN memberships m ON m.org_id = o.id AND m.role = 'member' AND m.ended_at IS NULL
    JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE o.path >= ${lo} AND o.path < ${hi}`;
  // Its group `g`: its branch's path, or for a person with several memberships in the subtree (their row of
  // org_people there says how many, one lookup) their own id.
  const grouped = sql`, CASE WHEN (SELECT p.memberships FROM org_people p WHERE p.org_id = ${org.id} AND p.user_id = u.id) > 1
      THEN u.id ELSE o.path END AS g`;
  return [
    // People of one branch share its plan items, so the items reach groups (branch, secretary or not) and each
    // person is read once, with their credited completions (CROSS JOIN: sought per member; SQLite, without
    // statistics, otherwise scanned every completion of the tenant by course). A person in several branches
    // (org_people's idea: a committee counts people, not memberships) is a group of their own, reached through
    // all their branches: counted once (count(DISTINCT id)). Materialized: each read once (flattened, SQLite ran the items' OR over
    // plan_items once per member).
    sql`WITH members AS MATERIALIZED (${members(grouped)}),
      groups AS MATERIALIZED (SELECT g, secretary, path, count(DISTINCT id) AS n FROM members GROUP BY g, secretary, path),
      items AS MATERIALIZED (SELECT pi.course_id AS courseId, pi.org_path AS orgPath, pi.required, pi.audience, pi.due_at AS dueAt
        FROM plan_items pi JOIN curriculum_plans cp ON cp.id = pi.plan_id AND cp.purpose = 'study'
        JOIN courses c ON c.id = pi.course_id AND c.status != 'draft'
        WHERE pi.org_path IN (${sqlList(ancestorPaths(org.path))}) OR (pi.org_path >= ${lo} AND pi.org_path < ${hi})),
      reach AS MATERIALIZED (SELECT i.courseId, gr.g, gr.secretary, max(gr.n) AS n, max(i.required) AS required,
          min(CASE WHEN i.required = 1 THEN i.dueAt END) AS dueAt
        FROM groups gr JOIN items i ON substr(gr.path, 1, length(i.orgPath)) = i.orgPath
          AND (i.audience = 'all' OR gr.secretary)
        GROUP BY i.courseId, gr.g, gr.secretary),
      done AS MATERIALIZED (SELECT cc.course_id AS courseId, m.g, m.secretary, count(DISTINCT m.id) AS n
        FROM members m CROSS JOIN course_completions cc ON cc.user_id = m.id AND cc.status = 'credited'
        GROUP BY cc.course_id, m.g, m.secretary)
      SELECT r.courseId, c.title, sum(r.n) AS assigned, coalesce(sum(d.n), 0) AS completed,
        sum(CASE WHEN r.required = 1 AND r.dueAt < ${now} THEN r.n - coalesce(d.n, 0) ELSE 0 END) AS overdue,
        min(CASE WHEN r.required = 1 AND r.dueAt >= ${now} THEN r.dueAt END) AS nextDue
      FROM reach r JOIN courses c ON c.id = r.courseId
      LEFT JOIN done d ON d.courseId = r.courseId AND d.g = r.g AND d.secretary = r.secretary
      GROUP BY r.courseId ORDER BY c.title, r.courseId
      LIMIT ${range.limit + 1} OFFSET ${range.offset}`,
    // Each completion once, shown with its person's first branch in path order (SQLite: min()'s row's columns).
    sql`SELECT id, userId, courseId, title, status, hours, completedAt, name, orgName FROM (
        SELECT cc.id, cc.user_id AS userId, cc.course_id AS courseId, c.title, cc.status, cc.hours,
          cc.completed_at AS completedAt, u.display_name AS name, o.name AS orgName, min(o.path)
        FROM orgs o ${flaggedOfMembers}
        JOIN courses c ON c.id = cc.course_id
        WHERE o.path >= ${lo} AND o.path < ${hi}
        GROUP BY cc.id)
      ORDER BY completedAt, id LIMIT ${FLAGGED_SHOWN}`,
  ];
}

/** Who oversees study in a subtree: its secretaries and committees. */
export const OVERSEERS = ["secretary", "admin"] as const;

const CSV_HEAD = {
  "zh-CN": ["支部", "姓名", "角色", "分配课程", "必修", "已完成", "逾期", "线上学时", "线下学时", "学时要求"],
  "zh-TW": ["支部", "姓名", "角色", "分配課程", "必修", "已完成", "逾期", "線上學時", "線下學時", "學時要求"],
  en: [
    "Branch",
    "Name",
    "Role",
    "Assigned",
    "Required",
    "Completed",
    "Overdue",
    "Online hours",
    "Offline hours",
    "Quota",
  ],
} as const;

/** Whose quota a member counts against, by name (the report page's words). */
const ROLE_NAMES = {
  "zh-CN": { secretary: "支部书记", cadre: "干部", member: "党员" },
  "zh-TW": { secretary: "支部書記", cadre: "幹部", member: "黨員" },
  en: { secretary: "Branch secretary", cadre: "Cadre", member: "Member" },
} as const;

export function reportTable(report: Awaited<ReturnType<typeof studyReport>>, locale: keyof typeof CSV_HEAD): Table {
  return {
    header: CSV_HEAD[locale],
    rows: report.members.map((r) => [
      r.orgName,
      r.name,
      ROLE_NAMES[locale][r.role],
      r.assigned,
      r.required,
      r.completed,
      r.overdue,
      r.hours,
      r.offlineHours,
      r.quota,
    ]),
  };
}

/** A completion with its member's branch path (for the subtree check) and course title. */
export async function getCompletion(db: Db, id: string) {
  const [row] = await db
    .select({
      completion: courseCompletions,
      orgPath: orgs.path,
      orgName: orgs.name,
      timeZone: orgs.timeZone,
      memberName: users.displayName,
      schoolName: sql<string>`(SELECT name FROM orgs s WHERE s.id = ${courses.schoolOrgId})`,
      // JSON: the paths of the branches the member is in now (a move since leaves the completion's org behind).
      memberPaths: sql<string>`(SELECT json_group_array(mo.path) FROM memberships mm JOIN orgs mo ON mo.id = mm.org_id
        WHERE mm.user_id = ${courseCompletions.userId} AND mm.role = 'member' AND mm.ended_at IS NULL)`,
      course: courses,
    })
    .from(courseCompletions)
    .innerJoin(orgs, eq(orgs.id, courseCompletions.orgId))
    .innerJoin(users, eq(users.id, courseCompletions.userId))
    .innerJoin(courses, eq(courses.id, courseCompletions.courseId))
    .where(eq(courseCompletions.id, id));
  return row;
}

type FoundCompletion = NonNullable<Awaited<ReturnType<typeof getCompletion>>>;

/**
 * Who oversees a completion: the overseers of the org it was earned in, and of the branches its member is
 * in now, whose flagged queue lists it (studyCourseRates counts people by their memberships).
 */
export function authorizeCompletion(user: SessionUser, found: FoundCompletion | undefined) {
  const paths = found ? [found.orgPath, ...(JSON.parse(found.memberPaths) as string[])] : [];
  authorizeAnyPath(user, paths, OVERSEERS, "completion");
}

/**
 * The secretary decides a flagged completion: accept credits it (and writes the archive event);
 * reject removes it and the implausible lesson completions, so the member studies those again.
 */
export async function reviewCompletion(db: Db, actorId: string, found: FoundCompletion, decision: "accept" | "reject") {
  const c = found.completion;
  if (c.status !== "flagged") throw conflict("only flagged completions are reviewed");
  const now = Date.now();
  const audit = auditInsert(
    db,
    { actorId, action: `completion_${decision}ed`, entity: "course_completion", entityId: c.id, orgId: c.orgId },
    now,
  );
  if (decision === "accept") {
    const credited = { ...c, status: "credited" as const, reviewedBy: actorId, reviewedAt: now };
    await db.batch([
      db
        .update(courseCompletions)
        .set({ status: "credited", reviewedBy: actorId, reviewedAt: now })
        .where(and(eq(courseCompletions.id, c.id), eq(courseCompletions.status, "flagged"))),
      completionArchive(db, credited, found.course.title, actorId, now),
      onlineYearStatement(db, c.userId, c.completedAt, found.timeZone),
      audit,
    ]);
    return { status: "credited" as const };
  }
  await db.batch([
    db.delete(courseCompletions).where(eq(courseCompletions.id, c.id)),
    db
      .delete(lessonProgress)
      .where(
        and(
          eq(lessonProgress.userId, c.userId),
          eq(lessonProgress.courseId, c.courseId),
          eq(lessonProgress.implausible, true),
        ),
      ),
    audit,
  ]);
  return { status: "rejected" as const };
}

/** A credited completion's certificate: the member's own, or one their secretary or committee oversees. */
export async function certificate({ db, user }: Caller, completionId: string) {
  const found = await getCompletion(db, completionId);
  if (!found) throw notFound("completion");
  if (found.completion.userId !== user.id) authorizeCompletion(user, found);
  if (found.completion.status !== "credited") throw notFound("certificate");
  return {
    id: found.completion.id,
    memberName: found.memberName,
    orgName: found.orgName,
    courseTitle: found.course.title,
    category: found.course.category,
    schoolName: found.schoolName,
    hours: found.completion.hours,
    completedAt: found.completion.completedAt,
  };
}
