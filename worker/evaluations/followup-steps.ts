import { eq } from "drizzle-orm";
import { evalFollowupSteps, evalFollowups } from "../../schema";
import {
  type FollowupBlocker,
  type FollowupStep,
  LAPSED_MONTHS,
  type REMOVAL_GROUNDS,
} from "../../schema/evaluations/followups";
import type { Caller } from "../env";
import { archiveInsert } from "../lib/archive";
import { dayOf, dayStart } from "../lib/day";
import type { Db } from "../lib/db";
import { ApiError, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { notifyRoleHolders } from "../lib/notify";
import { pathIds } from "../lib/paths";
import { votePasses } from "../lib/vote";
import { orderBlockers } from "./followup-rules";
import { committeeAbove, keepsFollowup, type LoadedFollowup, standing, stateAfter } from "./followups";

const followupRefused = (blockers: FollowupBlocker[]) =>
  new ApiError(409, "step_refused", `this step cannot be taken: ${blockers.map((b) => b.code).join(", ")}`, {
    blockers,
  });

export interface FollowupStepInput {
  step: FollowupStep;
  takenOn: string;
  actor: string;
  decision: string;
  evidence: string;
  dueOn?: string | undefined;
  entitled?: number | undefined;
  for?: number | undefined;
  against?: number | undefined;
  abstain?: number | undefined;
  grounds?: (typeof REMOVAL_GROUNDS)[number] | undefined;
  lapsedMonths?: number | undefined;
  approved?: boolean | undefined;
}

const required = (...paths: string[]) =>
  invalid(
    "required for this step",
    paths.map((path) => ({ path, code: "invalid_type" })),
  );

/**
 * Who may record `step` (or correct one): never the member concerned; the branch's keepers for the
 * branch's steps; only an admin of a committee above for an approval, and never the one who recorded
 * the proposal it answers.
 */
export function authorizeFollowupStep(
  caller: Caller,
  loaded: LoadedFollowup,
  step: FollowupStep,
  ofId?: string | null,
) {
  const f = loaded.followup;
  if (f.memberId === caller.user.id) throw followupRefused([{ code: "own_case" }]);
  if (!keepsFollowup(caller, f.branchPath)) throw notFound("follow-up");
  if (step !== "approval") return;
  if (!committeeAbove(caller, f.branchPath)) throw followupRefused([{ code: "committee_only" }]);
  const proposal = ofId ? loaded.rows.find((r) => r.id === ofId) : standing(loaded).pending;
  if (proposal && proposal.recordedBy === caller.user.id) throw followupRefused([{ code: "own_proposal" }]);
}

/** Checks the step's own facts (deadline, the meeting's vote, grounds) and returns what it stores. */
function stepFacts(input: FollowupStepInput, d: ReturnType<typeof standing>, b: FollowupBlocker[]) {
  switch (input.step) {
    case "plan":
    case "deadline":
      if (!input.dueOn) throw required("dueOn");
      if (input.dueOn <= input.takenOn) b.push({ code: "due_before_taken", date: input.takenOn });
      return { data: {}, dueOn: input.dueOn, ofId: null };
    case "persuade":
    case "remove": {
      const { entitled, for: yes, against, abstain } = input;
      if (entitled === undefined || yes === undefined || against === undefined || abstain === undefined) {
        throw required("entitled", "for", "against", "abstain");
      }
      if (yes + against + abstain > entitled) {
        throw invalid("more votes than members entitled to vote", [{ path: "for", code: "too_big" }]);
      }
      if (!votePasses(yes, entitled)) b.push({ code: "vote_not_passed", n: yes, needed: Math.floor(entitled / 2) + 1 });
      const votes = { entitled, for: yes, against, abstain };
      if (input.step === "persuade") return { data: votes, dueOn: null, ofId: null };
      const grounds = input.grounds ?? "declined";
      if (grounds === "declined" && !d.first("declined")) b.push({ code: "missing_previous", step: "declined" });
      if (grounds === "lapsed" && (input.lapsedMonths ?? 0) < LAPSED_MONTHS) {
        b.push({ code: "lapsed_short", n: input.lapsedMonths ?? 0, needed: LAPSED_MONTHS });
      }
      return { data: { ...votes, grounds, lapsedMonths: input.lapsedMonths ?? null }, dueOn: null, ofId: null };
    }
    case "approval":
      if (input.approved === undefined) throw required("approved");
      return { data: { approved: input.approved }, dueOn: null, ofId: d.pending?.id ?? null };
    default:
      return { data: {}, dueOn: null, ofId: null };
  }
}

const archiveOf = (
  db: Db,
  f: LoadedFollowup["followup"],
  s: { id: string; step: FollowupStep; takenOn: string },
  summary: Record<string, unknown>,
  by: string,
  now: number,
) =>
  archiveInsert(
    db,
    {
      memberId: f.memberId,
      orgId: f.branchId,
      kind: "followup",
      subjectType: "eval_followup_step",
      subjectId: s.id,
      summary: { step: s.step, takenOn: s.takenOn, cycle: f.cycleName, label: f.cycleLabel, ...summary },
      occurredAt: dayStart(s.takenOn),
      recordedBy: by,
    },
    now,
  );

/** Day blockers common to steps and corrections: not in the future, not before the follow-up opened. */
function dayBlockers(takenOn: string, loaded: LoadedFollowup, now: number): FollowupBlocker[] {
  const b: FollowupBlocker[] = [];
  if (takenOn > dayOf(now)) b.push({ code: "in_future", date: dayOf(now) });
  const opened = dayOf(loaded.followup.createdAt);
  if (takenOn < opened) b.push({ code: "before_previous", date: opened });
  return b;
}

/** A proposal now awaits the committees above: their admins are told (never its recorder or the member). */
const approvalNotice = (
  db: Db,
  f: LoadedFollowup["followup"],
  proposal: { id: string; step: FollowupStep; recordedBy: string },
  now: number,
) =>
  notifyRoleHolders(
    db,
    { orgIds: pathIds(f.branchPath).slice(0, -1), role: "admin", except: [proposal.recordedBy, f.memberId] },
    {
      key: `fu-approval:${proposal.id}`,
      kind: "followup_approval",
      params: { person: f.memberName, step: proposal.step },
      link: `/evaluations/followups/${f.id}`,
    },
    now,
  );

/**
 * Records one step, refused with every reason when the record, the day or the facts do not allow it.
 * The step, the follow-up's new state and the archive event land in one batch; two answers to one
 * proposal (or two once-only steps) racing each other meet a unique index, so only one stands.
 */
export async function takeFollowupStep(
  db: Db,
  loaded: LoadedFollowup,
  input: FollowupStepInput,
  by: string,
  now: number,
) {
  const d = standing(loaded);
  const blockers = [...orderBlockers(input.step, d, input.takenOn), ...dayBlockers(input.takenOn, loaded, now)];
  if (d.last && input.takenOn < d.last) blockers.push({ code: "before_previous", date: d.last });
  const facts = stepFacts(input, d, blockers);
  if (blockers.length) throw followupRefused(blockers);

  const row = {
    id: newId(),
    followupId: loaded.followup.id,
    step: input.step,
    takenOn: input.takenOn,
    actor: input.actor,
    decision: input.decision,
    evidence: input.evidence,
    ...facts,
    correctsId: null,
    recordedBy: by,
    createdAt: now,
  };
  const state = stateAfter(loaded, [...loaded.rows, { ...row, recorderName: "" }]);
  await db.batch([
    db.insert(evalFollowupSteps).values(row),
    db
      .update(evalFollowups)
      .set({ ...state, updatedAt: now })
      .where(eq(evalFollowups.id, loaded.followup.id)),
    archiveOf(db, loaded.followup, row, { decision: input.decision, ...facts.data, outcome: state.outcome }, by, now),
    ...(state.nextStep === "approval" ? [approvalNotice(db, loaded.followup, row, now)] : []),
  ]);
  return { id: row.id, ...state };
}

export interface FollowupCorrectionInput {
  takenOn: string;
  actor: string;
  decision: string;
  evidence: string;
  dueOn?: string | undefined;
  reason: string;
}

/** A correction is a new row naming the one it corrects; the original stays and both are shown. */
export async function correctFollowupStep(
  db: Db,
  loaded: LoadedFollowup,
  original: LoadedFollowup["rows"][number],
  input: FollowupCorrectionInput,
  by: string,
  now: number,
) {
  if (original.correctsId) {
    throw invalid("correct the original step, not a correction", [{ path: "id", code: "invalid_value" }]);
  }
  const blockers = dayBlockers(input.takenOn, loaded, now);
  const dueOn = original.dueOn === null ? null : (input.dueOn ?? original.dueOn);
  if (dueOn !== null && dueOn <= input.takenOn) blockers.push({ code: "due_before_taken", date: input.takenOn });
  if (blockers.length) throw followupRefused(blockers);
  const row = {
    id: newId(),
    followupId: loaded.followup.id,
    step: original.step,
    takenOn: input.takenOn,
    actor: input.actor,
    decision: input.decision,
    evidence: input.evidence,
    data: { ...original.data, reason: input.reason },
    dueOn,
    ofId: original.ofId,
    correctsId: original.id,
    recordedBy: by,
    createdAt: now,
  };
  const state = stateAfter(loaded, [...loaded.rows, { ...row, recorderName: "" }]);
  await db.batch([
    db.insert(evalFollowupSteps).values(row),
    db
      .update(evalFollowups)
      .set({ ...state, updatedAt: now })
      .where(eq(evalFollowups.id, loaded.followup.id)),
    archiveOf(db, loaded.followup, row, { correction: true, reason: input.reason, decision: input.decision }, by, now),
  ]);
  return { id: row.id, ...state };
}
