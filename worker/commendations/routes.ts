import { eq } from "drizzle-orm";
import { commendationObjections } from "../../schema";
import {
  answerBody,
  decisionBody,
  nominationBody,
  noticeBody,
  objectionBody,
  roundBody,
} from "../../schema/commendations/validation";
import { targetOf } from "../../schema/commendations/values";
import { idParam } from "../../schema/common/validation";
import { hasRoleOver } from "../auth";
import type { Caller } from "../env";
import { ApiError, invalid, notFound } from "../lib/errors";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { ANY_ROLE, authorizedOrg, getOrg } from "../orgs";
import { authorizedUser } from "../roster";
import {
  committeeOnly,
  DECIDERS,
  inSubtree,
  isCommittee,
  mayReadEvidence,
  NOMINATORS,
  notOwnCase,
  visibleRound,
} from "./access";
import { branchEvidence } from "./branch-evidence";
import { memberEvidence } from "./evidence";
import { finalise } from "./finalise";
import {
  createRound,
  getNominee,
  getRound,
  type LoadedNominee,
  type LoadedRound,
  listRounds,
  objectionsQuery,
  roundContents,
  roundOf,
} from "./service";
import { answerObjection, assertEligible, decide, lodgeObjection, nominate, openNotice } from "./workflow";

/** The evidence of nominees (or would-be nominees) of a round: one round trip. */
function evidenceFor(caller: Caller, round: LoadedRound["round"], subjects: { id: string; path: string }[]) {
  return round.target === "member"
    ? memberEvidence(
        caller.db,
        round,
        subjects.map((s) => s.id),
        Date.now(),
      )
    : branchEvidence(caller.db, round, subjects, Date.now());
}

async function visibleNominee(caller: Caller, id: string) {
  const loaded = await getNominee(caller.db, id);
  if (!loaded || !inSubtree(caller.user, loaded.roundOrgPath)) throw notFound("nominee");
  return loaded;
}

/** A member the caller's branch puts forward, or (a branch round) a branch of the committee's subtree. */
async function subjectOf(caller: Caller, loaded: LoadedRound, subjectId: string) {
  if (loaded.round.target === "branch") {
    committeeOnly(caller, loaded);
    const branch = await getOrg(caller.db, subjectId);
    if (branch?.kind !== "branch" || !branch.path.startsWith(loaded.orgPath)) throw notFound("branch");
    return { id: branch.id, orgId: branch.id, path: branch.path };
  }
  const found = await authorizedUser(caller, subjectId, NOMINATORS);
  const branch = found.held.find((h) => h.role === "member");
  if (!found.branchId || !branch) throw new ApiError(409, "no_branch", "this person belongs to no branch");
  if (!hasRoleOver(caller.user, branch.path, NOMINATORS))
    throw new ApiError(403, "forbidden", "a branch nominates its own members");
  if (!branch.path.startsWith(loaded.orgPath)) throw notFound("member");
  if (found.user.id === caller.user.id) throw new ApiError(403, "own_case", "nobody nominates themselves");
  return { id: found.user.id, orgId: found.branchId, path: branch.path };
}

const shapeNominee = (n: LoadedNominee) => ({
  ...n.nominee,
  name: n.subjectName,
  orgName: n.orgName,
  round: { ...n.round, approved: n.approved },
});

export const orgCommendationRoutes = createAuthedRouter()
  .get("/", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, ANY_ROLE);
    return c.json({ items: await listRounds(c.var.db, org) });
  })
  .post("/", v("param", idParam), v("json", roundBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, DECIDERS);
    if (org.kind !== "committee") throw invalid("a committee runs a round", [{ path: "orgId", code: "invalid_value" }]);
    const { target: asked, ...body } = c.req.valid("json");
    const target = targetOf(body.kind, asked);
    if (target === "branch" && body.criteria.appraisal)
      throw invalid("a branch has no appraisal grade", [{ path: "criteria.appraisal", code: "invalid_value" }]);
    if (!Object.values(body.criteria).some((x) => x !== undefined))
      throw invalid("set at least one criterion", [{ path: "criteria", code: "required" }]);
    return c.json(await createRound(c.var.db, c.var.user.id, org, { ...body, target }, Date.now()), 201);
  });

export const commendationRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), async (c) => {
    const loaded = visibleRound(c.var, await getRound(c.var.db, c.req.valid("param").id));
    const { nominees, objections } = await roundContents(c.var.db, loaded.round.id);
    const committee = isCommittee(c.var, loaded);
    const published = loaded.round.status !== "nominating";
    // The committee sees every nominee; a branch its own; everyone in the subtree the 公示 list.
    const shown = nominees.filter(
      (n) =>
        committee ||
        hasRoleOver(c.var.user, n.orgPath, NOMINATORS) ||
        n.subjectId === c.var.user.id ||
        (published && n.status === "approved"),
    );
    const withEvidence = shown.filter((n) => mayReadEvidence(c.var, loaded, n));
    const evidence = await evidenceFor(
      c.var,
      loaded.round,
      withEvidence.map((n) => ({ id: n.subjectId, path: n.orgPath })),
    );
    return c.json({
      ...loaded.round,
      orgName: loaded.orgName,
      committee,
      approved: nominees.filter((n) => n.status === "approved").length,
      openObjections: objections.filter((o) => o.answeredAt === null).length,
      nominees: shown.map(({ orgPath: _p, ...n }) => ({
        ...n,
        // A decision's reasons are the committee's record; the branch and nominee read them too.
        ...(mayReadEvidence(c.var, loaded, { subjectId: n.subjectId, orgPath: _p })
          ? { evidence: evidence.get(n.subjectId) ?? null }
          : { evidence: null, reason: null, quotaReason: null }),
      })),
      // Whoever lodged an objection is known to the committee only.
      objections: objections
        .filter((o) => committee || o.lodgedBy === c.var.user.id)
        .map(({ lodgedBy: _l, ...o }) => (committee ? o : { ...o, lodgerName: null })),
    });
  })
  .post("/:id/nominees", v("param", idParam), v("json", nominationBody), async (c) => {
    const loaded = visibleRound(c.var, await getRound(c.var.db, c.req.valid("param").id));
    const body = c.req.valid("json");
    const subject = await subjectOf(c.var, loaded, body.subjectId);
    const evidence = (await evidenceFor(c.var, loaded.round, [subject])).get(subject.id);
    if (evidence) assertEligible(evidence);
    return c.json(await nominate(c.var.db, c.var.user.id, loaded, subject, body.statement, Date.now()), 201);
  })
  .post("/:id/notice", v("param", idParam), v("json", noticeBody), async (c) => {
    const loaded = visibleRound(c.var, await getRound(c.var.db, c.req.valid("param").id));
    committeeOnly(c.var, loaded);
    const { startsOn, endsOn } = c.req.valid("json");
    return c.json(await openNotice(c.var.db, c.var.user.id, loaded, startsOn, endsOn, Date.now()));
  })
  .post("/:id/finalise", v("param", idParam), async (c) => {
    const loaded = visibleRound(c.var, await getRound(c.var.db, c.req.valid("param").id));
    committeeOnly(c.var, loaded);
    const { nominees, objections } = await roundContents(c.var.db, loaded.round.id);
    const open = objections.filter((o) => o.answeredAt === null).length;
    return c.json(await finalise(c.var.db, c.var.user.id, loaded, nominees, open, Date.now()));
  })
  .get("/nominees/:id", v("param", idParam), async (c) => {
    const loaded = await visibleNominee(c.var, c.req.valid("param").id);
    const round = roundOf(loaded);
    if (!mayReadEvidence(c.var, round, { subjectId: loaded.nominee.subjectId, orgPath: loaded.orgPath }))
      throw notFound("nominee");
    const committee = isCommittee(c.var, round);
    const [evidence, objections] = await Promise.all([
      evidenceFor(c.var, loaded.round, [{ id: loaded.nominee.subjectId, path: loaded.orgPath }]),
      objectionsQuery(c.var.db, eq(commendationObjections.nomineeId, loaded.nominee.id)),
    ]);
    return c.json({
      ...shapeNominee(loaded),
      committee,
      evidence: evidence.get(loaded.nominee.subjectId) ?? null,
      objections: objections
        .filter((o) => committee || o.lodgedBy === c.var.user.id)
        .map(({ lodgedBy: _l, ...o }) => (committee ? o : { ...o, lodgerName: null })),
    });
  })
  .post("/nominees/:id/decision", v("param", idParam), v("json", decisionBody), async (c) => {
    const loaded = await visibleNominee(c.var, c.req.valid("param").id);
    committeeOnly(c.var, roundOf(loaded));
    notOwnCase(c.var, loaded);
    const evidence = (
      await evidenceFor(c.var, loaded.round, [{ id: loaded.nominee.subjectId, path: loaded.orgPath }])
    ).get(loaded.nominee.subjectId)!;
    return c.json(await decide(c.var.db, c.var.user.id, loaded, evidence, c.req.valid("json"), Date.now()));
  })
  .post("/nominees/:id/objections", v("param", idParam), v("json", objectionBody), async (c) => {
    const loaded = await visibleNominee(c.var, c.req.valid("param").id);
    return c.json(await lodgeObjection(c.var.db, c.var.user.id, loaded, c.req.valid("json").text, Date.now()), 201);
  })
  .post("/objections/:id/answer", v("param", idParam), v("json", answerBody), async (c) => {
    const [objection] = await c.var.db
      .select()
      .from(commendationObjections)
      .where(eq(commendationObjections.id, c.req.valid("param").id))
      .limit(1);
    if (!objection) throw notFound("objection");
    const loaded = await visibleNominee(c.var, objection.nomineeId);
    committeeOnly(c.var, roundOf(loaded));
    notOwnCase(c.var, loaded);
    if (objection.lodgedBy === c.var.user.id) throw new ApiError(403, "own_case", "nobody answers their own objection");
    return c.json(await answerObjection(c.var.db, c.var.user.id, objection, loaded, c.req.valid("json"), Date.now()));
  });
