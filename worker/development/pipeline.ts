import type { Blocker, RuleValues, Stage, Step } from "../../schema/development/values";
import { COMMITTEE_STEPS, STEPS } from "../../schema/development/values";
import { addDays, addMonths } from "../lib/day";
import { maxDate } from "./dates";

/** A step as it stands after its corrections. */
export interface Taken {
  id: string;
  step: Step;
  takenOn: string;
  data: Record<string, unknown>;
  createdAt: number;
}

/** What a step needs: the blockers found from the record alone, and its date bounds. */
export interface Requirement {
  step: Step;
  blockers: Blocker[];
  /** Not before this day (a time rule). */
  earliest?: string;
  /** Not before the step it follows. */
  after?: string;
  /** Taken after this day it is late and needs a reason. */
  due?: string;
  /** Taken after this day it is refused outright (a hard cap, not a deadline). */
  limit?: string;
}

/** The steps of the ordinary path, in order; extension and cancellation are decisions beside it. */
const BESIDE_THE_LINE: readonly Step[] = ["application", "extension", "cancel", "transfer"];
const MAIN_LINE: readonly Step[] = STEPS.filter((s) => !BESIDE_THE_LINE.includes(s));

const votePassed = (s: Taken | undefined) => !!s && s.data.passed === true;

/** The record read once: the latest of each step, and the dates the rules count from. */
export function readRecord(steps: readonly Taken[], rules: RuleValues) {
  const sorted = [...steps].sort((a, b) => a.takenOn.localeCompare(b.takenOn) || a.createdAt - b.createdAt);
  const all = (s: Step) => sorted.filter((x) => x.step === s);
  const last = (s: Step) => all(s).at(-1);
  const vote = last("branch_vote");
  const extension = last("extension");
  const probationEnd =
    vote && votePassed(vote)
      ? addMonths(vote.takenOn, rules.probationMonths + Number(extension?.data.months ?? 0))
      : undefined;
  return { all, last, probationEnd, sorted };
}

export function stageOf(steps: readonly Taken[], rules: RuleValues): Stage {
  const { last } = readRecord(steps, rules);
  if (last("full_approval")) return "full";
  if (last("approval")) return "probationary";
  if (last("candidate")) return "candidate";
  if (last("activist")) return "activist";
  return "applicant";
}

/** What the record says about taking `step` now: prerequisites, and the day bounds its rules set. */
export function requirement(step: Step, steps: readonly Taken[], rules: RuleValues): Requirement {
  const { all, last, probationEnd, sorted } = readRecord(steps, rules);
  const b: Blocker[] = [];
  const need = (s: Step) => {
    const found = last(s);
    if (!found) b.push({ code: "missing_previous", step: s });
    return found?.takenOn;
  };
  const once = () => {
    if (last(step)) b.push({ code: "already_done", step });
  };
  const r: Requirement = { step, blockers: b };
  switch (step) {
    case "application":
      once();
      break;
    case "talk": {
      once();
      const app = need("application");
      r.after = app;
      if (app) r.due = addMonths(app, rules.talkWithinMonths);
      break;
    }
    case "activist":
      once();
      r.after = need("talk");
      break;
    case "assessment": {
      if (last("candidate")) b.push({ code: "already_done", step: "candidate" });
      const from = last("assessment")?.takenOn ?? need("activist");
      r.after = from;
      if (from) r.due = addMonths(from, rules.assessEveryMonths);
      break;
    }
    case "candidate": {
      once();
      const activist = need("activist");
      if (activist) r.earliest = addMonths(activist, rules.activistMinMonths);
      const needed = Math.floor(rules.activistMinMonths / Math.max(1, rules.assessEveryMonths));
      const n = all("assessment").length;
      if (activist && n < needed) b.push({ code: "assessments_short", n, needed });
      r.after = last("assessment")?.takenOn ?? activist;
      break;
    }
    case "political_review":
    case "training":
      once();
      r.after = need("candidate");
      break;
    case "prereview":
      once();
      r.after = maxDate(need("political_review"), need("training"));
      break;
    case "notice":
      once();
      r.after = need("prereview");
      break;
    case "branch_vote": {
      if (votePassed(last("branch_vote"))) b.push({ code: "already_done", step });
      const pre = need("prereview");
      const notice = last("notice");
      if (!notice) b.push({ code: "missing_previous", step: "notice" });
      r.after = maxDate(pre, notice?.takenOn);
      if (typeof notice?.data.endOn === "string") r.earliest = addDays(notice.data.endOn, 1);
      if (pre) r.due = addMonths(pre, rules.voteWithinMonths);
      break;
    }
    case "approval": {
      once();
      const vote = last("branch_vote");
      if (!vote) b.push({ code: "missing_previous", step: "branch_vote" });
      else if (!votePassed(vote)) b.push({ code: "vote_not_passed", step: "branch_vote" });
      else {
        r.after = vote.takenOn;
        r.due = addMonths(vote.takenOn, rules.approveWithinMonths);
        // 细则 art. 25: within 3 months, extended for special reasons to 6 at most.
        r.limit = addMonths(vote.takenOn, Math.max(rules.approveMaxMonths, rules.approveWithinMonths));
      }
      break;
    }
    case "oath":
      once();
      r.after = need("approval");
      break;
    case "extension":
      if (last("extension")) b.push({ code: "extension_used" });
      if (last("full_vote")) b.push({ code: "already_done", step: "full_vote" });
      r.after = need("oath");
      if (probationEnd) r.earliest = addMonths(probationEnd, -1);
      break;
    case "cancel":
      r.after = need("approval");
      break;
    case "transfer":
      // Whenever the person moves: not dated before the last step recorded.
      r.after = sorted.at(-1)?.takenOn;
      break;
    case "full_application":
      once();
      r.after = need("oath");
      if (probationEnd) {
        r.earliest = addMonths(probationEnd, -1);
        r.due = probationEnd;
      }
      break;
    case "full_vote": {
      if (votePassed(last("full_vote"))) b.push({ code: "already_done", step });
      r.after = need("full_application");
      if (probationEnd) {
        r.earliest = probationEnd;
        r.due = addMonths(probationEnd, rules.voteWithinMonths);
      }
      break;
    }
    case "full_approval": {
      once();
      const vote = last("full_vote");
      if (!vote) b.push({ code: "missing_previous", step: "full_vote" });
      else if (!votePassed(vote)) b.push({ code: "vote_not_passed", step: "full_vote" });
      else {
        r.after = vote.takenOn;
        r.due = addMonths(vote.takenOn, rules.fullApproveWithinMonths);
      }
      break;
    }
  }
  return r;
}

/** The blockers of taking a step on a given day: the record's, then the day against its bounds. */
export function dayBlockers(r: Requirement, takenOn: string, today: string, lateReason: string | undefined) {
  const b: Blocker[] = [];
  if (takenOn > today) b.push({ code: "in_future", date: today });
  if (r.after && takenOn < r.after) b.push({ code: "before_previous", date: r.after });
  if (r.earliest && takenOn < r.earliest) b.push({ code: "too_early", date: r.earliest });
  if (r.limit && takenOn > r.limit) b.push({ code: "past_limit", date: r.limit });
  else if (r.due && takenOn > r.due && !lateReason) b.push({ code: "late_reason_required", date: r.due });
  return b;
}

export const isCommitteeStep = (s: Step) => COMMITTEE_STEPS.includes(s);

/**
 * The next step of the ordinary path and its deadline: the first one whose previous steps are done.
 * An activist not yet due to become a candidate is next due a half-year assessment.
 */
export function nextStep(steps: readonly Taken[], rules: RuleValues): Requirement | undefined {
  const open = MAIN_LINE.map((s) => requirement(s, steps, rules)).filter(
    (r) =>
      !r.blockers.some(
        (b) => b.code === "missing_previous" || b.code === "already_done" || b.code === "vote_not_passed",
      ),
  );
  const candidate = open.find((r) => r.step === "candidate");
  const assessment = open.find((r) => r.step === "assessment");
  if (candidate && assessment && candidate.blockers.some((b) => b.code === "assessments_short")) return assessment;
  if (candidate && assessment) return candidate;
  return open[0];
}
