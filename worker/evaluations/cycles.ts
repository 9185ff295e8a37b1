import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { FOLLOWUP_RULE_DEFAULTS, type FollowupRuleValues } from "../../schema/evaluations/followups";
import { type CycleWindows, currentPhase, cycleWindows, periodOf } from "../../schema/evaluations/periods";
import type { AppraisalSettings, Frequency, PhaseWindows, TemplateSection } from "../../schema/evaluations/values";
import type { BranchMessage } from "../env";
import { addDays, dayEnd, dayOf } from "../lib/day";
import { type Db, getDb } from "../lib/db";
import { setDue } from "../lib/due";
import { createEvent } from "../lib/events";
import { notifyFromSelect } from "../lib/notify";
import { subtreeEnd } from "../lib/paths";
import { scoreBranch } from "../vanguard";
import { timingForBranchSql } from "./followup-timing";

// One branch's cron work: open due cycles, announce phases, remind, close. Every write is keyed so
// that running it twice, or after a missed tick, lands once. Two D1 round trips at most per branch.

const DAY = 86_400_000;

/** A branch's cycle period closed: features that score the branch (bastion) react. Emitted until scored. */
export const cycleClosed = createEvent<{
  db: Db;
  branchId: string;
  periodStart: number;
  periodEnd: number;
  now: number;
}>();
const REMIND_BEFORE = 2 * DAY;

/** The due_work kind of one branch's cycles under one schedule (the migration's triggers spell it too). */
export const EVAL_CYCLE_DUE = "eval_cycle";

interface ScheduleRow {
  id: string;
  org_path: string;
  name: string;
  frequency: Frequency;
  phases: string;
  template: string;
  settings: string;
}
interface CycleRowRaw {
  id: string;
  schedule_id: string;
  period_start: number;
  period_end: number;
  closes_at: number;
  windows: string;
  phase: string | null;
  status: "open" | "closed";
}
interface BranchRow {
  id: string;
  path: string;
  time_zone: string;
  archived_at: number | null;
}

/** Members of a branch (its own roster and its party groups'): a range scan on orgs.path. */
const MEMBERS_SQL = `SELECT m.user_id FROM orgs o
  JOIN memberships m ON m.org_id = o.id AND m.role = 'member' AND m.ended_at IS NULL
  JOIN users u ON u.id = m.user_id AND u.active = 1
  WHERE o.path >= ?1 AND o.path < ?2`;

interface Key {
  scheduleId: string;
  periodStart: number;
}

/** The statements that notify members (or the branch's secretaries) about one cycle, once per key. */
function notify(
  d1: D1Database,
  branch: BranchRow,
  key: Key,
  o: { kind: string; suffix: string; dueAt: number | null; now: number; params: Record<string, unknown> },
  audience: "members" | "secretaries" | "missing_analysis" | "missing_self" | "decided",
) {
  const who =
    audience === "secretaries"
      ? `SELECT m.user_id FROM memberships m WHERE m.org_id = ?3 AND m.role = 'secretary' AND m.ended_at IS NULL`
      : MEMBERS_SQL;
  const filter =
    audience === "missing_analysis"
      ? `AND NOT EXISTS (SELECT 1 FROM eval_analyses a WHERE a.cycle_id = c.id AND a.member_id = w.user_id AND a.status IN ('submitted','accepted'))`
      : audience === "missing_self"
        ? `AND NOT EXISTS (SELECT 1 FROM eval_votes v WHERE v.cycle_id = c.id AND v.rater_id = w.user_id AND v.ratee_id = w.user_id)`
        : audience === "decided"
          ? `AND EXISTS (SELECT 1 FROM eval_decisions d WHERE d.cycle_id = c.id AND d.member_id = w.user_id)`
          : "";
  // Secretaries' notices count who has not done it yet.
  const missing =
    audience === "secretaries"
      ? `, 'missingAnalysis', (SELECT count(*) FROM (${MEMBERS_SQL}) x WHERE NOT EXISTS (SELECT 1 FROM eval_analyses a WHERE a.cycle_id = c.id AND a.member_id = x.user_id AND a.status IN ('submitted','accepted'))),
          'missingSelf', (SELECT count(*) FROM (${MEMBERS_SQL}) x WHERE NOT EXISTS (SELECT 1 FROM eval_votes v WHERE v.cycle_id = c.id AND v.rater_id = x.user_id AND v.ratee_id = x.user_id))`
      : "";
  return notifyFromSelect(
    d1,
    `SELECT w.user_id, c.id || ':' || ?7, ?8,
            json_patch(json(?9), json_object('cycleId', c.id, 'cycle', c.name, 'label', c.label${missing})),
            '/evaluations/cycle/' || c.id, ?10, ?11
       FROM eval_cycles c, (${who}) w
      WHERE c.schedule_id = ?4 AND c.branch_id = ?3 AND c.period_start = ?5 AND ?6 = ?6 ${filter}`,
    branch.path,
    subtreeEnd(branch.path),
    branch.id,
    key.scheduleId,
    key.periodStart,
    0,
    o.suffix,
    o.kind,
    JSON.stringify(o.params),
    o.dueAt,
    o.now,
  );
}

/** The follow-up time rules in force over the branch, copied onto each follow-up it opens. */
type Timing = FollowupRuleValues & { id: string | null };
interface TimingRow {
  id: string;
  plan_days: number;
  next_days: number;
  warn_days: number;
}

interface Tracked extends Key {
  periodEnd: number;
  windows: CycleWindows["windows"];
  closesAt: number;
  phase: string | null;
  status: "open" | "closed";
  exists: boolean;
}

/** The statements for one cycle at `now`: phase announcements, reminders, closing. */
function cycleWork(d1: D1Database, branch: BranchRow, c: Tracked, timing: Timing, now: number): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  if (c.status === "closed") return out;
  if (now >= c.closesAt) {
    const planDue = addDays(dayOf(now), timing.planDays);
    out.push(
      d1
        .prepare(
          `UPDATE eval_cycles SET status = 'closed', closed_at = ?1, phase = NULL
            WHERE schedule_id = ?2 AND branch_id = ?3 AND period_start = ?4 AND status = 'open'`,
        )
        .bind(now, c.scheduleId, branch.id, c.periodStart),
      d1
        .prepare(
          // Education first: the help plan is the first step awaited.
          `INSERT INTO eval_followups (id, cycle_id, member_id, branch_id, status, next_step, next_due, next_due_on,
                                       rule_id, plan_days, next_days, warn_days, created_at, updated_at)
           SELECT lower(hex(randomblob(15))), d.cycle_id, d.member_id, ?3, 'open', 'plan', ?5, ?6, ?7, ?8, ?9, ?10, ?1, ?1
             FROM eval_decisions d JOIN eval_cycles c ON c.id = d.cycle_id
            WHERE c.schedule_id = ?2 AND c.branch_id = ?3 AND c.period_start = ?4 AND d.grade = 'unqualified'
           ON CONFLICT (cycle_id, member_id) DO NOTHING`,
        )
        .bind(
          now,
          c.scheduleId,
          branch.id,
          c.periodStart,
          dayEnd(planDue),
          planDue,
          timing.id,
          timing.planDays,
          timing.nextDays,
          timing.warnDays,
        ),
      notify(d1, branch, c, { kind: "result", suffix: "result", dueAt: null, now, params: {} }, "decided"),
      notify(d1, branch, c, { kind: "closed", suffix: "closed", dueAt: null, now, params: {} }, "secretaries"),
    );
    return out;
  }
  const phase = currentPhase(c.windows, now);
  if (!c.exists || c.phase === null) {
    // Announced until a phase is recorded; the notification keys keep it to once per person.
    const params = { closesAt: c.closesAt };
    out.push(notify(d1, branch, c, { kind: "opened", suffix: "opened", dueAt: c.closesAt, now, params }, "members"));
    out.push(
      notify(d1, branch, c, { kind: "opened", suffix: "opened:sec", dueAt: c.closesAt, now, params }, "secretaries"),
    );
  }
  if (phase && phase !== c.phase) {
    const w = c.windows[phase]!;
    out.push(
      d1
        .prepare(`UPDATE eval_cycles SET phase = ?1 WHERE schedule_id = ?2 AND branch_id = ?3 AND period_start = ?4`)
        .bind(phase, c.scheduleId, branch.id, c.periodStart),
      notify(
        d1,
        branch,
        c,
        { kind: "phase", suffix: `phase:${phase}`, dueAt: w.closesAt, now, params: { phase, closesAt: w.closesAt } },
        phase === "decision" ? "secretaries" : "members",
      ),
    );
  }
  for (const p of ["analysis", "appraisal"] as const) {
    const w = c.windows[p];
    if (!w || now < w.closesAt - REMIND_BEFORE || now >= w.closesAt || now < w.opensAt) continue;
    const params = { phase: p, closesAt: w.closesAt };
    const audience = p === "analysis" ? "missing_analysis" : "missing_self";
    out.push(
      notify(d1, branch, c, { kind: "reminder", suffix: `remind:${p}`, dueAt: w.closesAt, now, params }, audience),
    );
    out.push(
      notify(d1, branch, c, { kind: "missing", suffix: `missing:${p}`, dueAt: w.closesAt, now, params }, "secretaries"),
    );
  }
  return out;
}

/** Builds the insert of a cycle row, keyed by (schedule, branch, period start): a second insert does nothing. */
export function cycleInsert(
  d1: D1Database,
  branch: BranchRow,
  s: { id: string; name: string; template: TemplateSection[]; settings: AppraisalSettings },
  period: { start: number; end: number; label: string },
  w: CycleWindows,
  now: number,
  openedBy: string | null,
) {
  return d1
    .prepare(
      `INSERT INTO eval_cycles (id, schedule_id, branch_id, branch_path, name, label, period_start, period_end,
         closes_at, windows, template, settings, phase, status, opened_by, created_at)
       VALUES (lower(hex(randomblob(15))), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, 'open', ?12, ?13)
       ON CONFLICT (schedule_id, branch_id, period_start) DO NOTHING`,
    )
    .bind(
      s.id,
      branch.id,
      branch.path,
      s.name,
      period.label,
      period.start,
      period.end,
      w.closesAt,
      JSON.stringify(w.windows),
      JSON.stringify(s.template),
      JSON.stringify(s.settings),
      openedBy,
      now,
    );
}

/**
 * The next moment anything of one schedule is due for the branch after `now`: the next period's
 * opening, and for its open cycles every window boundary (phase changes), each reminder and the closing.
 */
function nextDue(s: ScheduleRow, branch: BranchRow, tracked: readonly Tracked[], now: number) {
  const moments = [periodOf(now, s.frequency, branch.time_zone).end];
  for (const c of tracked) {
    if (c.scheduleId !== s.id || c.status === "closed" || now >= c.closesAt) continue;
    moments.push(c.closesAt);
    for (const [phase, w] of Object.entries(c.windows)) {
      moments.push(w.opensAt, w.closesAt);
      if (phase !== "decision") moments.push(w.closesAt - REMIND_BEFORE);
    }
  }
  return Math.min(...moments.filter((m) => m > now));
}

/**
 * The queue consumer's work for one branch. Round trip 1 reads the branch, its schedules, its open and
 * recent cycles and the periods already scored (4 statements in one batch); round trip 2 writes
 * everything due and each schedule's next due moment (due_work) in one atomic batch. Then every closed
 * cycle whose period has no stored vanguard score yet is announced to the `cycleClosed` listeners (the
 * bastion index: 2 round trips) and scored (scoreBranch: 3 round trips per period, store included). "No
 * stored score" is the marker, so a message retried after the close landed but the scoring failed
 * scores it then, and one retried after the scoring landed scores nothing again.
 */
export async function processBranch(d1: D1Database, msg: BranchMessage) {
  const ids = msg.scheduleIds.slice(0, 90);
  const marks = ids.map((_, i) => `?${i + 1}`).join(",");
  const [branchRes, schedRes, cycleRes, scoredRes, timingRes] = await d1.batch([
    d1
      .prepare("SELECT id, path, time_zone, archived_at FROM orgs WHERE id = ?1 AND kind = 'branch'")
      .bind(msg.branchId),
    d1
      .prepare(
        `SELECT id, org_path, name, frequency, phases, template, settings FROM eval_schedules WHERE active = 1 AND id IN (${marks || "NULL"})`,
      )
      .bind(...ids),
    d1
      .prepare(
        `SELECT id, schedule_id, period_start, period_end, closes_at, windows, phase, status FROM eval_cycles
          WHERE branch_id = ?1 AND (status = 'open' OR period_start >= ?2)`,
      )
      .bind(msg.branchId, msg.now - 366 * DAY),
    d1
      .prepare(`SELECT period_start, period_end FROM vanguard_branch_scores WHERE org_id = ?1 AND period_start >= ?2`)
      .bind(msg.branchId, msg.now - 2 * 366 * DAY),
    d1.prepare(timingForBranchSql("?1")).bind(msg.branchId),
  ]);
  const branch = (branchRes!.results as unknown as BranchRow[])[0];
  const dueKey = (ref: string) => ({ kind: EVAL_CYCLE_DUE, subject: msg.branchId, ref });
  if (!branch || branch.archived_at) {
    await d1.batch(ids.map((id) => setDue(d1, dueKey(id), null)));
    return { statements: 0, roundTrips: 2 };
  }
  // A schedule that is gone, inactive, or no longer above the branch (it moved) has nothing due here.
  const schedules = (schedRes!.results as unknown as ScheduleRow[]).filter((s) => branch.path.startsWith(s.org_path));
  const cycles = cycleRes!.results as unknown as CycleRowRaw[];
  const tracked: Tracked[] = cycles.map((c) => ({
    scheduleId: c.schedule_id,
    periodStart: c.period_start,
    periodEnd: c.period_end,
    windows: JSON.parse(c.windows),
    closesAt: c.closes_at,
    phase: c.phase,
    status: c.status,
    exists: true,
  }));
  const writes: D1PreparedStatement[] = [];
  for (const s of schedules) {
    const period = periodOf(msg.now, s.frequency, branch.time_zone);
    if (tracked.some((c) => c.scheduleId === s.id && c.periodStart === period.start)) continue;
    const w = cycleWindows(period, JSON.parse(s.phases) as PhaseWindows, branch.time_zone);
    if (msg.now >= w.closesAt) continue; // this period's windows have passed: nothing to open
    const schedule = { id: s.id, name: s.name, template: JSON.parse(s.template), settings: JSON.parse(s.settings) };
    writes.push(cycleInsert(d1, branch, schedule, period, w, msg.now, null));
    tracked.push({
      scheduleId: s.id,
      periodStart: period.start,
      periodEnd: period.end,
      windows: w.windows,
      closesAt: w.closesAt,
      phase: null,
      status: "open",
      exists: false,
    });
  }
  const t = (timingRes!.results as unknown as TimingRow[])[0];
  const timing: Timing = t
    ? { id: t.id, planDays: t.plan_days, nextDays: t.next_days, warnDays: t.warn_days }
    : { id: null, ...FOLLOWUP_RULE_DEFAULTS };
  for (const c of tracked) writes.push(...cycleWork(d1, branch, c, timing, msg.now));
  // Each schedule's next moment lands with the work, atomically: a failed batch leaves it due.
  for (const id of ids) {
    const s = schedules.find((x) => x.id === id);
    const next = s ? nextDue(s, branch, tracked, msg.now) : null;
    writes.push(setDue(d1, dueKey(id), next));
  }
  await d1.batch(writes);
  let roundTrips = 2;
  // Closed (before or by this message) and not scored yet: the vanguard index of the cycle's period.
  const scored = new Set(
    (scoredRes!.results as unknown as { period_start: number; period_end: number }[]).map(
      (r) => `${r.period_start}-${r.period_end}`,
    ),
  );
  const due = new Map<string, [number, number]>();
  for (const c of tracked) {
    const key = `${c.periodStart}-${c.periodEnd}`;
    if ((c.status === "closed" || msg.now >= c.closesAt) && !scored.has(key))
      due.set(key, [c.periodStart, c.periodEnd]);
  }
  const db = getDb(d1);
  for (const [start, end] of due.values()) {
    // Listeners first: the vanguard score below is the "scored" marker, so a failed listener is retried.
    await cycleClosed.emit({ db, branchId: branch.id, periodStart: start, periodEnd: end, now: msg.now });
    await scoreBranch(db, branch.id, start, end, msg.now);
    roundTrips += 3;
  }
  return { statements: writes.length, roundTrips, scored: due.size };
}
