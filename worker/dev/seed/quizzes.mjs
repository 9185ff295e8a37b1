// Demo data for quizzes: a bank of the demo party school on 党的群众路线 / 基层服务型党组织建设,
// one exam open to the committee subtree, and a few graded attempts.
const opts = (right, ...wrong) => [
  { id: "o1", text: right, fraction: 1 },
  ...wrong.map((text, i) => ({ id: `o${i + 2}`, text, fraction: 0 })),
];
const QUESTIONS = [
  [
    "群众路线的核心",
    "single",
    "党的群众路线的核心是什么？",
    { type: "single", options: opts("一切为了群众，一切依靠群众", "一切依靠上级", "一切为了政绩", "一切从书本出发") },
    "群众路线：一切为了群众，一切依靠群众，从群众中来，到群众中去。",
  ],
  [
    "群众路线的工作方法",
    "single",
    "“从群众中来，到群众中去”是党的什么？",
    { type: "single", options: opts("根本工作路线和工作方法", "组织原则", "纪律要求", "宣传口号") },
    "",
  ],
  [
    "服务型党组织的服务对象",
    "multiple",
    "建设基层服务型党组织，要做到哪些服务？（多选）",
    {
      type: "multiple",
      options: [
        { id: "o1", text: "服务改革", fraction: 0.25 },
        { id: "o2", text: "服务发展", fraction: 0.25 },
        { id: "o3", text: "服务民生", fraction: 0.25 },
        { id: "o4", text: "服务群众、服务党员", fraction: 0.25 },
        { id: "o5", text: "服务个人私利", fraction: -1 },
      ],
    },
    "五个服务：服务改革、服务发展、服务民生、服务群众、服务党员。",
  ],
  [
    "生命线",
    "truefalse",
    "群众路线是党的生命线和根本工作路线。",
    { type: "truefalse", answer: true, feedbackWrong: "再读一读党章总纲。" },
    "",
  ],
  [
    "形式主义",
    "truefalse",
    "基层减负可以靠增加打卡签到来检验。",
    { type: "truefalse", answer: false, feedbackRight: "对：减负规定禁止强制打卡和积分排名。" },
    "",
  ],
  [
    "先锋指数",
    "fill",
    "衡量党员发挥先锋模范作用的量化指标称为“先锋____”。",
    { type: "fill", answers: [{ text: "指数", fraction: 1 }] },
    "",
  ],
  [
    "远程教育",
    "fill",
    "党员干部现代____教育，让党员在家门口学习。",
    { type: "fill", answers: [{ text: "远程", fraction: 1 }] },
    "",
  ],
  [
    "发展党员阶段",
    "matching",
    "把阶段与时长对应起来。",
    {
      type: "matching",
      pairs: [
        { left: "入党积极分子", right: "至少培养一年" },
        { left: "预备党员", right: "预备期一年" },
        { left: "发展对象", right: "政治审查" },
      ],
    },
    "",
  ],
  [
    "建党年份",
    "numerical",
    "中国共产党成立于哪一年？",
    { type: "numerical", answers: [{ value: 1921, tolerance: 0, fraction: 1 }] },
    "",
  ],
  [
    "一好双强",
    "single",
    "“一好双强”中的“一好”指什么？",
    { type: "single", options: opts("政治素质好", "家庭条件好", "学历好", "人缘好") },
    "",
  ],
  [
    "区域化党建",
    "multiple",
    "创新基层党组织设置的方式有哪些？",
    {
      type: "multiple",
      options: [
        { id: "o1", text: "区域型", fraction: 0.34 },
        { id: "o2", text: "产业型", fraction: 0.33 },
        { id: "o3", text: "网络型", fraction: 0.33 },
        { id: "o4", text: "只按行政单位", fraction: -1 },
      ],
    },
    "",
  ],
  [
    "轮职参事",
    "single",
    "轮职参事制度主要面向哪些党员？",
    { type: "single", options: opts("无职党员", "支部书记", "上级干部", "入党申请人") },
    "",
  ],
  ["后备人才库", "truefalse", "后备力量人才库要求“有进有退、动态管理”。", { type: "truefalse", answer: true }, ""],
  [
    "民评民测民考",
    "fill",
    "群众对党员的反向测评包括民评、民测和民____。",
    { type: "fill", answers: [{ text: "考", fraction: 1 }] },
    "",
  ],
  [
    "体会",
    "essay",
    "结合本支部实际，谈谈如何建设服务型党组织（300 字以内）。",
    { type: "essay" },
    "要点：服务意识、服务载体、服务机制、群众评价。",
  ],
];

const pickOf = (b, r) =>
  b.type === "single" && r.choice
    ? r.choice
    : b.type === "multiple" && r.choices
      ? [...r.choices].sort().join(",")
      : b.type === "truefalse" && typeof r.value === "boolean"
        ? String(r.value)
        : null;

export function seed(ctx) {
  const { q, id, now } = ctx;
  const out = [];
  const ins = (table, row) =>
    out.push(
      `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.values(row)
        .map((v) => q(v))
        .join(", ")});`,
    );
  const school = ctx.orgs.school;
  const committee = ctx.orgs.committee;
  const author = ctx.users.school.id;
  const bankId = id();
  ins("question_banks", {
    id: bankId,
    owner_org_id: school.id,
    owner_path: school.path,
    name: "党的群众路线与基层服务型党组织建设",
    practice_org_path: committee.path,
    created_by: author,
    created_at: now,
  });
  const rootId = id();
  const subId = id();
  ins("question_categories", {
    id: rootId,
    bank_id: bankId,
    parent_id: null,
    path: `/${rootId}/`,
    name: "党的群众路线",
    created_at: now,
  });
  ins("question_categories", {
    id: subId,
    bank_id: bankId,
    parent_id: rootId,
    path: `/${rootId}/${subId}/`,
    name: "基层服务型党组织建设",
    created_at: now,
  });
  const made = QUESTIONS.map(([name, type, stem, body, general], i) => {
    const qid = id();
    const vid = id();
    const cat = i < 5 ? { id: rootId, path: `/${rootId}/` } : { id: subId, path: `/${rootId}/${subId}/` };
    ins("questions", {
      id: qid,
      bank_id: bankId,
      category_id: cat.id,
      category_path: cat.path,
      name,
      type,
      difficulty: 2 + (i % 3),
      tags: JSON.stringify(["群众路线"]),
      version: 1,
      version_id: vid,
      archived_at: null,
      created_at: now + i,
      updated_at: now + i,
    });
    ins("question_versions", {
      id: vid,
      question_id: qid,
      version: 1,
      type,
      stem,
      format: "markdown",
      body: JSON.stringify(body),
      general_feedback: general,
      default_points: 1,
      created_by: author,
      created_at: now + i,
    });
    return { qid, vid, body };
  });
  const examSlots = made.slice(0, 10);
  const none = { score: false, correctness: false, answer: false, feedback: false };
  const review = {
    during: none,
    immediately: { ...none, score: true, correctness: true },
    open: { ...none, score: true },
    closed: { score: true, correctness: true, answer: true, feedback: true },
  };
  const quizId = id();
  ins("quizzes", {
    id: quizId,
    owner_org_id: school.id,
    owner_path: school.path,
    audience_org_id: committee.id,
    audience_path: committee.path,
    course_id: null,
    title: "2026 年度党的群众路线知识考试",
    description: "限时 20 分钟，可答 2 次，取最高分，60 分及格。",
    slots: JSON.stringify(examSlots.map((s) => ({ questionId: s.qid, points: 10 }))),
    open_at: now - 86_400_000,
    close_at: now + 30 * 86_400_000,
    time_limit_sec: 1200,
    attempts_allowed: 2,
    grading_method: "highest",
    pass_percent: 60,
    shuffle_questions: 1,
    shuffle_options: 1,
    review: JSON.stringify(review),
    published: 1,
    created_by: author,
    created_at: now,
    updated_at: now,
  });
  const rightResponse = (b) =>
    b.type === "single"
      ? { choice: "o1" }
      : b.type === "multiple"
        ? { choices: b.options.filter((o) => o.fraction > 0).map((o) => o.id) }
        : b.type === "truefalse"
          ? { value: b.answer }
          : b.type === "fill"
            ? { text: b.answers[0].text }
            : b.type === "numerical"
              ? { number: b.answers[0].value }
              : { pairs: Object.fromEntries(b.pairs.map((p, k) => [String(k), p.right])) };
  // A few graded attempts by members other than the demo member (who takes it in the e2e test).
  const takers = ctx.members.filter((m) => m.id !== ctx.users.member.id).slice(0, 4);
  takers.forEach((m, k) => {
    const attemptId = id();
    const started = now - (k + 2) * 3_600_000;
    const wrongFrom = 10 - (k + 4); // 4..7 right answers out of 10... and more
    let score = 0;
    examSlots.forEach((s, slot) => {
      const right = slot < 10 - Math.max(0, wrongFrom - 3);
      const response = right
        ? rightResponse(s.body)
        : s.body.type === "truefalse"
          ? { value: !s.body.answer }
          : { text: "不确定" };
      const fraction = right ? 1 : 0;
      score += fraction * 10;
      const order =
        s.body.type === "single" || s.body.type === "multiple"
          ? s.body.options.map((o) => o.id)
          : s.body.type === "matching"
            ? s.body.pairs.map((p) => p.right)
            : null;
      ins("attempt_slots", {
        id: id(),
        attempt_id: attemptId,
        quiz_id: quizId,
        slot,
        question_id: s.qid,
        version_id: s.vid,
        points: 10,
        option_order: order ? JSON.stringify(order) : null,
        response: JSON.stringify(response),
        seq: 1,
        saved_at: started + (slot + 1) * 60_000,
        fraction,
        pick: pickOf(s.body, response),
        needs_grading: 0,
        comment: null,
        graded_by: null,
        graded_at: null,
      });
    });
    ins("quiz_attempts", {
      id: attemptId,
      quiz_id: quizId,
      user_id: m.id,
      org_id: m.branchId,
      number: 1,
      id_key: id(),
      state: "closed",
      started_at: started,
      deadline: started + 1_200_000,
      submitted_at: started + 900_000,
      closed_by: "member",
      score,
      max_score: 100,
      percent: score,
      pending_count: 0,
      passed: score >= 60 ? 1 : 0,
      flag: null,
    });
    if (score >= 60) {
      ins("archive_events", {
        id: id(),
        member_id: m.id,
        org_id: m.branchId,
        kind: "quiz.passed",
        subject_type: "quiz",
        subject_id: quizId,
        summary: JSON.stringify({ title: "2026 年度党的群众路线知识考试", percent: score, passed: true }),
        occurred_at: started + 900_000,
        recorded_by: null,
        created_at: now,
      });
    }
  });
  return out;
}
