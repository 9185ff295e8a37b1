// Demo data for member development: applicants, an activist and a candidate in 幸福社区党支部 (the demo
// secretary's), one step taken late, one applicant moved in from 红星村; in 红星村党支部 a 预备党员, one probation extended, one cancelled, one who
// became a full member (kept out of 幸福社区 so its member count, which other demos count on, stays the same). The cases' next step and its
// deadline are written as the Worker computes them (worker/development/pipeline.ts, default rules).
import { insert, passwordColumns } from "../sql.mjs";
import { DEMO_PASSWORD } from "./base.mjs";
import { studied, trainingClass } from "./parts/training.mjs";

const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const dayOf = (ms) => new Date(ms + OFFSET).toISOString().slice(0, 10);
const dayEnd = (d) => Date.parse(`${d}T00:00:00Z`) - OFFSET + DAY;
function addMonths(date, n) {
  const [y, m, d] = date.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export async function seed(ctx) {
  const out = [];
  const { community, village } = ctx.orgs;
  const villagers = ctx.members.filter((m) => m.branchId === village.id);
  const { secretary, member, admin } = ctx.users;
  const ago = (days) => dayOf(ctx.now - days * DAY);
  const vote = (entitled, yes) => ({ entitled, for: yes, against: entitled - yes - 1, abstain: 1, passed: true });
  const mentors = { mentorIds: [member.id], recommendedBy: "members" };
  const sponsors = { sponsorIds: [secretary.id, member.id] };

  /** A person's account (no role), the case, each step with its archive event. */
  const person = (username, displayName, gender, extra, steps, state, login = false, branch = community) => {
    const userId = extra.userId ?? ctx.id();
    const caseId = ctx.id();
    out.push(
      insert("users", {
        id: userId,
        username,
        display_name: displayName,
        gender,
        birth_on: extra.birthOn,
        education: extra.education,
        occupation: extra.occupation,
        ...(login ? passwordColumns(DEMO_PASSWORD) : {}),
        locale: "zh-CN",
        active: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
      }),
      insert("dev_cases", {
        id: caseId,
        user_id: userId,
        org_id: branch.id,
        stage: state.stage,
        status: state.status ?? "open",
        next_step: state.next ?? null,
        next_due_on: state.dueOn ?? null,
        next_due: state.dueOn ? dayEnd(state.dueOn) : null,
        created_at: ctx.now,
        updated_at: ctx.now,
      }),
    );
    for (const [i, [step, takenOn, data = {}, late = null]] of steps.entries()) {
      const stepId = ctx.id();
      const committee = ["prereview", "approval", "full_approval"].includes(step);
      out.push(
        insert("dev_steps", {
          id: stepId,
          case_id: caseId,
          step,
          taken_on: takenOn,
          actor: committee ? "示范市委组织部" : step === "application" ? displayName : `${branch.name}委员会`,
          decision: step === "application" ? "递交入党申请书" : "同意",
          evidence: step === "application" ? "入党申请书" : "会议记录",
          data,
          due_on: late?.dueOn ?? null,
          late: late ? 1 : 0,
          late_reason: late?.reason ?? null,
          recorded_by: committee ? admin.id : secretary.id,
          created_at: ctx.now - (steps.length - i) * 1000,
        }),
        insert("archive_events", {
          id: ctx.id(),
          member_id: userId,
          org_id: branch.id,
          kind: "development",
          subject_type: "dev_step",
          subject_id: stepId,
          summary: { step, takenOn, late: !!late, decision: "同意", passed: data.passed },
          occurred_at: Date.parse(`${takenOn}T00:00:00Z`) - OFFSET,
          recorded_by: committee ? admin.id : secretary.id,
          created_at: ctx.now,
        }),
      );
    }
    return { userId, caseId };
  };
  const grantMember = (userId, startedDaysAgo, endedDaysAgo = null) =>
    out.push(
      insert("memberships", {
        id: ctx.id(),
        user_id: userId,
        org_id: village.id,
        role: "member",
        started_at: ctx.now - startedDaysAgo * DAY,
        ended_at: endedDaysAgo === null ? null : ctx.now - endedDaysAgo * DAY,
      }),
    );
  const young = { birthOn: "2001-05-12", education: "bachelor", occupation: "professional" };
  const villager = (birthOn, education) => ({ birthOn, education, occupation: "farmer" });
  const cls = trainingClass(ctx, out);

  // 申请人 (who can log in as sq-zhou to read their own record): applied 20 days ago, talk due within a month.
  person(
    "sq-zhou",
    "周晓明",
    "male",
    young,
    [["application", ago(20)]],
    { stage: "applicant", next: "talk", dueOn: addMonths(ago(20), 1) },
    true,
  );
  // 申请人 whose talk was late, with the reason; she applied in 红星村 and moved to 幸福社区 with her record
  // (红星村's secretary still reads it up to the move).
  const wuApplied = ago(90);
  const moved = {
    fromOrgId: village.id,
    fromOrgName: village.name,
    toOrgId: community.id,
    toOrgName: community.name,
  };
  person(
    "sq-wu",
    "吴芳",
    "female",
    { birthOn: "1996-09-03", education: "college", occupation: "frontline_worker" },
    [
      ["application", wuApplied],
      ["talk", ago(40), {}, { dueOn: addMonths(wuApplied, 1), reason: "申请人外出务工，返乡后即安排谈话" }],
      ["transfer", ago(30), moved],
    ],
    { stage: "applicant", next: "activist" },
  );
  // 入党积极分子 whose second half-year assessment is overdue.
  person(
    "sq-zheng",
    "郑浩",
    "male",
    { birthOn: "1999-02-20", education: "high_school", occupation: "frontline_worker" },
    [
      ["application", ago(400)],
      ["talk", ago(390)],
      ["activist", ago(380), mentors],
      ["assessment", ago(200)],
    ],
    { stage: "activist", next: "assessment", dueOn: addMonths(ago(200), 6) },
  );
  // 发展对象 waiting for the committee's pre-review; the training counted from the class's completions.
  const wangId = ctx.id();
  const wangStudy = studied(ctx, cls, { userId: wangId, orgId: community.id }, ctx.now - 376 * DAY);
  const wangTraining = { planId: cls.planId, planTitle: cls.title, hours: 24, days: 3, completionIds: wangStudy.ids };
  person(
    "sq-wang",
    "王磊",
    "male",
    { userId: wangId, birthOn: "1984-11-08", education: "postgraduate", occupation: "professional" },
    [
      ["application", ago(800)],
      ["talk", ago(790)],
      ["activist", ago(780), mentors],
      ["assessment", ago(600)],
      ["assessment", ago(420)],
      ["candidate", ago(400), sponsors],
      ["political_review", ago(380)],
      ["training", ago(370), wangTraining],
    ],
    { stage: "candidate", next: "prereview" },
  );
  out.push(...wangStudy.statements);
  const villageMentors = { mentorIds: [villagers[1].id], recommendedBy: "masses" };
  const villageSponsors = { sponsorIds: [villagers[1].id, villagers[2].id] };
  const probation = (voteAgo, extra = []) => [
    ["application", ago(voteAgo + 700)],
    ["talk", ago(voteAgo + 690)],
    ["activist", ago(voteAgo + 680), villageMentors],
    ["assessment", ago(voteAgo + 500)],
    ["assessment", ago(voteAgo + 320)],
    ["candidate", ago(voteAgo + 300), villageSponsors],
    ["political_review", ago(voteAgo + 280)],
    ["training", ago(voteAgo + 270), { hours: 32, days: 4 }],
    ["prereview", ago(voteAgo + 40)],
    ["notice", ago(voteAgo + 30), { startOn: ago(voteAgo + 30), endOn: ago(voteAgo + 24) }],
    ["branch_vote", ago(voteAgo), vote(12, 10)],
    ["approval", ago(voteAgo - 30)],
    ["oath", ago(voteAgo - 40)],
    ...extra,
  ];
  // 预备党员 in probation: the application for full membership is due when it ends.
  const chen = person(
    "sq-chen",
    "陈静",
    "female",
    villager("1993-04-18", "high_school"),
    probation(190),
    {
      stage: "probationary",
      next: "full_application",
      dueOn: addMonths(ago(190), 12),
    },
    false,
    village,
  );
  grantMember(chen.userId, 160);
  // 预备党员 whose probation was extended by six months.
  const liu = person(
    "sq-liu",
    "刘洋",
    "male",
    villager("2000-08-30", "college"),
    probation(380, [["extension", ago(15), { months: 6 }]]),
    {
      stage: "probationary",
      next: "full_application",
      dueOn: addMonths(ago(380), 18),
    },
    false,
    village,
  );
  grantMember(liu.userId, 350);
  // A cancelled probation: the member role ended with it.
  const huang = person(
    "sq-huang",
    "黄涛",
    "male",
    villager("1988-01-05", "junior_or_below"),
    probation(400, [["cancel", ago(20)]]),
    {
      stage: "probationary",
      status: "cancelled",
    },
    false,
    village,
  );
  grantMember(huang.userId, 370, 20);
  // 正式党员 through the whole path.
  const lin = person(
    "sq-lin",
    "林雪",
    "female",
    young,
    probation(420, [
      ["full_application", ago(60)],
      ["full_vote", ago(50), vote(12, 11)],
      ["full_approval", ago(30)],
    ]),
    { stage: "full", status: "full" },
    false,
    village,
  );
  grantMember(lin.userId, 390);
  // The committee's plan for this year: the structure report on the register page compares against it.
  out.push(
    insert("dev_plans", {
      id: ctx.id(),
      org_id: ctx.orgs.committee.id,
      year: Number(dayOf(ctx.now).slice(0, 4)),
      target: 6,
      structure: { young: 4, women: 2, frontline: 2, farmers: 2, higherEducation: 3 },
      note: "控制总量、优化结构、提高质量",
      updated_by: admin.id,
      updated_at: ctx.now,
    }),
  );
  return out;
}
