import { sql } from "drizzle-orm";
import { ancestorPaths, subtreeEnd } from "../lib/paths";
import { type ReadPart, sqlList } from "../lib/sql";
import { memberBranches } from "./access";
import { flaggedOfMembers } from "./flagged";
import type { RuleRow } from "./rules";
import { rulesOnSql } from "./rules";
import { countedHours, effectiveQuota, quotaKind, type Studier } from "./study";
import { type ProfileYearRow, profileYear, profileYearSql } from "./years";

// The home page's share of the courses feature: statements for one combined batch (worker/lib/sql.ts readParts).

const SHOWN = 5;

interface DueRow {
  courseId: string;
  title: string;
  audience: "all" | "secretary";
  dueAt: number | null;
}

/**
 * A member's required courses not yet credited (soonest due first), hours this year against the quota:
 * the statements and their shape (worker/courses/kept.ts keeps the answer beside my study's).
 */
export function studyToDoReads(user: Studier, now: number) {
  const branches = memberBranches(user);
  if (!branches.length) return null;
  const paths = [...new Set(branches.flatMap((b) => ancestorPaths(b.orgPath)))];
  const isSecretary = user.memberships.some((m) => m.role === "secretary");
  const branch = branches[0]!;
  return {
    queries: [
      sql`SELECT pi.course_id AS courseId, c.title AS title, pi.audience AS audience, min(pi.due_at) AS dueAt
        FROM plan_items pi
        JOIN curriculum_plans cp ON cp.id = pi.plan_id AND cp.purpose = 'study'
        JOIN courses c ON c.id = pi.course_id AND c.status = 'published'
        WHERE pi.org_path IN (${sqlList(paths)}) AND pi.required = 1
          AND NOT EXISTS (SELECT 1 FROM course_completions cc
            WHERE cc.user_id = ${user.id} AND cc.course_id = pi.course_id AND cc.status = 'credited')
        GROUP BY pi.course_id, pi.audience
        ORDER BY dueAt IS NULL, dueAt`,
      rulesOnSql("quotas", paths),
      profileYearSql(user.id, branch.orgPath, now),
      sql`SELECT c.title AS title, cc.hours AS hours, cc.completed_at AS at
        FROM course_completions cc JOIN courses c ON c.id = cc.course_id
        WHERE cc.user_id = ${user.id} AND cc.status = 'credited'
        ORDER BY cc.completed_at DESC LIMIT 1`,
    ],
    shape: ([due, quotas, profile, latest]: any[][]) => {
      const courses = new Map<string, { courseId: string; title: string; dueAt: number | null; overdue: boolean }>();
      for (const r of due as DueRow[]) {
        if (r.audience === "secretary" && !isSecretary) continue;
        const prev = courses.get(r.courseId);
        const dueAt = prev?.dueAt == null ? r.dueAt : r.dueAt == null ? prev.dueAt : Math.min(prev.dueAt, r.dueAt);
        courses.set(r.courseId, { courseId: r.courseId, title: r.title, dueAt, overdue: dueAt != null && dueAt < now });
      }
      const open = [...courses.values()].sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
      const { cadre, year, hours, offlineHours } = profileYear(profile as ProfileYearRow[], now);
      const role = quotaKind(isSecretary, cadre);
      return {
        courses: open.slice(0, SHOWN),
        coursesLeft: open.length,
        hours: {
          year,
          // Against the quota: online credit and offline study meetings (a cadre's quota is online only).
          hours: countedHours(role, hours, offlineHours),
          quota: effectiveQuota(quotas as RuleRow[], branch.orgPath, role, year),
        },
        latestCourse: (latest?.[0] as { title: string; hours: number; at: number } | undefined) ?? null,
      };
    },
  } satisfies ReadPart<unknown>;
}

/**
 * Flagged completions (no credit until the secretary accepts them) waiting in each of these branches, each
 * once, as its review queue lists them (worker/courses/report.ts).
 */
export function flaggedCompletions(branchPaths: string[]) {
  return {
    queries: [
      sql`SELECT b.id AS branchId, count(DISTINCT cc.id) AS n
        FROM orgs b CROSS JOIN orgs o ON o.path >= b.path AND o.path < substr(b.path, 1, length(b.path) - 1) || '0'
        ${flaggedOfMembers}
        WHERE b.path IN (${sqlList(branchPaths)})
        GROUP BY b.path`,
    ],
    shape: ([rows]) => new Map((rows as { branchId: string; n: number }[]).map((r) => [r.branchId, r.n])),
  } satisfies ReadPart<unknown>;
}

interface BranchStudyRow {
  branchId: string;
  name: string;
  members: number;
  assigned: number;
  done: number;
  overdue: number;
}

/**
 * Branches of a committee's subtree that are behind on required study: some required course overdue,
 * or completion well below the subtree's (under half of it). Worst first, no ranks shown.
 */
export function branchesBehind(orgPath: string, now: number) {
  const lo = orgPath;
  const hi = subtreeEnd(orgPath);
  return {
    queries: [
      // CROSS JOIN keeps each join's order, from the subtree's branches out: without statistics SQLite built an
      // automatic index over every membership of the tenant, and walked every published course for the items.
      sql`WITH b AS MATERIALIZED (
          SELECT id, name, path FROM orgs
          WHERE path >= ${lo} AND path < ${hi} AND kind = 'branch' AND archived_at IS NULL),
        m AS MATERIALIZED (
          SELECT b.id AS branchId, ms.user_id AS userId
          FROM b CROSS JOIN orgs o ON o.path >= b.path AND o.path < substr(b.path, 1, length(b.path) - 1) || '0'
          CROSS JOIN memberships ms ON ms.org_id = o.id AND ms.role = 'member' AND ms.ended_at IS NULL),
        i AS MATERIALIZED (
          SELECT b.id AS branchId, pi.course_id AS courseId, min(pi.due_at) AS dueAt
          FROM plan_items pi CROSS JOIN curriculum_plans cp ON cp.id = pi.plan_id AND cp.purpose = 'study'
          CROSS JOIN courses c ON c.id = pi.course_id AND c.status = 'published'
          CROSS JOIN b ON b.path >= pi.org_path AND b.path < substr(pi.org_path, 1, length(pi.org_path) - 1) || '0'
          WHERE pi.required = 1 AND pi.audience = 'all'
            AND (pi.org_path IN (${sqlList(ancestorPaths(orgPath))}) OR (pi.org_path >= ${lo} AND pi.org_path < ${hi}))
          GROUP BY b.id, pi.course_id),
        people AS MATERIALIZED (SELECT branchId, count(DISTINCT userId) AS n FROM m GROUP BY branchId)
        SELECT b.id AS branchId, b.name AS name, coalesce(p.n, 0) AS members,
          count(cc_pair.userId) AS assigned,
          coalesce(sum(cc_pair.done), 0) AS done,
          coalesce(sum(cc_pair.done = 0 AND cc_pair.dueAt < ${now}), 0) AS overdue
        FROM b LEFT JOIN people p ON p.branchId = b.id
        LEFT JOIN (
          SELECT m.branchId, m.userId, i.dueAt,
            EXISTS (SELECT 1 FROM course_completions cc
              WHERE cc.user_id = m.userId AND cc.course_id = i.courseId AND cc.status = 'credited') AS done
          FROM m JOIN i ON i.branchId = m.branchId) cc_pair ON cc_pair.branchId = b.id
        GROUP BY b.id`,
    ],
    shape: ([rows]) => {
      const all = rows as BranchStudyRow[];
      const assigned = all.reduce((s, r) => s + r.assigned, 0);
      const overall = assigned ? all.reduce((s, r) => s + r.done, 0) / assigned : null;
      return all
        .map((r) => ({
          branchId: r.branchId,
          name: r.name,
          members: r.members,
          rate: r.assigned ? r.done / r.assigned : null,
          overdue: r.overdue,
        }))
        .filter((r) => r.overdue > 0 || (overall != null && r.rate != null && r.rate < overall / 2))
        .sort((a, b) => b.overdue - a.overdue || (a.rate ?? 1) - (b.rate ?? 1));
    },
  } satisfies ReadPart<unknown>;
}
