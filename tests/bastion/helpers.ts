import {
  courseCompletions,
  courses,
  curriculumPlans,
  devCases,
  devSteps,
  evalDecisions,
  evalFollowups,
  orglifeMeetings,
  planItems,
  ratingRounds,
  ratings,
  serviceRecords,
} from "../../schema";
import { MIN_K } from "../../schema/masses/values";
import { yearRange } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { closedCycle } from "../evaluations/helpers";
import { db, type makeTree } from "../fixtures";

export const DAY = 86_400_000;
/** The scored period: the calendar year 2025 (long closed, so every input is final). */
export const [START, END] = yearRange(2025);
export const PERIOD = `start=${START}&end=${END}`;

type Tree = Awaited<ReturnType<typeof makeTree>>;

/** Meetings a branch held, as the secretary records them: [kind, day] each; returns their ids. */
export async function holdMeetings(branchId: string, by: string, meetings: [string, string][]) {
  const rows = meetings.map(([kind, meetingOn]) => ({
    id: newId(),
    branchId,
    kind,
    topic: `${kind} ${meetingOn}`,
    meetingOn,
    status: "held" as const,
    createdBy: by,
    createdAt: Date.now(),
  }));
  await db().insert(orglifeMeetings).values(rows);
  return rows.map((r) => r.id);
}

/** The least organisational life that keeps a branch from lagging in 2025: one general meeting, one 组织生活会. */
export const holdYearly = (branchId: string, by: string) =>
  holdMeetings(branchId, by, [
    ["general_meeting", "2025-04-10"],
    ["life_meeting", "2025-12-10"],
  ]);

/**
 * Records of every kind the index reads, for branch A (community, members secA and memA) in 2025:
 * one closed cycle with both decided, 8 confirmed service hours, a branch rating round of MIN_K ratings
 * half satisfied, two development steps (one late), two follow-ups (one closed), 32 credited study
 * hours for memA (secA, a secretary, has none: half the members met their quota), and 6 held meetings
 * of which 5 meet the default rhythm's 45 (two general meetings, one lecture of two in the same quarter,
 * one theme day, the 组织生活会).
 */
export async function seedRecords(tree: Tree) {
  const now = Date.now();
  const b = tree.branchA;
  const cycleId = await closedCycle(tree.committee, b, {
    label: "2025年度",
    periodStart: START,
    periodEnd: END,
    closesAt: END - DAY,
    createdAt: START,
  });
  await db()
    .insert(evalDecisions)
    .values(
      [tree.secA, tree.memA].map((m) => ({
        cycleId,
        memberId: m.id,
        grade: "qualified" as const,
        decidedBy: tree.secA.id,
        decidedAt: END - 2 * DAY,
      })),
    );
  const service = (memberId: string, hours: number) => ({
    id: newId(),
    memberId,
    orgId: b.id,
    category: "other" as const,
    servedOn: "2025-05-01",
    servedAt: START + 120 * DAY,
    hours,
    place: "社区",
    peopleServed: 3,
    description: "走访独居老人",
    status: "confirmed" as const,
    createdAt: now,
  });
  await db()
    .insert(serviceRecords)
    .values([service(tree.memA.id, 5), service(tree.secA.id, 3)]);
  const roundId = newId();
  await db()
    .insert(ratingRounds)
    .values({
      id: roundId,
      orgId: b.id,
      target: "branch",
      title: "群众评支部",
      items: [],
      kThreshold: MIN_K,
      closesAt: START + 200 * DAY,
      headHash: "x",
      createdBy: tree.secA.id,
      createdAt: START,
    });
  await db()
    .insert(ratings)
    .values(
      Array.from({ length: MIN_K }, (_, i) => ({
        id: newId(),
        roundId,
        orgId: b.id,
        rateeId: b.id,
        seq: i + 1,
        answers: { a: "satisfied", b: "unsatisfied" } as never,
        commentStatus: "none" as const,
        createdAt: START + 100 * DAY,
        prevHash: "p",
        hash: `h${i}`,
      })),
    );
  const caseId = newId();
  await db().insert(devCases).values({
    id: caseId,
    userId: tree.memA.id,
    orgId: b.id,
    stage: "applicant",
    createdAt: now,
    updatedAt: now,
  });
  const step = (step: "application" | "talk", late: boolean) => ({
    id: newId(),
    caseId,
    step,
    takenOn: "2025-03-01",
    actor: "branch",
    decision: "done",
    evidence: "记录",
    data: {},
    late,
    recordedBy: tree.secA.id,
    createdAt: now,
  });
  await db()
    .insert(devSteps)
    .values([step("application", false), step("talk", true)]);
  await db()
    .insert(evalFollowups)
    .values([
      { id: newId(), cycleId, memberId: tree.memA.id, branchId: b.id, status: "closed", createdAt: START + DAY },
      { id: newId(), cycleId, memberId: tree.secA.id, branchId: b.id, status: "open", createdAt: START + DAY },
    ]);
  const courseId = newId();
  await db().insert(courses).values({
    id: courseId,
    schoolOrgId: tree.school.id,
    schoolPath: tree.school.path,
    title: "党章",
    category: "theory",
    level: "member",
    status: "published",
    createdBy: tree.publisher.id,
    createdAt: now,
    updatedAt: now,
  });
  const planId = newId();
  await db().insert(curriculumPlans).values({
    id: planId,
    orgId: tree.committee.id,
    title: "年度",
    period: "year",
    year: 2025,
    createdBy: tree.admin.id,
    createdAt: now,
  });
  await db().insert(planItems).values({
    id: newId(),
    planId,
    courseId,
    orgId: b.id,
    orgPath: b.path,
    required: true,
    createdAt: now,
  });
  await db()
    .insert(courseCompletions)
    .values({
      id: newId(),
      userId: tree.memA.id,
      courseId,
      orgId: b.id,
      status: "credited",
      hours: 32,
      checkpointPassed: true,
      completedAt: START + 10 * DAY,
    });
  const meetings = await holdMeetings(b.id, tree.secA.id, [
    ["general_meeting", "2025-02-20"],
    ["lecture", "2025-03-05"],
    ["theme_day", "2025-03-15"],
    ["lecture", "2025-03-25"],
    ["general_meeting", "2025-05-20"],
    ["life_meeting", "2025-12-10"],
  ]);
  return { cycleId, meetings };
}

interface Line {
  key: string;
  status: "ok" | "missing";
  contribution: number;
  points?: number;
  max: number;
  part: string;
}
/** What an explanation adds up to: every line's contribution and every adjustment, in hundredths. */
export const total = (e: { lines: { contribution: number }[]; adjustments: { contribution: number }[] }) =>
  Math.round([...e.lines, ...e.adjustments].reduce((s, x) => s + x.contribution * 100, 0)) / 100;

/** The score as the model defines it: base points of the lines with data, rescaled to 100. */
export function expected(e: { lines: Line[] }) {
  const present = e.lines.filter((l) => l.part === "base" && l.status === "ok");
  const max = present.reduce((s, l) => s + l.max, 0);
  return (present.reduce((s, l) => s + (l.points ?? 0), 0) * 100) / max;
}
