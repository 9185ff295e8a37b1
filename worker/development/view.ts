import { inArray } from "drizzle-orm";
import { users } from "../../schema";
import type { Blocker, RuleValues } from "../../schema/development/values";
import type { Db } from "../lib/db";
import { readRecord, stageOf } from "./pipeline";
import { effectiveSteps, type LoadedCase, options } from "./record";
import { trainingOf } from "./service";

/** A record as its pages read it: every row (corrections too), what each step needs now, the names of the people it cites. */
export async function caseView(db: Db, loaded: LoadedCase) {
  const steps = effectiveSteps(loaded.steps);
  const rules = loaded.rules;
  const cited = [
    ...new Set(
      loaded.steps.flatMap((s) => [
        ...((s.data.mentorIds as string[]) ?? []),
        ...((s.data.sponsorIds as string[]) ?? []),
      ]),
    ),
  ];
  const names = cited.length
    ? await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, cited))
    : [];
  const k = loaded.kase;
  const training = loaded.movedAway ? [] : await trainingOf(db, loaded);
  // A branch the person left sees its history as it stood at the move, not where the record is now.
  const away = loaded.movedAway;
  const move = away ? (loaded.steps.at(-1)?.data as { fromOrgId: string; fromOrgName: string }) : null;
  return {
    movedAway: away,
    case: {
      id: k.id,
      userId: k.userId,
      displayName: loaded.displayName,
      gender: loaded.gender,
      orgId: move ? move.fromOrgId : k.orgId,
      orgName: move ? move.fromOrgName : loaded.orgName,
      stage: away ? stageOf(steps, rules.values) : k.stage,
      status: k.status,
      nextStep: away ? null : k.nextStep,
      nextDueOn: away ? null : k.nextDueOn,
      birthOn: loaded.birthOn,
      education: loaded.education,
      occupation: loaded.occupation,
    },
    steps: loaded.steps.map((s) => ({
      id: s.id,
      step: s.step,
      takenOn: s.takenOn,
      actor: s.actor,
      decision: s.decision,
      evidence: s.evidence,
      data: s.data,
      dueOn: s.dueOn,
      late: s.late,
      lateReason: s.lateReason,
      correctsId: s.correctsId,
      ruleVersion: s.ruleId === rules.id ? rules.version : null,
      ruleId: s.ruleId,
      createdAt: s.createdAt,
    })),
    probationEnd: readRecord(steps, rules.values).probationEnd ?? null,
    options: k.status === "open" && !away ? withTraining(options(steps, rules.values), training, rules.values) : [],
    people: Object.fromEntries(names.map((n) => [n.id, n.displayName])),
    training,
    rules: { id: rules.id, version: rules.version, values: rules.values, sources: rules.sources },
  };
}

/**
 * The training step's reasons read from the record alone say nothing of the class: add what the classes'
 * completions say today (the step itself counts up to the day it is dated).
 */
function withTraining(
  opts: ReturnType<typeof options>,
  classes: Awaited<ReturnType<typeof trainingOf>>,
  rules: RuleValues,
) {
  return opts.map((o) => {
    if (o.step !== "training" || o.blockers.length) return o;
    const enrolled = classes.filter((c) => c.enrolled);
    if (!enrolled.length) return { ...o, blockers: [{ code: "not_enrolled" as const }] };
    const best = enrolled.reduce((a, b) => (b.hours > a.hours || (b.hours === a.hours && b.days > a.days) ? b : a));
    if (best.hours >= rules.trainingMinHours || best.days >= rules.trainingMinDays) return o;
    const short: Blocker = {
      code: "training_short",
      n: best.hours,
      needed: rules.trainingMinHours,
      days: best.days,
      neededDays: rules.trainingMinDays,
    };
    return { ...o, blockers: [short] };
  });
}
