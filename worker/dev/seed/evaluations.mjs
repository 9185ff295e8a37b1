// Demo evaluations: a yearly and a quarterly schedule on the demo committee, and one open yearly
// cycle for the community branch (opened by hand) with analyses submitted, returned and accepted.
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
  return out;
}
