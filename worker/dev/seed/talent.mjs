// Demo data for the talent feature: the committee's "双好双强" rules with the "234" targets (version 1),
// a village pool that falls short of them (two top-post reserves, one for other posts, an activist still
// only nominated), a community member's closed rotating-advisor term, a practice post under way, one
// ended and waiting for its host's evaluation, and a published post open to applications.
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const dayOf = (ms) => new Date(ms + OFFSET).toISOString().slice(0, 10);
const dayMs = (d) => Date.parse(`${d}T00:00:00+08:00`);

const CRITERIA = [
  { key: "political", label: "政治素质好", evidence: ["appraisal", "study"] },
  { key: "conduct", label: "道德品行好", evidence: ["pledges", "appraisal"] },
  { key: "develop", label: "带头致富能力强", evidence: ["vanguard"] },
  { key: "serve", label: "带领群众共同致富能力强", evidence: ["service", "pledges"] },
];
const NEGATIVES = [
  { key: "discipline", label: "受过党纪政务处分且在影响期内" },
  { key: "crime", label: "有违法犯罪记录" },
  { key: "clan", label: "涉黑涉恶、宗族势力干扰" },
  { key: "credit", label: "严重失信被执行人" },
];

function insert(ctx, table, row) {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => ctx.q(row[c])).join(", ")});`;
}

export async function seed(ctx) {
  const out = [];
  const { committee, village, community } = ctx.orgs;
  const { admin } = ctx.users;
  const now = ctx.now;
  const ruleId = ctx.id();
  const rule = {
    standard: "双好双强",
    source: "参照桃源县“234”后备力量人才库做法（市委组织部）",
    criteria: CRITERIA,
    negatives: NEGATIVES,
    targets: { top: 2, other: 3, activist: 4 },
    reviewMonths: 6,
  };
  out.push(
    insert(ctx, "talent_rules", {
      id: ruleId,
      org_id: committee.id,
      version: 1,
      body: rule,
      created_by: admin.id,
      created_at: now - 200 * DAY,
    }),
  );

  const step = (reserve, kind, on, detail) => {
    out.push(
      insert(ctx, "talent_steps", {
        id: ctx.id(),
        reserve_id: reserve.id,
        kind,
        on_day: on,
        detail,
        actor_id: admin.id,
        created_at: dayMs(on),
      }),
      insert(ctx, "archive_events", {
        id: ctx.id(),
        member_id: reserve.memberId,
        org_id: reserve.orgId,
        kind: `talent.${kind}`,
        subject_type: "talent_reserve",
        subject_id: reserve.id,
        summary: { on, ...detail },
        occurred_at: dayMs(on),
        recorded_by: admin.id,
        created_at: now,
      }),
    );
  };

  // The village's members other than its secretary (members[4]).
  const villagers = ctx.members.filter((m) => m.branchId === village.id && m !== ctx.members[4]);
  const nominatedOn = dayOf(now - 120 * DAY);
  const admittedOn = dayOf(now - 90 * DAY);
  const reviewDue = dayOf(now + 90 * DAY);
  const entries = [
    [villagers[0], "top", "committee", "admitted", "返乡创办合作社，带动30户增收"],
    [villagers[1], "top", "members", "admitted", "村民小组长，群众基础好"],
    [villagers[2], "other", "masses", "admitted", "热心调解邻里纠纷"],
    [villagers[3], "activist", "members", "nominated", "青年致富带头人，已递交入党申请书"],
  ];
  for (const [who, track, source, status, reason] of entries) {
    if (!who) continue;
    const reserve = { id: ctx.id(), memberId: who.id, orgId: village.id };
    const admitted = status === "admitted";
    // The first top-post reserve has a mentor and a plan of two tasks, one done.
    const mentor = who === villagers[0] ? villagers[1] : undefined;
    out.push(
      insert(ctx, "talent_reserves", {
        id: reserve.id,
        member_id: who.id,
        org_id: village.id,
        track,
        source,
        status,
        rule_id: admitted ? ruleId : null,
        mentor_ids: mentor ? [mentor.id] : [],
        last_on: admitted ? admittedOn : nominatedOn,
        review_due_on: admitted ? reviewDue : null,
        created_at: dayMs(nominatedOn),
      }),
    );
    step(reserve, "nominated", nominatedOn, { track, source, reason });
    if (admitted) {
      step(reserve, "admitted", admittedOn, {
        rule: { id: ruleId, version: 1, standard: rule.standard, source: rule.source },
        criteria: CRITERIA.map((c) => ({ ...c, met: true, evidence: "村级档案、民主评议结果" })),
        negatives: [],
        reason: "党委研究同意入库",
      });
    }
    if (mentor) {
      const tasks = [
        ["牵头村集体茶园项目", dayOf(now - 30 * DAY)],
        ["列席支委会并整理议事记录", null],
      ];
      step(reserve, "planned", admittedOn, {
        mentors: [mentor.displayName],
        items: tasks.map(([title]) => ({ kind: "task", title })),
      });
      out.push(
        ...tasks.map(([title, doneOn], n) =>
          insert(ctx, "talent_plan_items", {
            id: ctx.id(),
            reserve_id: reserve.id,
            n,
            kind: "task",
            title,
            done_on: doneOn,
            done_by: doneOn ? mentor.id : null,
            created_at: dayMs(admittedOn),
          }),
        ),
      );
    }
  }

  // 拉网式 beyond the members: a person of standing without an account, put forward by the masses' link.
  const nominee = { id: ctx.id(), reserveId: ctx.id() };
  out.push(
    insert(ctx, "talent_nominees", {
      id: nominee.id,
      org_id: village.id,
      name: "周德明",
      standing: "村民小组长，种养大户",
      contact: null,
      created_at: dayMs(nominatedOn),
    }),
    insert(ctx, "talent_reserves", {
      id: nominee.reserveId,
      member_id: nominee.id,
      org_id: village.id,
      track: "other",
      source: "masses",
      status: "nominated",
      rule_id: null,
      mentor_ids: [],
      last_on: nominatedOn,
      review_due_on: null,
      created_at: dayMs(nominatedOn),
    }),
    insert(ctx, "talent_steps", {
      id: ctx.id(),
      reserve_id: nominee.reserveId,
      kind: "nominated",
      on_day: nominatedOn,
      detail: { track: "other", source: "masses", reason: "带头修路，组里人都服他" },
      actor_id: "masses",
      created_at: dayMs(nominatedOn),
    }),
  );

  // 轮职参事 in the community: one term served and assessed; a practice post under way.
  const residents = ctx.members.filter((m) => m.branchId === community.id).slice(4, 7);
  const terms = [
    [
      residents[0],
      "advisor",
      "轮职参事",
      null,
      "幸福社区党支部委员会",
      "列席支委会，牵头楼栋议事",
      -180,
      -1,
      "competent",
      "按时列席支委会，提出楼道整治建议3条",
    ],
    [
      residents[1],
      "practice",
      "社区网格员（实践锻炼）",
      "community",
      "幸福社区居委会",
      "负责3号网格的走访和矛盾排查",
      -30,
      150,
      null,
      null,
    ],
    [
      residents[2],
      "practice",
      "产业园区党建指导员",
      "enterprise",
      "桃花工业园区党委",
      "指导园区非公企业党组织组建和活动",
      -120,
      -1,
      null,
      null,
    ],
  ];
  for (const [who, kind, title, place, host, duties, from, to, grade, assessment] of terms) {
    if (!who) continue;
    const id = ctx.id();
    const closed = grade !== null;
    out.push(
      insert(ctx, "talent_terms", {
        id,
        kind,
        member_id: who.id,
        org_id: community.id,
        title,
        place,
        host,
        duties,
        starts_on: dayOf(now + from * DAY),
        ends_on: dayOf(now + to * DAY),
        assigned_by: admin.id,
        grade,
        assessment,
        closed_on: closed ? dayOf(now + to * DAY) : null,
        closed_by: closed ? admin.id : null,
        created_at: now + from * DAY,
      }),
      ...(kind === "practice"
        ? [30, 75]
            .filter((d) => from + d < Math.min(to, 0))
            .map((d) =>
              insert(ctx, "talent_term_entries", {
                id: ctx.id(),
                term_id: id,
                on_day: dayOf(now + (from + d) * DAY),
                work: d === 30 ? "走访网格内住户，建立联系台账" : "协助调解矛盾纠纷2起",
                created_at: now + (from + d) * DAY,
              }),
            )
        : []),
      insert(ctx, "archive_events", {
        id: ctx.id(),
        member_id: who.id,
        org_id: community.id,
        kind: "talent.term_opened",
        subject_type: "talent_term",
        subject_id: id,
        summary: { kind, title, host },
        occurred_at: now + from * DAY,
        recorded_by: admin.id,
        created_at: now,
      }),
    );
    if (closed) {
      out.push(
        insert(ctx, "archive_events", {
          id: ctx.id(),
          member_id: who.id,
          org_id: community.id,
          kind: "talent.term_closed",
          subject_type: "talent_term",
          subject_id: id,
          summary: { kind, title, host, grade, assessment },
          occurred_at: now + to * DAY,
          recorded_by: admin.id,
          created_at: now,
        }),
      );
    }
  }
  out.push(...advisorRotation(ctx, admin));
  // A post the committee has published, open to applications until it starts.
  out.push(
    insert(ctx, "talent_posts", {
      id: ctx.id(),
      org_id: committee.id,
      title: "乡村振兴驻村工作队队员",
      place: "village",
      host: "红星村委会",
      duties: "协助发展村集体经济，每月驻村不少于20天",
      starts_on: dayOf(now + 14 * DAY),
      ends_on: dayOf(now + 195 * DAY),
      published_by: admin.id,
      created_at: now - 3 * DAY,
    }),
  );
  return out;
}

/**
 * 轮职参事 by schedule: the community's rule in force (version 1, six-month terms from two months ago, one
 * seat) with its running term and its due row, so the cron reminds and rotates it; the enterprise branch's
 * history (two members a half-year for three years, all but one of its members without a post), with no
 * schedule yet: setting one rotates in the member who never served.
 */
function advisorRotation(ctx, admin) {
  const out = [];
  const now = ctx.now;
  const { community, enterprise } = ctx.orgs;
  const scheduleId = ctx.id();
  const startsOn = dayOf(now - 60 * DAY);
  const [y, m, d] = startsOn.split("-").map(Number);
  const endsOn = new Date(Date.UTC(y, m - 1 + 6, d) - DAY).toISOString().slice(0, 10);
  const duties = "列席支委会，牵头一项为民服务任务";
  out.push(
    insert(ctx, "talent_advisor_schedules", {
      id: scheduleId,
      org_id: community.id,
      version: 1,
      starts_on: startsOn,
      term_months: 6,
      seats: 1,
      notice_days: 7,
      title: "轮职参事",
      duties,
      created_by: ctx.users.secretary.id,
      created_at: now - 70 * DAY,
    }),
    insert(ctx, "due_work", { kind: "talent_advisor", subject: community.id, ref: "advisors", due_at: now }),
  );
  const advisor = ctx.members.filter((x) => x.branchId === community.id)[7];
  const term = (who, org, from, to, extra) => {
    const id = ctx.id();
    out.push(
      insert(ctx, "talent_terms", {
        id,
        kind: "advisor",
        member_id: who.id,
        org_id: org.id,
        title: "轮职参事",
        host: org.name,
        duties,
        starts_on: from,
        ends_on: to,
        assigned_by: admin.id,
        created_at: dayMs(from),
        ...extra,
      }),
      insert(ctx, "archive_events", {
        id: ctx.id(),
        member_id: who.id,
        org_id: org.id,
        kind: "talent.term_opened",
        subject_type: "talent_term",
        subject_id: id,
        summary: { kind: "advisor", title: "轮职参事", host: org.name, startsOn: from, endsOn: to },
        occurred_at: dayMs(from),
        created_at: now,
      }),
    );
    return id;
  };
  if (advisor) {
    const id = term(advisor, community, startsOn, endsOn, { schedule_id: scheduleId, seat: 1 });
    out.push(
      insert(ctx, "talent_term_entries", {
        id: ctx.id(),
        term_id: id,
        on_day: dayOf(now - 20 * DAY),
        kind: "meeting",
        work: "列席支委会，讨论老旧小区加装电梯",
        created_at: now - 20 * DAY,
      }),
    );
  }
  // The enterprise branch (its secretary holds a post): everyone but its first plain member served once.
  const plain = ctx.members.filter((x) => x.branchId === enterprise.id && x !== ctx.members[2]);
  plain.slice(1).forEach((who, i) => {
    const to = dayOf(now - (10 + Math.floor(i / 2) * 183) * DAY);
    const from = dayOf(dayMs(to) - 182 * DAY);
    term(who, enterprise, from, to, { closed_on: to });
  });
  return out;
}
