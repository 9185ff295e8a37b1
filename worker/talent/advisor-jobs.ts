import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { zonedMidnight } from "../../schema/evaluations/periods";
import { addDays, dayIn } from "../lib/day";
import { type DueRow, setDue } from "../lib/due";
import { newId } from "../lib/ids";
import { notifyFromSelect } from "../lib/notify";
import { ADVISOR_DUE, advisorDueKey, ELIGIBLE_SQL, type Period, periodsAt } from "./rotation";

interface Branch {
  id: string;
  name: string;
  timeZone: string;
}
interface ScheduleRow {
  id: string;
  version: number;
  startsOn: string;
  termMonths: number;
  seats: number;
  noticeDays: number;
  title: string;
  duties: string;
  createdBy: string;
}
interface OpenTerm {
  id: string;
  startsOn: string;
  endsOn: string;
}
interface Eligible {
  userId: string;
}

/** Without a schedule (terms made by hand only), reminders come this many days ahead. */
const DEFAULT_NOTICE_DAYS = 7;

/**
 * The cron tick's share of the claimed due rows: each branch with advisor work due is processed once.
 * Nothing due, nothing read.
 */
export async function onCron(env: { DB: D1Database }, now: number, due: readonly DueRow[]) {
  let opened = 0;
  for (const row of due) if (row.kind === ADVISOR_DUE) opened += await rotateBranch(env.DB, row.subject, now);
  return { opened };
}

/**
 * One branch's advisor work on `now`, in one read batch and one write batch: closes the terms that have
 * ended (a record per term in the member's growth archive), opens the due period's seats to the
 * members next in the rotation, reminds, and sets the branch's next moment. Every write is keyed (a
 * seat by its unique index; the archive, audit and notices only for rows this run wrote), so two runs
 * over the same branch write everything once.
 */
export async function rotateBranch(d1: D1Database, branchId: string, now: number) {
  const [branchRes, scheduleRes, openRes, seatRes, eligibleRes] = await d1.batch([
    d1.prepare("SELECT id, name, time_zone AS timeZone FROM orgs WHERE id = ?1").bind(branchId),
    d1
      .prepare(
        `SELECT id, version, starts_on AS startsOn, term_months AS termMonths, seats, notice_days AS noticeDays,
                title, duties, created_by AS createdBy
           FROM talent_advisor_schedules WHERE org_id = ?1 ORDER BY version DESC LIMIT 1`,
      )
      .bind(branchId),
    d1
      .prepare(
        `SELECT id, starts_on AS startsOn, ends_on AS endsOn FROM talent_terms
          WHERE org_id = ?1 AND kind = 'advisor' AND closed_on IS NULL`,
      )
      .bind(branchId),
    d1
      .prepare(
        "SELECT DISTINCT starts_on AS startsOn FROM talent_terms WHERE org_id = ?1 AND seat IS NOT NULL ORDER BY starts_on DESC LIMIT 3",
      )
      .bind(branchId),
    d1.prepare(ELIGIBLE_SQL).bind(branchId),
  ]);
  const branch = branchRes?.results[0] as Branch | undefined;
  const key = advisorDueKey(branchId);
  if (!branch) {
    await setDue(d1, key, null).run();
    return 0;
  }
  const schedule = scheduleRes?.results[0] as ScheduleRow | undefined;
  const open = (openRes?.results ?? []) as OpenTerm[];
  const seated = new Set(((seatRes?.results ?? []) as { startsOn: string }[]).map((r) => r.startsOn));
  const queue = ((eligibleRes?.results ?? []) as Eligible[]).map((e) => e.userId);
  const today = dayIn(now, branch.timeZone);
  const noticeDays = schedule?.noticeDays ?? DEFAULT_NOTICE_DAYS;
  const writes: D1PreparedStatement[] = [];

  const ended = open.filter((t) => t.endsOn < today);
  for (const t of ended) writes.push(...closing(d1, t, branch.timeZone, now));
  const still = open.filter((t) => t.endsOn >= today);

  let next: Period | undefined;
  let opened = 0;
  let unseated = false;
  if (schedule) {
    const at = periodsAt(schedule, today);
    next = at.next;
    for (const p of at.due) {
      if (seated.has(p.startsOn)) continue;
      const members = queue.splice(0, schedule.seats);
      // Nobody free today (all hold a term or a post): try again tomorrow.
      if (!members.length) unseated = true;
      members.forEach((memberId, i) => {
        const id = newId();
        writes.push(...opening(d1, { id, memberId, branch, schedule, period: p, seat: i + 1 }, now));
        still.push({ id, startsOn: p.startsOn, endsOn: p.endsOn });
      });
      opened += members.length;
    }
  }
  writes.push(...notices(d1, branchId, today, addDays(today, noticeDays), now));

  // The next moment: a period to open, a term to remind of (before its start or end) or to close.
  const days = [
    next?.opensOn,
    unseated ? addDays(today, 1) : undefined,
    ...still.flatMap((t) => [addDays(t.startsOn, -noticeDays), addDays(t.endsOn, -noticeDays), addDays(t.endsOn, 1)]),
  ].filter((d): d is string => !!d && d > today);
  const first = days.sort()[0];
  writes.push(setDue(d1, key, first ? midnight(first, branch.timeZone) : null));
  await d1.batch(writes);
  return opened;
}

const midnight = (day: string, timeZone: string) => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return zonedMidnight(y, m, d, timeZone);
};

/** A seat's term, then its archive event and audit line only if this run's row went in. */
function opening(
  d1: D1Database,
  o: { id: string; memberId: string; branch: Branch; schedule: ScheduleRow; period: Period; seat: number },
  now: number,
) {
  const { id, schedule: s, period: p } = o;
  return [
    d1
      .prepare(
        `INSERT INTO talent_terms (id, kind, member_id, org_id, title, host, duties, starts_on, ends_on, assigned_by,
                                   schedule_id, seat, created_at)
         VALUES (?1, 'advisor', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT DO NOTHING`,
      )
      .bind(
        id,
        o.memberId,
        o.branch.id,
        s.title,
        o.branch.name,
        s.duties,
        p.startsOn,
        p.endsOn,
        s.createdBy,
        s.id,
        o.seat,
        now,
      ),
    d1
      .prepare(
        `INSERT INTO archive_events (id, member_id, org_id, kind, subject_type, subject_id, summary, occurred_at, created_at)
         SELECT ?1, t.member_id, t.org_id, 'talent.term_opened', 'talent_term', t.id,
                json_object('kind', 'advisor', 'title', t.title, 'host', t.host, 'startsOn', t.starts_on,
                            'endsOn', t.ends_on, 'version', ?4),
                ?3, ?5
           FROM talent_terms t WHERE t.id = ?2`,
      )
      .bind(newId(), id, midnight(p.startsOn, o.branch.timeZone), s.version, now),
    d1
      .prepare(
        `INSERT INTO audit_log (id, actor_id, action, entity, entity_id, org_id, at)
         SELECT ?1, NULL, 'talent_term_opened', 'talent_term', t.id, t.org_id, ?3 FROM talent_terms t WHERE t.id = ?2`,
      )
      .bind(newId(), id, now),
  ];
}

/**
 * An ended term closes on its last day, without a grade: the record is what the advisor took part in.
 * The archive event is written only while the term is still open, so a second run adds nothing.
 */
function closing(d1: D1Database, term: OpenTerm, timeZone: string, now: number) {
  const count = (kind: string) =>
    `(SELECT count(*) FROM talent_term_entries e WHERE e.term_id = t.id AND e.kind = '${kind}')`;
  return [
    d1
      .prepare(
        `INSERT INTO archive_events (id, member_id, org_id, kind, subject_type, subject_id, summary, occurred_at, created_at)
         SELECT ?1, t.member_id, t.org_id, 'talent.term_closed', 'talent_term', t.id,
                json_object('kind', 'advisor', 'title', t.title, 'host', t.host, 'endsOn', t.ends_on,
                            'meetings', ${count("meeting")}, 'tasks', ${count("task")}, 'work', ${count("work")}),
                ?3, ?4
           FROM talent_terms t WHERE t.id = ?2 AND t.closed_on IS NULL`,
      )
      .bind(newId(), term.id, midnight(addDays(term.endsOn, 1), timeZone), now),
    d1.prepare("UPDATE talent_terms SET closed_on = ends_on WHERE id = ?1 AND closed_on IS NULL").bind(term.id),
  ];
}

/**
 * The branch's reminders, keyed per term so each lands once: the advisor before the term starts, the
 * branch's secretaries before it ends. Through the platform's one notification writer.
 */
function notices(d1: D1Database, branchId: string, today: string, horizon: string, now: number) {
  return [
    notifyFromSelect(
      d1,
      `SELECT t.member_id, 'advisor-start:' || t.id, 'advisor_starting',
              json_object('branch', t.host, 'dueOn', t.starts_on, 'title', t.title), '/talent/advisor', NULL, ?4
         FROM talent_terms t
        WHERE t.org_id = ?1 AND t.kind = 'advisor' AND t.closed_on IS NULL AND t.starts_on > ?2 AND t.starts_on <= ?3`,
      branchId,
      today,
      horizon,
      now,
    ),
    notifyFromSelect(
      d1,
      `SELECT m.user_id, 'advisor-end:' || t.id, 'advisor_ending',
              json_object('person', u.display_name, 'dueOn', t.ends_on, 'title', t.title),
              '/talent/advisors?org=' || t.org_id, NULL, ?4
         FROM talent_terms t
         JOIN users u ON u.id = t.member_id
         JOIN memberships m ON m.org_id = t.org_id AND m.role = 'secretary' AND m.ended_at IS NULL
        WHERE t.org_id = ?1 AND t.kind = 'advisor' AND t.closed_on IS NULL AND t.ends_on >= ?2 AND t.ends_on <= ?3
          AND m.user_id <> t.member_id`,
      branchId,
      today,
      horizon,
      now,
    ),
  ];
}
