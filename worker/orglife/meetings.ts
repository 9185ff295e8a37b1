import { and, eq, sql } from "drizzle-orm";
import { orglifeAttendance, orglifeMeetings, orgs } from "../../schema";
import type { Attendance } from "../../schema/orglife/values";
import { replaceOfflineCredits } from "../courses";
import { auditInsert } from "../lib/audit";
import { dayIn } from "../lib/day";
import { chunkedInserts, type Db } from "../lib/db";
import { ApiError, conflict, invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeEnd } from "../lib/paths";
import { readBatch, sqlList } from "../lib/sql";
import type { OrgRow } from "../orgs";

export type MeetingRow = typeof orglifeMeetings.$inferSelect;
export interface LoadedMeeting {
  meeting: MeetingRow;
  branch: { id: string; name: string; path: string; timeZone: string };
}

interface PlanInput {
  kind: string;
  topic: string;
  meetingOn: string;
  place: string;
  online: boolean;
  courseId?: string | null | undefined;
  studyHours?: number | null | undefined;
}

export async function planMeeting(db: Db, branch: OrgRow, input: PlanInput, by: string, now: number) {
  const id = newId();
  const row = {
    id,
    branchId: branch.id,
    kind: input.kind,
    topic: input.topic,
    meetingOn: input.meetingOn,
    place: input.place,
    online: input.online,
    courseId: input.courseId ?? null,
    studyHours: input.studyHours ?? null,
    createdBy: by,
    createdAt: now,
  };
  await db.batch([
    db.insert(orglifeMeetings).values(row),
    auditInsert(db, { actorId: by, action: "meeting_planned", entity: "meeting", entityId: id, orgId: branch.id }, now),
  ]);
  return { id };
}

export type EditInput = Partial<Omit<PlanInput, "kind">>;

const notPlanned = () => new ApiError(409, "meeting_not_planned", "only a planned meeting is changed");

/**
 * Re-plans a meeting not yet held: only the fields sent change. The update is guarded by the status too,
 * so a record or cancellation that lands first wins and this one changes nothing.
 */
export async function editMeeting(
  db: Db,
  { meeting, branch }: LoadedMeeting,
  input: EditInput,
  by: string,
  now: number,
) {
  if (meeting.status !== "planned") throw notPlanned();
  const changed = Object.keys(input).filter((k) => input[k as keyof EditInput] !== undefined);
  const [updated] = await db.batch([
    db
      .update(orglifeMeetings)
      .set(input)
      .where(and(eq(orglifeMeetings.id, meeting.id), eq(orglifeMeetings.status, "planned")))
      .returning({ id: orglifeMeetings.id }),
    auditInsert(
      db,
      {
        actorId: by,
        action: "meeting_edited",
        entity: "meeting",
        entityId: meeting.id,
        orgId: branch.id,
        detail: { changed },
      },
      now,
    ),
  ]);
  if (!updated.length) throw notPlanned();
  return { id: meeting.id, changed };
}

export async function loadMeeting(db: Db, id: string): Promise<LoadedMeeting | undefined> {
  const [row] = await db
    .select({
      meeting: orglifeMeetings,
      branch: { id: orgs.id, name: orgs.name, path: orgs.path, timeZone: orgs.timeZone },
    })
    .from(orglifeMeetings)
    .innerJoin(orgs, eq(orgs.id, orglifeMeetings.branchId))
    .where(eq(orglifeMeetings.id, id))
    .limit(1);
  return row;
}

/** The branch's current members (its party groups included), by name. */
export const branchMembersSql = (path: string) =>
  sql`SELECT DISTINCT u.id, u.display_name AS name FROM memberships m
    JOIN orgs o ON o.id = m.org_id JOIN users u ON u.id = m.user_id
    WHERE m.role = 'member' AND m.ended_at IS NULL AND u.active = 1
      AND o.path >= ${path} AND o.path < ${subtreeEnd(path)}
    ORDER BY u.display_name`;

/**
 * Whom a record may name: the branch's current members, and whoever this meeting already recorded (a
 * correction after someone left the branch keeps them). One round trip.
 */
export async function recordable(db: Db, { meeting, branch }: LoadedMeeting) {
  const [members, recorded] = await readBatch<[{ id: string }, { id: string }]>(db, [
    branchMembersSql(branch.path),
    sql`SELECT user_id AS id FROM orglife_attendance WHERE meeting_id = ${meeting.id}`,
  ]);
  return new Set([...members, ...recorded].map((m) => m.id));
}

interface AttendanceRow {
  userId: string;
  status: Attendance;
  reason: string;
}

/** A meeting with its branch's members and their recorded attendance, its material and cycle: one round trip. */
export async function meetingDetail(db: Db, { meeting, branch }: LoadedMeeting) {
  const [members, attendance, course, cycle] = await readBatch<
    [
      { id: string; name: string },
      AttendanceRow,
      { id: string; title: string },
      { id: string; name: string; label: string },
    ]
  >(db, [
    branchMembersSql(branch.path),
    sql`SELECT user_id AS userId, status, reason FROM orglife_attendance WHERE meeting_id = ${meeting.id}`,
    sql`SELECT id, title FROM courses WHERE id = ${meeting.courseId ?? ""}`,
    sql`SELECT id, name, label FROM eval_cycles WHERE id = ${meeting.cycleId ?? ""} AND branch_id = ${branch.id}`,
  ]);
  const byUser = new Map(attendance.map((a) => [a.userId, a]));
  // Someone who left the branch after the meeting still shows as recorded.
  const names = new Map(members.map((m) => [m.id, m.name]));
  const gone = attendance.filter((a) => !names.has(a.userId)).map((a) => a.userId);
  const goneNames = gone.length
    ? await db.all<{ id: string; name: string }>(
        sql`SELECT id, display_name AS name FROM users WHERE id IN (${sqlList(gone)})`,
      )
    : [];
  const people = [...members, ...goneNames].map((m) => ({
    userId: m.id,
    name: m.name,
    status: byUser.get(m.id)?.status ?? null,
    reason: byUser.get(m.id)?.reason ?? "",
  }));
  return {
    meeting,
    branch: { id: branch.id, name: branch.name },
    course: course[0] ?? null,
    cycle: cycle[0] ?? null,
    attendance: people,
  };
}

interface RecordInput {
  content: string;
  decisions: string;
  speakers: string;
  cycleId?: string | null | undefined;
  studyHours?: number | null | undefined;
  attendance: { userId: string; status: Attendance; reason: string }[];
}

/**
 * Records the meeting as held, or corrects that record: minutes, the whole attendance list, and the
 * offline 学时 of the present members (replaced, so a correction counts once), in one batch.
 */
export async function recordMeeting(
  db: Db,
  { meeting, branch }: LoadedMeeting,
  input: RecordInput,
  memberIds: ReadonlySet<string>,
  by: string,
  now: number,
) {
  if (meeting.status === "cancelled") throw conflict("this meeting was cancelled");
  if (meeting.meetingOn > dayIn(now, branch.timeZone))
    throw invalid("a meeting is recorded once it has been held", [{ path: "meetingOn", code: "in_future" }]);
  const problems = [];
  const seen = new Set<string>();
  for (const [i, a] of input.attendance.entries()) {
    if (!memberIds.has(a.userId)) problems.push({ path: `attendance.${i}.userId`, code: "not_a_member" });
    if (seen.has(a.userId)) problems.push({ path: `attendance.${i}.userId`, code: "duplicate" });
    if (a.status === "leave" && !a.reason)
      problems.push({ path: `attendance.${i}.reason`, code: "leave_reason_required" });
    seen.add(a.userId);
  }
  if (problems.length) throw invalid("attendance does not match the branch's members", problems);
  const studyHours = input.studyHours === undefined ? meeting.studyHours : input.studyHours;
  const cycleId = input.cycleId === undefined ? meeting.cycleId : input.cycleId;
  const present = input.attendance.filter((a) => a.status === "present").map((a) => a.userId);
  const credits = await replaceOfflineCredits(
    db,
    { id: meeting.id, branchId: branch.id, studiedOn: meeting.meetingOn, hours: studyHours, title: meeting.topic },
    present,
    by,
    now,
  );
  const corrected = meeting.status === "held";
  await db.batch([
    db
      .update(orglifeMeetings)
      .set({
        status: "held",
        content: input.content,
        decisions: input.decisions,
        speakers: input.speakers,
        cycleId,
        studyHours,
        recordedBy: by,
        recordedAt: now,
      })
      .where(eq(orglifeMeetings.id, meeting.id)),
    db.delete(orglifeAttendance).where(eq(orglifeAttendance.meetingId, meeting.id)),
    ...chunkedInserts(
      db,
      orglifeAttendance,
      input.attendance.map((a) => ({ meetingId: meeting.id, ...a })),
    ),
    ...credits,
    auditInsert(
      db,
      {
        actorId: by,
        action: corrected ? "meeting_corrected" : "meeting_recorded",
        entity: "meeting",
        entityId: meeting.id,
        orgId: branch.id,
        detail: { present: present.length, recorded: input.attendance.length, studyHours },
      },
      now,
    ),
  ]);
  return { status: "held" as const, corrected, credited: studyHours ? present.length : 0 };
}

export async function cancelMeeting(db: Db, { meeting, branch }: LoadedMeeting, by: string, now: number) {
  if (meeting.status !== "planned") throw conflict("only a planned meeting is cancelled");
  await db.batch([
    db
      .update(orglifeMeetings)
      .set({ status: "cancelled" })
      .where(and(eq(orglifeMeetings.id, meeting.id), eq(orglifeMeetings.status, "planned"))),
    auditInsert(
      db,
      { actorId: by, action: "meeting_cancelled", entity: "meeting", entityId: meeting.id, orgId: branch.id },
      now,
    ),
  ]);
  return { status: "cancelled" as const };
}
