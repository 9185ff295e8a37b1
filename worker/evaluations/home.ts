import { sql } from "drizzle-orm";
import type { CycleWindows } from "../../schema/evaluations/periods";
import type { Phase } from "../../schema/evaluations/values";
import type { SessionMembership, SessionUser } from "../auth";
import { branchesBehind, flaggedCompletions, memberStudyToDo } from "../courses";
import type { Db } from "../lib/db";
import { ancestorPaths, subtreeEnd } from "../lib/paths";
import { type FieldedPart, oneStatement, type ReadPart, readParts, type Shaped, sqlList } from "../lib/sql";
import { essaysToGrade, memberQuizToDo } from "../quizzes";
import { servicesToConfirm } from "../services";
import { branchFollowups, committeeFollowups, myOpenFollowups } from "./followup-home";

// The home page: what waits for this user, by role, read in ONE round trip (each feature adds its statements).

const DAY = 86_400_000;
/** A committee hears of a phase closing within this many days. */
const SOON = 7 * DAY;

type Windows = CycleWindows["windows"];
const parseWindows = (w: string | Windows): Windows => (typeof w === "string" ? JSON.parse(w) : w);
const isOpen = (w: { opensAt: number; closesAt: number } | undefined, now: number, until = 0) =>
  !!w && w.opensAt <= now && now < Math.max(w.closesAt, until);

interface MemberCycleRow {
  cycleId: string;
  name: string;
  label: string;
  windows: string;
  analysis: string | null;
  reopenedUntil: number | null;
}

/**
 * The member's open self-analysis and appraisal windows. Of the appraisal only that it is open and until
 * when: nothing here depends on any ballot, the member's own included.
 */
function memberEvaluationToDo(user: SessionUser, now: number) {
  const paths = [
    ...new Set(user.memberships.filter((m) => m.role === "member").flatMap((m) => ancestorPaths(m.orgPath))),
  ];
  if (!paths.length) return null;
  return {
    queries: [
      sql`SELECT c.id AS cycleId, c.name AS name, c.label AS label, c.windows AS windows,
          a.status AS analysis, a.reopened_until AS reopenedUntil
        FROM eval_cycles c
        LEFT JOIN eval_analyses a ON a.cycle_id = c.id AND a.member_id = ${user.id}
        WHERE c.branch_path IN (${sqlList(paths)}) AND c.status = 'open'
        ORDER BY c.closes_at`,
    ],
    fields: [["cycleId", "name", "label", "windows", "analysis", "reopenedUntil"]],
    shape: ([rows]) => {
      const cycles = rows as MemberCycleRow[];
      const steps = cycles.flatMap((r) => {
        const w = parseWindows(r.windows);
        const base = { cycleId: r.cycleId, name: r.name, label: r.label };
        const items: { kind: "analysis" | "appraisal"; dueAt: number; returned: boolean }[] = [];
        const done = r.analysis === "submitted" || r.analysis === "accepted";
        if (!done && isOpen(w.analysis, now, r.reopenedUntil ?? 0)) {
          const dueAt = Math.max(w.analysis!.closesAt, r.reopenedUntil ?? 0);
          items.push({ kind: "analysis", dueAt, returned: r.analysis === "returned" });
        }
        if (isOpen(w.appraisal, now)) items.push({ kind: "appraisal", dueAt: w.appraisal!.closesAt, returned: false });
        return items.map((i) => ({ ...base, ...i }));
      });
      // The steps change by the clock alone when any window of these cycles opens or closes, or a reopening ends.
      const times = cycles.flatMap((r) => [
        ...Object.values(parseWindows(r.windows)).flatMap((x) => (x ? [x.opensAt, x.closesAt] : [])),
        r.reopenedUntil ?? 0,
      ]);
      return { steps, changesAt: Math.min(...times.filter((t) => t > now)) };
    },
  } satisfies FieldedPart<unknown>;
}

interface BranchCycleRow {
  cycleId: string;
  branchId: string;
  name: string;
  label: string;
  windows: string;
  toReview: number;
  notSubmitted: number;
}

/**
 * Per open cycle of the secretary's branches: analyses waiting for review, members yet to submit (the
 * branch's memberships first: CROSS JOIN keeps that order; without statistics SQLite scanned every live
 * membership of the tenant).
 */
function branchEvaluationToDo(branchIds: string[], now: number) {
  return {
    queries: [
      sql`SELECT c.id AS cycleId, c.branch_id AS branchId, c.name AS name, c.label AS label, c.windows AS windows,
          (SELECT count(*) FROM eval_analyses a WHERE a.cycle_id = c.id AND a.status = 'submitted') AS toReview,
          (SELECT count(DISTINCT ms.user_id) FROM orgs o
            CROSS JOIN memberships ms ON ms.org_id = o.id AND ms.role = 'member' AND ms.ended_at IS NULL
            CROSS JOIN users u ON u.id = ms.user_id AND u.active = 1
            WHERE o.path >= c.branch_path AND o.path < substr(c.branch_path, 1, length(c.branch_path) - 1) || '0'
              AND NOT EXISTS (SELECT 1 FROM eval_analyses a WHERE a.cycle_id = c.id AND a.member_id = ms.user_id
                AND a.status IN ('submitted', 'accepted'))) AS notSubmitted
        FROM eval_cycles c
        WHERE c.branch_id IN (${sqlList(branchIds)}) AND c.status = 'open'
        ORDER BY c.closes_at`,
    ],
    shape: ([rows]) =>
      (rows as BranchCycleRow[]).map((r) => {
        const w = parseWindows(r.windows);
        const analysisOpen = isOpen(w.analysis, now);
        return {
          cycleId: r.cycleId,
          branchId: r.branchId,
          name: r.name,
          label: r.label,
          toReview: r.toReview,
          // Only while members can still submit is "not yet submitted" something to act on.
          notSubmitted: analysisOpen ? r.notSubmitted : 0,
          analysisClosesAt: analysisOpen ? w.analysis!.closesAt : null,
        };
      }),
  } satisfies ReadPart<unknown>;
}

interface ClosingRow {
  cycleId: string;
  branchName: string;
  name: string;
  label: string;
  windows: string;
}

/** Open cycles of a committee's subtree with a phase closing within SOON, soonest first. */
function cyclesClosingSoon(orgPath: string, now: number) {
  const soon = now + SOON;
  const phaseCloses = (p: Phase) => sql.raw(`json_extract(c.windows, '$.${p}.closesAt')`);
  return {
    queries: [
      sql`SELECT c.id AS cycleId, b.name AS branchName, c.name AS name, c.label AS label, c.windows AS windows
        FROM eval_cycles c JOIN orgs b ON b.id = c.branch_id
        WHERE c.branch_path >= ${orgPath} AND c.branch_path < ${subtreeEnd(orgPath)} AND c.status = 'open'
          AND (${phaseCloses("analysis")} BETWEEN ${now} AND ${soon}
            OR ${phaseCloses("appraisal")} BETWEEN ${now} AND ${soon}
            OR ${phaseCloses("decision")} BETWEEN ${now} AND ${soon})
        LIMIT 50`,
    ],
    shape: ([rows]) =>
      (rows as ClosingRow[])
        .map((r) => {
          const w = parseWindows(r.windows);
          const [phase, at] = (Object.entries(w) as [Phase, { closesAt: number }][])
            .filter(([, x]) => x.closesAt >= now && x.closesAt <= soon)
            .map(([p, x]) => [p, x.closesAt] as const)
            .sort((a, b) => a[1] - b[1])[0]!;
          return { cycleId: r.cycleId, branchName: r.branchName, name: r.name, label: r.label, phase, closesAt: at };
        })
        .sort((a, b) => a.closesAt - b.closesAt)
        .slice(0, 10),
  } satisfies ReadPart<unknown>;
}

/** Per committee the user administers: its branches behind on study and its cycles closing soon. */
function committeeToDo(committees: SessionMembership[], now: number) {
  const parts = committees.map(
    (c) =>
      [branchesBehind(c.orgPath, now), cyclesClosingSoon(c.orgPath, now), committeeFollowups(c.orgPath, now)] as const,
  );
  return {
    queries: parts.flatMap(([behind, closing, followups]) => [
      ...behind.queries,
      ...closing.queries,
      ...followups.queries,
    ]),
    shape: (rows) =>
      committees.map((c, i) => {
        const [behind, closing, followups] = parts[i]!;
        return {
          orgId: c.orgId,
          name: c.orgName,
          branchesBehind: behind.shape([rows[3 * i]!]).slice(0, 10),
          cyclesClosing: closing.shape([rows[3 * i + 1]!]),
          followups: followups.shape([rows[3 * i + 2]!]),
        };
      }),
  } satisfies ReadPart<unknown>;
}

/** The outermost orgs where the user holds `role` (a nested grant adds nothing to its ancestor's). */
function outermost(user: SessionUser, role: "secretary" | "admin") {
  const held = user.memberships.filter((m) => m.role === role);
  return held.filter((m) => !held.some((o) => o !== m && m.orgPath.startsWith(o.orgPath) && o.orgPath !== m.orgPath));
}

/** A member's own list as ONE statement (study, quizzes, evaluation steps, follow-ups: a JSON column each). */
export const memberToDo = (db: Db, user: SessionUser, now: number) =>
  oneStatement({
    study: memberStudyToDo(db, user, now),
    quizzes: memberQuizToDo(user, now),
    evaluations: memberEvaluationToDo(user, now),
    followups: myOpenFollowups(user.id),
  })!;

/**
 * The member's section from memberToDo's parts (null unless they are a member of some branch), and the
 * next time it changes by the clock alone.
 */
export async function memberSection(mine: Shaped<ReturnType<typeof memberToDo>>) {
  // The study part comes kept, or is computed and kept after the batch (worker/courses/kept.ts).
  const { study: keptStudy, quizzes, evaluations, followups } = mine;
  const study = await keptStudy;
  const latest = [
    quizzes?.latestQuiz && { kind: "quiz" as const, ...quizzes.latestQuiz, hours: null },
    study?.toDo.latestCourse && { kind: "course" as const, attemptId: null, ...study.toDo.latestCourse },
  ]
    .filter((x) => !!x)
    .sort((a, b) => b.at - a.at)[0];
  return {
    member: study && {
      courses: study.toDo.courses,
      coursesLeft: study.toDo.coursesLeft,
      hours: study.toDo.hours,
      evaluations: evaluations?.steps ?? [],
      followups,
      quizzes: quizzes?.quizzes ?? [],
      latest: latest ?? null,
    },
    changesAt: Math.min(
      study?.validUntil ?? Infinity,
      quizzes?.changesAt ?? Infinity,
      evaluations?.changesAt ?? Infinity,
    ),
  };
}

/**
 * Everything on the home page in one D1 round trip, whatever the size of the tree: a member's due study,
 * quizzes and evaluation steps; a secretary's reviews and confirmations per branch; a committee's branches
 * behind and cycles closing; a publisher's essays to grade. Each section covers only the caller's own orgs.
 */
export async function homeFor(db: Db, user: SessionUser, now = Date.now()) {
  const branches = [...new Map(outermost(user, "secretary").map((m) => [m.orgId, m])).values()];
  const committees = [...new Map(outermost(user, "admin").map((m) => [m.orgId, m])).values()];
  const branchPaths = branches.map((b) => b.orgPath);
  const { mine, ...r } = await readParts(db, {
    mine: memberToDo(db, user, now),
    branchCycles: branches.length
      ? branchEvaluationToDo(
          branches.map((b) => b.orgId),
          now,
        )
      : null,
    branchFollowups: branches.length
      ? branchFollowups(
          branches.map((b) => b.orgId),
          now,
        )
      : null,
    services: branches.length ? servicesToConfirm(branchPaths) : null,
    flagged: branches.length ? flaggedCompletions(branchPaths) : null,
    grading: essaysToGrade(user),
    committees: committees.length ? committeeToDo(committees, now) : null,
  });
  const { member } = await memberSection(mine);
  return {
    member,
    branches: branches.map((b) => ({
      branchId: b.orgId,
      name: b.orgName,
      cycles: (r.branchCycles ?? []).filter((c) => c.branchId === b.orgId),
      servicesToConfirm: r.services?.get(b.orgId) ?? 0,
      flaggedCompletions: r.flagged?.get(b.orgId) ?? 0,
      followups: r.branchFollowups?.get(b.orgId) ?? { open: 0, due: 0 },
    })),
    committees: r.committees ?? [],
    grading: r.grading,
  };
}
