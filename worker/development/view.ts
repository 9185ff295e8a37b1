import { inArray } from "drizzle-orm";
import { users } from "../../schema";
import type { Db } from "../lib/db";
import { readRecord } from "./pipeline";
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
  return {
    case: {
      id: k.id,
      userId: k.userId,
      displayName: loaded.displayName,
      gender: loaded.gender,
      orgId: k.orgId,
      orgName: loaded.orgName,
      stage: k.stage,
      status: k.status,
      nextStep: k.nextStep,
      nextDueOn: k.nextDueOn,
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
    options: k.status === "open" ? options(steps, rules.values) : [],
    people: Object.fromEntries(names.map((n) => [n.id, n.displayName])),
    training: await trainingOf(db, loaded),
    rules: { id: rules.id, version: rules.version, values: rules.values, sources: rules.sources },
  };
}
