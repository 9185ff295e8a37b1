import * as z from "zod/mini";
import { id, idParam, keysetQuery } from "../../schema/common/validation";
import { advisorScheduleBody } from "../../schema/talent/advisors";
import {
  applicationBody,
  applicationDecisionBody,
  assessmentBody,
  candidateBody,
  closeTermBody,
  correctionBody,
  decisionBody,
  entryBody,
  linkBody,
  nominationBody,
  nomineeBody,
  planBody,
  postBody,
  reserveListQuery,
  reviewBody,
  ruleBody,
  secretaryReviewBody,
  selectionBody,
  taskDoneBody,
  termBody,
  termListQuery,
} from "../../schema/talent/validation";
import { authorizePath, hasRoleOver } from "../auth";
import type { Caller } from "../env";
import { ApiError, invalid } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs";
import { authorizedMemberOf, authorizeHigher, DECIDERS, notOwnCase, READERS } from "./access";
import { advisorView, writeSchedule } from "./advisors";
import { coveragePage, coverageSummary } from "./coverage";
import { evidenceOf } from "./evidence";
import { issueLinks } from "./links";
import { nominateNonMember } from "./nominees";
import { markTaskDone, planProgress, practiceTermsOf } from "./plans";
import { assess, correct, getReserve, listReserves, nominate, plan, review, stepsOf } from "./pool";
import {
  applicantBranch,
  apply,
  decideApplication,
  getApplication,
  getPost,
  listPosts,
  myTerms,
  postDetail,
  postsFor,
  publishPost,
  recordEntry,
  termWithEntries,
} from "./posts";
import { OFFICE_ROLES } from "./rotation";
import { currentRule, getRule, ruleHistory, writeRule } from "./rules";
import { recordReview } from "./secretary-reviews";
import { addCandidate, decide, getSelection, listSelections, openSelection, selectionDetail } from "./selections";
import { closeTerm, getTerm, listTerms, openTerm } from "./terms";

const NOMINATORS = ["member", "secretary", "admin"] as const;
const taskParam = z.object({ id, itemId: id });

/** A pool entry the caller decides on: the committee over its branch, never the person themself. */
async function decidable(caller: Caller, id: string) {
  const loaded = await getReserve(caller.db, id);
  authorizePath(caller.user, loaded?.orgPath, DECIDERS, "reserve");
  notOwnCase(caller, loaded!.reserve.memberId);
  return loaded!;
}

async function loadedSelection(caller: Caller, id: string) {
  const loaded = await getSelection(caller.db, id);
  authorizePath(caller.user, loaded?.orgPath, READERS, "selection");
  return loaded!;
}

export const talentRoutes = createAuthedRouter()
  .post("/reserves", v("json", nominationBody), async (c) => {
    const body = c.req.valid("json");
    const nominee = await authorizedMemberOf(c.var, body.memberId, NOMINATORS);
    notOwnCase(c.var, nominee.id);
    // A member's recommendation is the members' voice, and the pool stays the committee's to see.
    const reader = hasRoleOver(c.var.user, nominee.branchPath, READERS);
    const out = await nominate(
      c.var.db,
      c.var.user.id,
      nominee.branchId,
      { ...body, source: reader ? body.source : "members" },
      Date.now(),
    );
    return c.json(reader ? out : { received: true as const }, 201);
  })
  .get("/reserves/:id", v("param", idParam), async (c) => {
    const loaded = await getReserve(c.var.db, c.req.valid("param").id);
    authorizePath(c.var.user, loaded?.orgPath, READERS, "reserve");
    const r = loaded!.reserve;
    const nominated = r.status === "nominated";
    const [steps, rule, evidence, practiceTerms] = await Promise.all([
      stepsOf(c.var.db, r.id),
      nominated ? currentRule(c.var.db, loaded!.orgPath) : getRule(c.var.db, r.ruleId),
      // While the committee assesses: the records now (the decision keeps its own snapshot in its step).
      nominated && !loaded!.nominee ? evidenceOf(c.var.db, r.memberId, Date.now()) : null,
      r.status === "admitted" && !loaded!.nominee ? practiceTermsOf(c.var.db, r.memberId) : [],
    ]);
    return c.json({
      ...r,
      memberName: loaded!.memberName,
      nominee: loaded!.nominee,
      rule,
      steps,
      evidence,
      practiceTerms,
    });
  })
  // The plan as the records measure it: for the committee and for the reserve's mentors (nothing else of the entry).
  .get("/reserves/:id/plan", v("param", idParam), async (c) => {
    const loaded = await getReserve(c.var.db, c.req.valid("param").id);
    const mentor = !!loaded?.reserve.mentorIds.includes(c.var.user.id);
    if (!mentor) authorizePath(c.var.user, loaded?.orgPath, READERS, "reserve");
    return c.json({ memberName: loaded!.memberName, mentor, ...(await planProgress(c.var.db, loaded!)) });
  })
  .post("/reserves/:id/assessment", v("param", idParam), v("json", assessmentBody), async (c) => {
    const loaded = await decidable(c.var, c.req.valid("param").id);
    return c.json(await assess(c.var.db, c.var.user.id, loaded, c.req.valid("json"), Date.now()));
  })
  .post("/reserves/:id/plan", v("param", idParam), v("json", planBody), async (c) => {
    const loaded = await decidable(c.var, c.req.valid("param").id);
    const body = c.req.valid("json");
    if (body.mentorIds.includes(loaded.reserve.memberId)) {
      throw invalid("a mentor is someone else", [{ path: "mentorIds", code: "invalid_value" }]);
    }
    const mentors = await Promise.all(body.mentorIds.map((id) => authorizedMemberOf(c.var, id, DECIDERS)));
    const names = mentors.map((m) => m.name);
    return c.json(await plan(c.var.db, c.var.user.id, loaded, body, names, Date.now()));
  })
  .post("/reserves/:id/tasks/:itemId/done", v("param", taskParam), v("json", taskDoneBody), async (c) => {
    const { id: reserveId, itemId } = c.req.valid("param");
    const loaded = await getReserve(c.var.db, reserveId);
    if (!loaded?.reserve.mentorIds.includes(c.var.user.id))
      authorizePath(c.var.user, loaded?.orgPath, READERS, "reserve");
    const on = c.req.valid("json").on;
    return c.json(await markTaskDone(c.var.db, c.var.user.id, loaded!, itemId, on, Date.now()));
  })
  .post("/reserves/:id/review", v("param", idParam), v("json", reviewBody), async (c) => {
    const loaded = await decidable(c.var, c.req.valid("param").id);
    return c.json(await review(c.var.db, c.var.user.id, loaded, c.req.valid("json"), Date.now()));
  })
  .post("/reserves/:id/corrections", v("param", idParam), v("json", correctionBody), async (c) => {
    const loaded = await decidable(c.var, c.req.valid("param").id);
    return c.json(await correct(c.var.db, c.var.user.id, loaded, c.req.valid("json"), Date.now()), 201);
  })
  .post("/terms", v("json", termBody), async (c) => {
    const body = c.req.valid("json");
    // A practice post is the committee's to give; a branch rotates its own advisors.
    const member = await authorizedMemberOf(c.var, body.memberId, body.kind === "practice" ? DECIDERS : READERS);
    notOwnCase(c.var, member.id);
    const hasOffice = member.held.some((h) => (OFFICE_ROLES as readonly string[]).includes(h.role));
    return c.json(await openTerm(c.var.db, c.var.user.id, member.branchId, body, hasOffice, Date.now()), 201);
  })
  .get("/posts", async (c) => c.json({ items: await postsFor(c.var.db, c.var.user, Date.now()) }))
  .get("/posts/:id", v("param", idParam), async (c) => {
    const loaded = await getPost(c.var.db, c.req.valid("param").id);
    authorizePath(c.var.user, loaded?.orgPath, READERS, "post");
    return c.json(await postDetail(c.var.db, loaded!));
  })
  .post("/posts/:id/applications", v("param", idParam), v("json", applicationBody), async (c) => {
    const loaded = await getPost(c.var.db, c.req.valid("param").id);
    if (!loaded) throw new ApiError(404, "not_found", "post not found");
    const branchId = applicantBranch(c.var.user, loaded.orgPath);
    const out = await apply(c.var.db, c.var.user.id, branchId, loaded, c.req.valid("json").motivation, Date.now());
    return c.json(out, 201);
  })
  .post("/applications/:id/decision", v("param", idParam), v("json", applicationDecisionBody), async (c) => {
    const loaded = await getApplication(c.var.db, c.req.valid("param").id);
    authorizePath(c.var.user, loaded?.orgPath, DECIDERS, "application");
    notOwnCase(c.var, loaded!.app.memberId);
    return c.json(
      await decideApplication(c.var.db, c.var.user.id, loaded!.app, loaded!.post, c.req.valid("json"), Date.now()),
    );
  })
  .get("/my/terms", async (c) => c.json({ items: await myTerms(c.var.db, c.var.user.id) }))
  .get("/terms/:id", v("param", idParam), async (c) => {
    const loaded = await getTerm(c.var.db, c.req.valid("param").id);
    if (loaded?.term.memberId !== c.var.user.id) authorizePath(c.var.user, loaded?.orgPath, READERS, "term");
    return c.json(await termWithEntries(c.var.db, loaded!.term));
  })
  .post("/terms/:id/entries", v("param", idParam), v("json", entryBody), async (c) => {
    const loaded = await getTerm(c.var.db, c.req.valid("param").id);
    // Only the member keeps their own record of work.
    if (!loaded || loaded.term.memberId !== c.var.user.id) throw new ApiError(404, "not_found", "term not found");
    return c.json(await recordEntry(c.var.db, loaded.term, c.req.valid("json"), Date.now()), 201);
  })
  .post("/terms/:id/close", v("param", idParam), v("json", closeTermBody), async (c) => {
    const loaded = await getTerm(c.var.db, c.req.valid("param").id);
    authorizePath(c.var.user, loaded?.orgPath, loaded?.term.kind === "practice" ? DECIDERS : READERS, "term");
    notOwnCase(c.var, loaded!.term.memberId);
    return c.json(await closeTerm(c.var.db, c.var.user.id, loaded!, c.req.valid("json"), Date.now()));
  })
  .get("/selections/:id", v("param", idParam), async (c) => {
    const loaded = await loadedSelection(c.var, c.req.valid("param").id);
    return c.json(await selectionDetail(c.var.db, loaded));
  })
  .post("/selections/:id/candidates", v("param", idParam), v("json", candidateBody), async (c) => {
    const loaded = await loadedSelection(c.var, c.req.valid("param").id);
    authorizeHigher(c.var, loaded.orgPath);
    const body = c.req.valid("json");
    await authorizedMemberOf(c.var, body.memberId, DECIDERS);
    return c.json(await addCandidate(c.var.db, c.var.user.id, loaded, body, Date.now()), 201);
  })
  .post("/selections/:id/reviews", v("param", idParam), v("json", secretaryReviewBody), async (c) => {
    const loaded = await loadedSelection(c.var, c.req.valid("param").id);
    authorizeHigher(c.var, loaded.orgPath);
    return c.json(await recordReview(c.var, loaded.selection, c.req.valid("json"), Date.now()), 201);
  })
  .post("/selections/:id/decision", v("param", idParam), v("json", decisionBody), async (c) => {
    const loaded = await loadedSelection(c.var, c.req.valid("param").id);
    authorizeHigher(c.var, loaded.orgPath);
    return c.json(await decide(c.var.db, c.var.user.id, loaded, c.req.valid("json"), Date.now()));
  });

export const orgTalentRoutes = createAuthedRouter()
  .get("/rules", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    const [current, history] = await Promise.all([currentRule(c.var.db, org.path), ruleHistory(c.var.db, org.id)]);
    return c.json({ current, history });
  })
  .post("/rules", v("param", idParam), v("json", ruleBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, DECIDERS);
    const body = c.req.valid("json");
    const keys = [...body.criteria, ...body.negatives].map((i) => i.key);
    if (new Set(keys).size !== keys.length)
      throw invalid("each item needs its own key", [{ path: "criteria", code: "invalid_value" }]);
    return c.json(await writeRule(c.var.db, org.id, body, c.var.user.id, Date.now()), 201);
  })
  .get("/reserves", v("param", idParam), v("query", reserveListQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    const q = c.req.valid("query");
    return c.json(page(await listReserves(c.var.db, org.path, q), q.limit, q.offset));
  })
  .post("/nominees", v("param", idParam), v("json", nomineeBody), async (c) => {
    const branch = await authorizedOrg(c.var, c.req.valid("param").id, NOMINATORS);
    if (branch.kind !== "branch")
      throw invalid("a nominee belongs to a branch", [{ path: "orgId", code: "not_a_branch" }]);
    const body = c.req.valid("json");
    // As for members: a member's recommendation is the members' voice, and the pool stays the committee's.
    const reader = hasRoleOver(c.var.user, branch.path, READERS);
    const n = { ...body, source: reader ? body.source : ("members" as const) };
    const out = await nominateNonMember(c.var.db, c.var.user.id, branch.id, n, Date.now());
    return c.json(reader ? out : { received: true as const }, 201);
  })
  .post("/links", v("param", idParam), v("json", linkBody), async (c) => {
    const branch = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    return c.json(await issueLinks(c.var.db, c.var.user.id, branch, c.req.valid("json"), Date.now()), 201);
  })
  // A page of the branches against the targets, in path order; how many meet them is its own read.
  .get("/coverage", v("param", idParam), v("query", keysetQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    return c.json(await coveragePage(c.var.db, org.path, c.req.valid("query")));
  })
  .get("/coverage/summary", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    return c.json(await coverageSummary(c.var.db, org.path));
  })
  .get("/terms", v("param", idParam), v("query", termListQuery), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    const q = c.req.valid("query");
    return c.json(page(await listTerms(c.var.db, org.path, q), q.limit, q.offset));
  })
  .get("/advisors", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    return c.json(await advisorView(c.var.db, org.id));
  })
  .post("/advisors", v("param", idParam), v("json", advisorScheduleBody), async (c) => {
    // A branch rotates its own advisors: its secretary or a committee above it sets the schedule.
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    if (org.kind !== "branch") throw new ApiError(422, "invalid", "a branch rotates its advisors");
    return c.json(await writeSchedule(c.var.db, c.var.user.id, org.id, c.req.valid("json"), Date.now()), 201);
  })
  .get("/posts", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    return c.json({ items: await listPosts(c.var.db, org.path) });
  })
  .post("/posts", v("param", idParam), v("json", postBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, DECIDERS);
    return c.json(await publishPost(c.var.db, c.var.user.id, org.id, c.req.valid("json"), Date.now()), 201);
  })
  .get("/selections", v("param", idParam), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    return c.json({ items: await listSelections(c.var.db, org.path) });
  })
  .post("/selections", v("param", idParam), v("json", selectionBody), async (c) => {
    const org = await authorizedOrg(c.var, c.req.valid("param").id, READERS);
    if (org.kind !== "branch") throw new ApiError(422, "invalid", "a secretary is chosen for a branch");
    authorizeHigher(c.var, org.path);
    return c.json(await openSelection(c.var.db, c.var.user.id, org, c.req.valid("json").on, Date.now()), 201);
  });
