import { and, asc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { devCases, devSteps, memberships, orgs, users } from "../../schema";
import type { Education, Occupation } from "../../schema/auth/values";
import type { Blocker, Step } from "../../schema/development/values";
import { hashPassword } from "../auth";
import { classRecord, enrollStatement, trainingClasses } from "../courses";
import { archiveInsert } from "../lib/archive";
import { dayEnd, dayOf, dayStart } from "../lib/day";
import type { Db } from "../lib/db";
import { ApiError, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeRange } from "../lib/paths";
import { votePasses } from "../lib/vote";
import type { OrgRow } from "../orgs";
import { dayBlockers, requirement, type Taken } from "./pipeline";
import { caseState, effectiveSteps, type LoadedCase } from "./record";
import type { RuleSet } from "./rules";

export const refused = (blockers: Blocker[]) =>
  new ApiError(409, "step_refused", `this step cannot be taken: ${blockers.map((b) => b.code).join(", ")}`, {
    blockers,
  });

const archiveOf = (
  db: Db,
  k: { userId: string; orgId: string },
  s: { id: string; step: Step; takenOn: string },
  summary: Record<string, unknown>,
  by: string,
  now: number,
) =>
  archiveInsert(
    db,
    {
      memberId: k.userId,
      orgId: k.orgId,
      kind: "development",
      subjectType: "dev_step",
      subjectId: s.id,
      summary: { step: s.step, takenOn: s.takenOn, ...summary },
      occurredAt: dayStart(s.takenOn),
      recordedBy: by,
    },
    now,
  );

export interface ApplicantInput {
  displayName: string;
  username: string;
  password: string;
  gender?: "male" | "female" | undefined;
  birthOn?: string | undefined;
  education?: Education | undefined;
  occupation?: Occupation | undefined;
  appliedOn: string;
  evidence: string;
}

/** An application received: the person's account (no role), the case, its first step and archive event. */
export async function createApplicant(
  db: Db,
  branch: { id: string },
  input: ApplicantInput,
  rules: RuleSet,
  by: string,
  now: number,
) {
  if (input.appliedOn > dayOf(now)) throw refused([{ code: "in_future", date: dayOf(now) }]);
  const userId = newId();
  const caseId = newId();
  const stepId = newId();
  const taken: Taken = { id: stepId, step: "application", takenOn: input.appliedOn, data: {}, createdAt: now };
  const state = caseState([taken], rules.values, null);
  const pw = await hashPassword(input.password);
  await db.batch([
    db.insert(users).values({
      id: userId,
      username: input.username,
      displayName: input.displayName,
      gender: input.gender ?? null,
      birthOn: input.birthOn ?? null,
      education: input.education ?? null,
      occupation: input.occupation ?? null,
      ...pw,
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(devCases).values({
      id: caseId,
      userId,
      orgId: branch.id,
      ...state,
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(devSteps).values({
      id: stepId,
      caseId,
      step: "application",
      takenOn: input.appliedOn,
      actor: input.displayName,
      decision: "递交入党申请书",
      evidence: input.evidence,
      data: {},
      ruleId: rules.id,
      recordedBy: by,
      createdAt: now,
    }),
    archiveOf(db, { userId, orgId: branch.id }, taken, { late: false }, by, now),
  ]);
  return { id: caseId, userId };
}

/** Of these users, those who are full members now: an active member role and no open development case. */
async function fullMembers(db: Db, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .where(
      and(
        inArray(memberships.userId, ids),
        eq(memberships.role, "member"),
        isNull(memberships.endedAt),
        sql`NOT EXISTS (SELECT 1 FROM dev_cases c WHERE c.user_id = ${memberships.userId} AND c.status = 'open')`,
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export interface StepInput {
  step: Step;
  takenOn: string;
  actor: string;
  decision: string;
  evidence: string;
  lateReason?: string | undefined;
  mentorIds?: string[] | undefined;
  sponsorIds?: string[] | undefined;
  recommendedBy?: "members" | "masses" | undefined;
  planId?: string | undefined;
  startOn?: string | undefined;
  endOn?: string | undefined;
  entitled?: number | undefined;
  for?: number | undefined;
  against?: number | undefined;
  abstain?: number | undefined;
  months?: number | undefined;
  toOrgId?: string | undefined;
}

const missing = (...paths: string[]) =>
  invalid(
    "required for this step",
    paths.map((path) => ({ path, code: "invalid_type" })),
  );

/** The branch a person moves to, resolved (and authorized) by the route. */
export type TransferTarget = Pick<OrgRow, "id" | "name" | "kind" | "path">;

/** Checks the step's own facts (people, training, votes, branches) and returns what it stores as data. */
async function stepData(
  db: Db,
  loaded: LoadedCase,
  input: StepInput,
  b: Blocker[],
  to: TransferTarget | undefined,
): Promise<Record<string, unknown>> {
  const v = loaded.rules.values;
  switch (input.step) {
    case "activist": {
      const ids = [...new Set(input.mentorIds ?? [])];
      if (ids.length < 1) b.push({ code: "mentors_required" });
      const full = await fullMembers(db, ids);
      if (ids.some((id) => !full.has(id))) b.push({ code: "mentor_not_full" });
      return { mentorIds: ids, recommendedBy: input.recommendedBy ?? "members" };
    }
    case "candidate": {
      const ids = [...new Set(input.sponsorIds ?? [])];
      if (ids.length !== 2) b.push({ code: "sponsors_required" });
      const full = await fullMembers(db, ids);
      if (ids.some((id) => !full.has(id))) b.push({ code: "sponsor_not_full" });
      return { sponsorIds: ids };
    }
    case "training": {
      // The hours and days are counted from the class's verified completions, never typed in.
      if (!input.planId) throw missing("planId");
      const plan = await trainingClass(db, loaded.orgPath, input.planId);
      // What was completed by the end of the day the training is recorded on.
      const counted = await classRecord(db, loaded.kase.userId, plan.id, dayEnd(input.takenOn));
      if (!counted.enrolled) b.push({ code: "not_enrolled" });
      else if (counted.hours < v.trainingMinHours && counted.days < v.trainingMinDays)
        b.push({
          code: "training_short",
          n: counted.hours,
          needed: v.trainingMinHours,
          days: counted.days,
          neededDays: v.trainingMinDays,
        });
      return {
        planId: plan.id,
        planTitle: plan.title,
        hours: counted.hours,
        days: counted.days,
        completionIds: counted.completionIds,
      };
    }
    case "notice": {
      if (!input.startOn || !input.endOn) throw missing("startOn", "endOn");
      if (input.endOn < input.startOn)
        throw invalid("the notice ends before it starts", [{ path: "endOn", code: "too_small" }]);
      return { startOn: input.startOn, endOn: input.endOn };
    }
    case "branch_vote":
    case "full_vote": {
      const { entitled, for: yes, against, abstain } = input;
      if (entitled === undefined || yes === undefined || against === undefined || abstain === undefined) {
        throw missing("entitled", "for", "against", "abstain");
      }
      if (yes + against + abstain > entitled) {
        throw invalid("more votes than members entitled to vote", [{ path: "for", code: "too_big" }]);
      }
      return { entitled, for: yes, against, abstain, passed: votePasses(yes, entitled) };
    }
    case "transfer": {
      if (!to) throw missing("toOrgId");
      if (to.kind !== "branch")
        throw invalid("a record moves to a branch", [{ path: "toOrgId", code: "not_a_branch" }]);
      if (to.id === loaded.kase.orgId)
        throw invalid("the person is already in this branch", [{ path: "toOrgId", code: "invalid_value" }]);
      return {
        fromOrgId: loaded.kase.orgId,
        fromOrgName: loaded.orgName,
        toOrgId: to.id,
        toOrgName: to.name,
      };
    }
    case "extension": {
      const months = input.months ?? 0;
      if (months < v.extendMinMonths || months > v.extendMaxMonths) {
        throw invalid("extension out of range", [
          { path: "months", code: months < v.extendMinMonths ? "too_small" : "too_big" },
        ]);
      }
      return { months };
    }
    default:
      return {};
  }
}

/**
 * Records one step: refused with every reason when the record, the day or the facts do not allow it.
 * The step, the case's new state, the archive event and any role change land in one batch.
 */
export async function takeStep(
  db: Db,
  loaded: LoadedCase,
  input: StepInput,
  by: string,
  now: number,
  to?: TransferTarget,
) {
  const k = loaded.kase;
  const rules = loaded.rules;
  const steps = effectiveSteps(loaded.steps);
  const r = requirement(input.step, steps, rules.values);
  const blockers: Blocker[] = k.status !== "open" ? [{ code: "case_closed" }] : [...r.blockers];
  blockers.push(...dayBlockers(r, input.takenOn, dayOf(now), input.lateReason));
  const data = await stepData(db, loaded, input, blockers, to);
  if (blockers.length) throw refused(blockers);

  const late = !!r.due && input.takenOn > r.due;
  const id = newId();
  const taken: Taken = { id, step: input.step, takenOn: input.takenOn, data, createdAt: now };
  const closed = input.step === "cancel" ? "cancelled" : null;
  const state = caseState([...steps, taken], rules.values, closed);
  const writes = [
    db.insert(devSteps).values({
      id,
      caseId: k.id,
      step: input.step,
      takenOn: input.takenOn,
      actor: input.actor,
      decision: input.decision,
      evidence: input.evidence,
      data,
      dueOn: r.due ?? null,
      late,
      lateReason: late ? (input.lateReason ?? null) : null,
      ruleId: rules.id,
      recordedBy: by,
      createdAt: now,
    }),
    db
      .update(devCases)
      // A transfer moves the whole record: the case (and so every step) now belongs to the new branch.
      .set({ ...state, ...(to ? { orgId: to.id } : {}), updatedAt: now })
      .where(eq(devCases.id, k.id)),
    archiveOf(
      db,
      to ? { userId: k.userId, orgId: to.id } : k,
      taken,
      { late, decision: input.decision, passed: data.passed, toOrgName: to?.name },
      by,
      now,
    ),
  ] as const;
  const activeMember = and(
    eq(memberships.userId, k.userId),
    eq(memberships.orgId, k.orgId),
    eq(memberships.role, "member"),
    isNull(memberships.endedAt),
  );
  // A 预备党员 is a member of the branch (without a vote); cancelling the probation ends that, and a
  // transfer moves it (one read, only for a transfer, to learn whether there is one to move).
  const moving = to ? await db.select({ id: memberships.id }).from(memberships).where(activeMember).limit(1) : [];
  const grant = (orgId: string) =>
    db.insert(memberships).values({ id: newId(), userId: k.userId, orgId, role: "member", startedAt: now });
  const end = () => db.update(memberships).set({ endedAt: now }).where(activeMember);
  const roles =
    input.step === "approval"
      ? [grant(k.orgId)]
      : input.step === "cancel"
        ? [end()]
        : to && moving.length
          ? [end(), grant(to.id)]
          : [];
  await db.batch([...writes, ...roles]);
  return {
    id,
    late,
    passed: data.passed ?? null,
    stage: state.stage,
    nextStep: state.nextStep,
    nextDueOn: state.nextDueOn,
  };
}

/** A correction: a new row naming the original; the original stays, and the case is recomputed. */
export async function correctStep(
  db: Db,
  loaded: LoadedCase,
  original: typeof devSteps.$inferSelect,
  input: { takenOn: string; actor: string; decision: string; evidence: string; reason: string },
  by: string,
  now: number,
) {
  if (input.takenOn > dayOf(now)) throw refused([{ code: "in_future", date: dayOf(now) }]);
  const rootId = original.correctsId ?? original.id;
  const id = newId();
  const { reason, ...fields } = input;
  const stored = {
    ...original,
    ...fields,
    id,
    correctsId: rootId,
    data: { ...original.data, reason },
    recordedBy: by,
    createdAt: now,
  };
  const steps = effectiveSteps([...loaded.steps, stored]);
  const k = loaded.kase;
  const state = caseState(steps, loaded.rules.values, k.status === "cancelled" ? "cancelled" : null);
  await db.batch([
    db.insert(devSteps).values(stored),
    db
      .update(devCases)
      .set({ ...state, updatedAt: now })
      .where(eq(devCases.id, k.id)),
    archiveOf(db, k, { id, step: original.step, takenOn: input.takenOn }, { correction: true, reason }, by, now),
  ]);
  return { id, correctsId: rootId };
}

/** A 发展对象培训班 that reaches the branch, else 404 (a plan from elsewhere reveals nothing). */
async function trainingClass(db: Db, branchPath: string, planId: string) {
  const plan = (await trainingClasses(db, branchPath)).find((p) => p.id === planId);
  if (!plan) throw notFound("training class");
  return plan;
}

/** Enrols a candidate in a training class: from the candidate step until the training is recorded. */
export async function enrollInTraining(db: Db, loaded: LoadedCase, planId: string, by: string, now: number) {
  const steps = effectiveSteps(loaded.steps);
  const b: Blocker[] = loaded.kase.status !== "open" ? [{ code: "case_closed" }] : [];
  if (!steps.some((s) => s.step === "candidate")) b.push({ code: "missing_previous", step: "candidate" });
  if (steps.some((s) => s.step === "training")) b.push({ code: "already_done", step: "training" });
  if (b.length) throw refused(b);
  const plan = await trainingClass(db, loaded.orgPath, planId);
  const k = loaded.kase;
  await enrollStatement(db, {
    id: newId(),
    planId: plan.id,
    userId: k.userId,
    orgId: k.orgId,
    enrolledBy: by,
    createdAt: now,
  });
  return { planId: plan.id };
}

/** The classes reaching the person's branch, each with what they completed in it (a query per class: few). */
export async function trainingOf(db: Db, loaded: LoadedCase) {
  const classes = await trainingClasses(db, loaded.orgPath);
  return Promise.all(classes.map(async (c) => ({ ...c, ...(await classRecord(db, loaded.kase.userId, c.id)) })));
}

const registerColumns = {
  id: devCases.id,
  userId: devCases.userId,
  displayName: users.displayName,
  gender: users.gender,
  orgId: devCases.orgId,
  orgName: orgs.name,
  stage: devCases.stage,
  nextStep: devCases.nextStep,
  nextDueOn: devCases.nextDueOn,
  nextDue: devCases.nextDue,
};

// Unary + keeps SQLite off the cron's (status, next_due) index, which spans every tree: a subtree's
// lists walk its orgs by path and each org's cases by (org_id, status, next_due).
const openCase = sql`+${devCases.status} = 'open'`;

const dueOrder = [sql`${devCases.nextDue} IS NULL`, asc(devCases.nextDue), asc(devCases.id)] as const;

/**
 * One query: a page of a subtree's open cases (those `due` selects), soonest deadline first. The whole
 * subtree is sorted on the (org_id, status, next_due, id) index alone; only the page's rows are then
 * read with their person and branch (a late row lookup: 50 reads, not one per case in the subtree).
 */
function casePage(db: Db, path: string, due: SQL | undefined, q: { limit: number; offset: number }) {
  const ids = db
    .select({ caseId: sql<string>`${devCases.id}`.as("case_id") })
    .from(orgs)
    .innerJoin(devCases, and(eq(devCases.orgId, orgs.id), openCase, due))
    .where(subtreeRange(orgs.path, path))
    .orderBy(...dueOrder)
    .limit(q.limit + 1)
    .offset(q.offset)
    .as("page");
  return db
    .select(registerColumns)
    .from(ids)
    .innerJoin(devCases, eq(devCases.id, ids.caseId))
    .innerJoin(users, eq(users.id, devCases.userId))
    .innerJoin(orgs, eq(orgs.id, devCases.orgId))
    .orderBy(...dueOrder);
}

/** One query: everyone in the pipeline under a subtree, soonest deadline first. */
export const register = (db: Db, path: string, q: { limit: number; offset: number }) =>
  casePage(db, path, undefined, q);

/** One query: the open cases under a subtree whose next step is past its deadline. */
export const overdue = (db: Db, path: string, now: number, q: { limit: number; offset: number }) =>
  casePage(db, path, lt(sql`+${devCases.nextDue}`, now), q);

/** One query: a branch's full members, the people a mentor or sponsor may be. */
export function branchFullMembers(db: Db, orgId: string) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.orgId, orgId),
        eq(memberships.role, "member"),
        isNull(memberships.endedAt),
        sql`NOT EXISTS (SELECT 1 FROM dev_cases c WHERE c.user_id = ${memberships.userId} AND c.status = 'open')`,
      ),
    )
    .orderBy(asc(users.displayName));
}

/** The caller's own cases (an applicant sees only these). */
export const myCaseIds = (db: Db, userId: string) =>
  db.select({ id: devCases.id }).from(devCases).where(eq(devCases.userId, userId)).orderBy(asc(devCases.createdAt));
