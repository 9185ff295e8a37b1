import {
  FOLLOWUP_STEPS,
  type FollowupBlocker,
  type FollowupOutcome,
  type FollowupRuleValues,
  type FollowupStep,
  LAPSED_MONTHS,
  PROPOSALS,
} from "../../schema/evaluations/followups";
import { addDays, dayEnd } from "../lib/day";

// The order of a follow-up (党章 art. 9), as plain functions of its recorded steps: what stands, what may
// come next, and why anything else may not yet.

/** A step as it stands: an original with its latest correction's day, deadline and words. */
export interface Standing {
  id: string;
  step: FollowupStep;
  takenOn: string;
  dueOn: string | null;
  ofId: string | null;
  data: Record<string, unknown>;
  recordedBy: string;
  createdAt: number;
}

interface StepRow extends Standing {
  correctsId: string | null;
}

export function standingSteps(rows: readonly StepRow[]): Standing[] {
  const latest = new Map<string, StepRow>();
  for (const r of rows) if (r.correctsId) latest.set(r.correctsId, r);
  return rows
    .filter((r) => !r.correctsId)
    .map((r) => {
      const c = latest.get(r.id);
      return {
        id: r.id,
        step: r.step,
        takenOn: c?.takenOn ?? r.takenOn,
        dueOn: c ? c.dueOn : r.dueOn,
        ofId: r.ofId,
        data: r.data,
        recordedBy: r.recordedBy,
        createdAt: r.createdAt,
      };
    });
}

/** What the steps add up to: the proposal awaiting the committee, the approved persuasion, the outcome. */
export function derive(steps: readonly Standing[]) {
  const answerOf = (p: Standing) => steps.find((s) => s.step === "approval" && s.ofId === p.id);
  const proposals = steps.filter((s) => PROPOSALS.includes(s.step));
  const pending = proposals.find((p) => !answerOf(p));
  const approved = (step: FollowupStep) =>
    proposals.find((p) => p.step === step && answerOf(p)?.data.approved === true);
  const first = (step: FollowupStep) => steps.find((s) => s.step === step);
  const persuaded = approved("persuade");
  const removed = approved("remove");
  const ended: [FollowupOutcome, Standing | undefined][] = [
    ["improved", first("improved")],
    ["corrected", first("corrected")],
    ["withdrew", first("withdrew")],
    ["removed", removed],
  ];
  const outcome = ended.find(([, s]) => s)?.[0] ?? null;
  const last = steps.reduce<string | null>((d, s) => (d === null || s.takenOn > d ? s.takenOn : d), null);
  return { steps, pending, persuaded, outcome, first, answerOf, last };
}
type Derived = ReturnType<typeof derive>;

const ONCE: readonly FollowupStep[] = ["plan", "improved", "deadline", "corrected", "withdrew", "declined"];

/**
 * Why `step` cannot follow the steps recorded so far if taken on day `on` (order and time only; the
 * step's own facts, such as a vote, are checked when it is taken).
 */
export function orderBlockers(step: FollowupStep, d: Derived, on: string): FollowupBlocker[] {
  if (d.outcome) return [{ code: "followup_closed" }];
  const b: FollowupBlocker[] = [];
  const has = (s: FollowupStep) => !!d.first(s);
  const educated = () => {
    if (!has("plan")) b.push({ code: "missing_previous", step: "plan" });
    else if (!has("talk")) b.push({ code: "education_first", step: "talk" });
  };
  if (ONCE.includes(step) && has(step)) b.push({ code: "already_done", step });
  if (d.pending && step !== "approval" && step !== "talk") b.push({ code: "awaiting_approval", step: d.pending.step });
  switch (step) {
    case "plan":
      break;
    case "talk":
      if (!has("plan")) b.push({ code: "missing_previous", step: "plan" });
      break;
    case "improved":
      educated();
      if (has("deadline")) b.push({ code: "in_correction", step: "corrected" });
      break;
    case "deadline":
      educated();
      break;
    case "corrected":
      if (!has("deadline")) b.push({ code: "missing_previous", step: "deadline" });
      if (d.persuaded) b.push({ code: "already_done", step: "persuade" });
      break;
    case "persuade": {
      const deadline = d.first("deadline");
      if (!deadline) b.push({ code: "missing_previous", step: "deadline" });
      // 经教育仍无转变: only once the time given to correct has run out.
      else if (deadline.dueOn && on < deadline.dueOn) b.push({ code: "deadline_not_reached", date: deadline.dueOn });
      if (d.persuaded) b.push({ code: "already_done", step: "persuade" });
      break;
    }
    case "withdrew":
    case "declined":
      if (!d.persuaded) b.push({ code: "approval_missing", step: "persuade" });
      if (step === "declined" && has("withdrew")) b.push({ code: "already_done", step: "withdrew" });
      break;
    case "remove":
      // Removal after a refused persuasion, or for lapsing (自行脱党) at any point: the grounds decide.
      break;
    case "approval":
      if (!d.pending) b.push({ code: "nothing_to_approve" });
      break;
  }
  return b;
}

/** Each step with why it is not possible yet (nothing: possible now), for the follow-up page. */
export function options(d: Derived, today: string) {
  if (d.outcome) return [];
  return FOLLOWUP_STEPS.map((step) => {
    const blockers = orderBlockers(step, d, today);
    // Before a refused persuasion, removal stands only on lapsing: say so, without closing the door.
    const only = step === "remove" && !blockers.length && !d.first("declined");
    return { step, blockers, condition: only ? { code: "lapsed_only" as const, needed: LAPSED_MONTHS } : null };
  }).filter((o) => !o.blockers.some((b) => b.code === "already_done" && b.step === o.step));
}

/**
 * The columns a follow-up keeps current: open or how it ended, the step awaited and its deadline, by the
 * time rules copied onto it when it opened.
 */
export function followupState(d: Derived, openedOn: string, timing: Pick<FollowupRuleValues, "planDays" | "nextDays">) {
  if (d.outcome) {
    return { status: "closed" as const, outcome: d.outcome, nextStep: null, nextDueOn: null, nextDue: null };
  }
  const after = (s: Standing) => addDays(s.takenOn, timing.nextDays);
  const answer = d.persuaded ? d.answerOf(d.persuaded) : undefined;
  const [nextStep, nextDueOn]: [FollowupStep, string] = (() => {
    if (d.pending) return ["approval", after(d.pending)];
    const declined = d.first("declined");
    if (declined) return ["remove", after(declined)];
    if (answer) return ["withdrew", after(answer)];
    const deadline = d.first("deadline");
    if (deadline) return ["corrected", deadline.dueOn ?? after(deadline)];
    const plan = d.first("plan");
    if (plan) return [d.first("talk") ? "deadline" : "talk", plan.dueOn ?? after(plan)];
    return ["plan", addDays(openedOn, timing.planDays)];
  })();
  return { status: "open" as const, outcome: null, nextStep, nextDueOn, nextDue: dayEnd(nextDueOn) };
}
