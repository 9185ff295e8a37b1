// Demo evaluations: a yearly and a quarterly schedule on the demo committee, and one open yearly
// cycle for the community branch (opened by hand) with analyses submitted, returned and accepted;
// last year's closed cycle of that branch graded one member (dy020) 不合格, whose follow-up is under way.
const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

const TEMPLATE = [
  { key: "theory", title: "理论学习", guidance: "学习了哪些理论，有何体会", minLength: 20, maxLength: 2000 },
  { key: "stance", title: "政治立场", guidance: "对照党章党规，检视政治立场", minLength: 20, maxLength: 2000 },
  { key: "duty", title: "履职尽责", guidance: "本职工作和党员义务的履行情况", minLength: 20, maxLength: 2000 },
  { key: "service", title: "服务群众", guidance: "联系和服务群众的具体事例", minLength: 20, maxLength: 2000 },
  { key: "problems", title: "存在问题", guidance: "查找自身存在的问题和不足", minLength: 10, maxLength: 2000 },
  {
    key: "rectification",
    title: "整改措施",
    guidance: "每行一条整改措施，下一周期将逐条报告落实情况",
    minLength: 5,
    maxLength: 2000,
    rectification: true,
  },
];
const SETTINGS = { excellentQuota: 1 / 3, peerScope: "branch" };

const content = (name, round) => ({
  theory: `${name}系统学习了党的创新理论，参加支部集中学习十二次，撰写心得体会三篇${round > 1 ? "，并结合社区工作谈了具体收获" : ""}。`,
  stance: "始终在思想上政治上行动上同党中央保持高度一致，严守政治纪律和政治规矩。",
  duty: "认真完成本职工作，按时参加组织生活，按时足额交纳党费，积极参加志愿服务。",
  service: "参与社区网格巡查，走访独居老人二十余户，帮助解决用水、出行等实际困难。",
  problems: "理论学习深度不够，联系群众的主动性还需加强。",
  rectification: "1. 每月精读一篇重要文章并写体会\n2. 每季度走访联系户不少于五户",
});

export function seed(ctx) {
  const { q, id, now } = ctx;
  const out = [];
  const committee = ctx.orgs.committee;
  const community = ctx.orgs.community;
  const yearly = id();
  const quarterly = id();
  const schedule = (sid, name, frequency, phases) =>
    `INSERT INTO eval_schedules (id, org_id, org_path, name, frequency, phases, template, settings, active, created_by, created_at, updated_at) VALUES (${[
      sid,
      committee.id,
      committee.path,
      name,
      frequency,
      phases,
      TEMPLATE,
      SETTINGS,
      1,
      ctx.users.admin.id,
      now,
      now,
    ]
      .map(q)
      .join(", ")});`;
  out.push(
    schedule(yearly, "年度民主评议党员", "yearly", {
      analysis: { from: 0, to: 45 },
      appraisal: { from: 30, to: 60 },
      decision: { from: 60, to: 75 },
    }),
    // Every phase open the whole quarter: the cron opens it on any day (demo and end-to-end test).
    schedule(quarterly, "季度党性分析与评议", "quarterly", {
      analysis: { from: 0, to: 92 },
      appraisal: { from: 0, to: 92 },
      decision: { from: 0, to: 92 },
    }),
  );

  // The yearly cycle of the community branch, opened by hand with windows counted from a few days ago.
  const year = new Date(now + SHANGHAI).getUTCFullYear();
  const periodStart = Date.UTC(year, 0, 1) - SHANGHAI;
  const periodEnd = Date.UTC(year + 1, 0, 1) - SHANGHAI;
  const windows = {
    analysis: { opensAt: now - 10 * DAY, closesAt: now + 20 * DAY },
    appraisal: { opensAt: now + 14 * DAY, closesAt: now + 30 * DAY },
    decision: { opensAt: now + 30 * DAY, closesAt: now + 40 * DAY },
  };
  const cycle = id();
  out.push(
    `INSERT INTO eval_cycles (id, schedule_id, branch_id, branch_path, name, label, period_start, period_end, closes_at, windows, template, settings, phase, status, opened_by, created_at) VALUES (${[
      cycle,
      yearly,
      community.id,
      community.path,
      "年度民主评议党员",
      String(year),
      periodStart,
      periodEnd,
      now + 40 * DAY,
      windows,
      TEMPLATE,
      SETTINGS,
      "analysis",
      "open",
      ctx.users.admin.id,
      now - 10 * DAY,
    ]
      .map(q)
      .join(", ")});`,
  );
  const branchMembers = ctx.members.filter(
    (m) => m.branchId === community.id && !["member", "secretary"].includes(m.username),
  );
  // status per member: submitted once, returned then resubmitted, accepted, draft.
  const plan = ["submitted", "resubmitted", "accepted", "returned", "draft"];
  branchMembers.slice(0, plan.length).forEach((m, i) => {
    const state = plan[i];
    const aid = id();
    const versions = state === "resubmitted" ? 2 : state === "draft" ? 0 : 1;
    const status = {
      submitted: "submitted",
      resubmitted: "submitted",
      accepted: "accepted",
      returned: "returned",
      draft: "draft",
    }[state];
    const at = now - (5 - i) * DAY;
    out.push(
      `INSERT INTO eval_analyses (id, cycle_id, member_id, status, draft, reports, version, comment, reviewed_by, reviewed_at, submitted_at, updated_at) VALUES (${[
        aid,
        cycle,
        m.id,
        status,
        content(m.displayName, versions),
        {},
        versions,
        state === "returned" ? "请结合本职工作写得更具体些" : null,
        ["accepted", "returned"].includes(state) ? ctx.users.secretary.id : null,
        ["accepted", "returned"].includes(state) ? at + DAY / 2 : null,
        versions ? at : null,
        at,
      ]
        .map(q)
        .join(", ")});`,
    );
    for (let v = 1; v <= versions; v++) {
      const outcome = v < versions || state === "returned" ? "returned" : state === "accepted" ? "accepted" : null;
      out.push(
        `INSERT INTO eval_analysis_versions (analysis_id, version, content, reports, outcome, comment, submitted_at) VALUES (${[
          aid,
          v,
          content(m.displayName, v),
          {},
          outcome,
          outcome === "returned" ? "请结合本职工作写得更具体些" : null,
          at - (versions - v) * DAY,
        ]
          .map(q)
          .join(", ")});`,
      );
    }
    if (state === "accepted") {
      for (const text of ["每月精读一篇重要文章并写体会", "每季度走访联系户不少于五户"]) {
        out.push(
          `INSERT INTO eval_rectifications (id, member_id, source_analysis_id, text, created_at) VALUES (${[id(), m.id, aid, text, at].map(q).join(", ")});`,
        );
      }
      out.push(
        `INSERT INTO archive_events (id, member_id, org_id, kind, subject_type, subject_id, summary, occurred_at, recorded_by, created_at) VALUES (${[
          id(),
          m.id,
          community.id,
          "self_analysis_accepted",
          "eval_analysis",
          aid,
          { cycle: "年度民主评议党员", label: String(year), version: 1, rectifications: 2 },
          at + DAY / 2,
          ctx.users.secretary.id,
          now,
        ]
          .map(q)
          .join(", ")});`,
      );
    }
  });
  // Everyone in the branch was told the cycle opened.
  for (const m of ctx.members.filter((x) => x.branchId === community.id)) {
    out.push(
      `INSERT INTO notifications (id, user_id, key, kind, params, link, due_at, created_at) VALUES (${[
        id(),
        m.id,
        `${cycle}:opened`,
        "opened",
        { cycleId: cycle, cycle: "年度民主评议党员", label: String(year), closesAt: now + 40 * DAY },
        `/evaluations/cycle/${cycle}`,
        now + 40 * DAY,
        now - 10 * DAY,
      ]
        .map(q)
        .join(", ")});`,
    );
  }
  out.push(...lastYearFollowup(ctx, yearly, year - 1));
  return out;
}

const ago = (now, days) => new Date(now + SHANGHAI - days * DAY).toISOString().slice(0, 10);
const dayStartOf = (d) => Date.parse(`${d}T00:00:00Z`) - SHANGHAI;

/**
 * Last year's cycle of the community branch, closed 100 days ago with dy020 graded 不合格, and the
 * follow-up the branch has worked through since: a help plan, two talks, 限期改正 whose deadline passed
 * five days ago, so the branch may now bring 劝其退党 to its general meeting (the steps as the worker
 * records them, with their growth-archive events).
 */
function lastYearFollowup(ctx, scheduleId, year) {
  const { q, id, now } = ctx;
  const community = ctx.orgs.community;
  const member = ctx.members.find((m) => m.username === "dy020");
  const row = (table, values) =>
    `INSERT INTO ${table} (${Object.keys(values).join(", ")}) VALUES (${Object.values(values).map(q).join(", ")});`;
  const cycle = id();
  const closedAt = now - 100 * DAY;
  const followup = id();
  const sec = ctx.users.secretary.id;
  const steps = [
    [
      "plan",
      95,
      "支部委员会",
      "支部书记结对帮扶，每月谈心一次，参加支部集中学习",
      "帮扶计划（支委会会议记录）",
      ago(now, 40),
    ],
    ["talk", 90, "支部书记", "指出不按时参加组织生活的问题，本人表示接受", "谈话记录（本人签字）", null],
    ["talk", 60, "支部书记、组织委员", "了解家庭困难，约定参加主题党日", "谈话记录", null],
    ["deadline", 40, "支部委员会", "按时参加组织生活、交纳党费", "支委会会议记录、限期改正通知书", ago(now, 5)],
  ];
  const out = [
    row("eval_cycles", {
      id: cycle,
      schedule_id: scheduleId,
      branch_id: community.id,
      branch_path: community.path,
      name: "年度民主评议党员",
      label: String(year),
      period_start: Date.UTC(year, 0, 1) - SHANGHAI,
      period_end: Date.UTC(year + 1, 0, 1) - SHANGHAI,
      closes_at: closedAt,
      windows: {
        analysis: { opensAt: closedAt - 75 * DAY, closesAt: closedAt - 30 * DAY },
        appraisal: { opensAt: closedAt - 45 * DAY, closesAt: closedAt - 15 * DAY },
        decision: { opensAt: closedAt - 15 * DAY, closesAt: closedAt },
      },
      template: TEMPLATE,
      settings: SETTINGS,
      phase: null,
      status: "closed",
      closed_at: closedAt,
      opened_by: ctx.users.admin.id,
      created_at: closedAt - 75 * DAY,
    }),
    row("eval_decisions", {
      cycle_id: cycle,
      member_id: member.id,
      grade: "unqualified",
      reason: "经支部大会讨论：全年五次无故不参加组织生活",
      decided_by: sec,
      decided_at: closedAt - DAY,
    }),
    row("archive_events", {
      id: id(),
      member_id: member.id,
      org_id: community.id,
      kind: "appraisal_grade",
      subject_type: "eval_cycle",
      subject_id: cycle,
      summary: {
        cycle: "年度民主评议党员",
        label: String(year),
        grade: "unqualified",
        reason: "经支部大会讨论：全年五次无故不参加组织生活",
      },
      occurred_at: closedAt - DAY,
      recorded_by: sec,
      created_at: closedAt,
    }),
    row("eval_followups", {
      id: followup,
      cycle_id: cycle,
      member_id: member.id,
      branch_id: community.id,
      status: "open",
      next_step: "corrected",
      next_due: dayStartOf(ago(now, 5)) + DAY,
      next_due_on: ago(now, 5),
      outcome: null,
      created_at: closedAt,
      updated_at: now - 40 * DAY,
    }),
  ];
  steps.forEach(([step, days, actor, decision, evidence, dueOn], i) => {
    const sid = id();
    const takenOn = ago(now, days);
    out.push(
      row("eval_followup_steps", {
        id: sid,
        followup_id: followup,
        step,
        taken_on: takenOn,
        actor,
        decision,
        evidence,
        data: {},
        due_on: dueOn,
        of_id: null,
        corrects_id: null,
        recorded_by: sec,
        created_at: now - days * DAY + i,
      }),
      row("archive_events", {
        id: id(),
        member_id: member.id,
        org_id: community.id,
        kind: "followup",
        subject_type: "eval_followup_step",
        subject_id: sid,
        summary: { step, takenOn, cycle: "年度民主评议党员", label: String(year), decision, outcome: null },
        occurred_at: dayStartOf(takenOn),
        recorded_by: sec,
        created_at: now - days * DAY + i,
      }),
    );
  });
  return out;
}
