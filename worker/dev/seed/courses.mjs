// Demo courses: study notes on the article the product is built from (written for this repository, in
// seed/lessons/) open 《加强基层服务型党组织建设》 in the demo party school, beside two more courses; all three
// are assigned as required to the committee's subtree, and the demo members are part-way through or done.
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import { foldHanzi } from "../../lib/fold.ts";

const DAY = 86_400_000;
// Same options as worker/courses/markdown.ts: raw HTML is escaped.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
const lesson = (name) => readFileSync(new URL(`./lessons/${name}.md`, import.meta.url), "utf8");

const COURSES = [
  {
    title: "加强基层服务型党组织建设",
    summary:
      "以服务群众、做好群众工作为根本价值取向，学习基层服务型党组织建设的组织基础、素质提升、长效机制与工作保障。",
    category: "massline",
    level: "member",
    tags: ["服务型党组织", "群众路线"],
    due: 30,
    lessons: [
      { title: "学习笔记：加强基层服务型党组织建设", minutes: 20, body: lesson("service-oriented-party-org") },
      {
        title: "学习要点与自我检视",
        minutes: 10,
        body: "## 四个方面\n\n1. **夯实组织基础**：有破有立健全组织，重建重管发挥作用，共通共融形成合力。\n2. **坚持素质提升**：筑牢服务理念，强化知识更新，注重实践锻炼。\n3. **注重长远**：选好带头人，培养后备力量，补充“新鲜血液”。\n4. **完善机制**：完善制度，加强考核，加大投入。\n\n## 自我检视\n\n- 我所在的支部是如何联系和服务群众的？\n- 我本人今年为群众办了哪些实事？\n",
      },
    ],
  },
  {
    title: "新时代党员理论学习基础",
    summary: "党章党规与党的基本理论入门，帮助党员系统掌握理论学习的方法。",
    category: "theory",
    level: "member",
    tags: ["党章", "理论学习"],
    due: 60,
    lessons: [
      {
        title: "学习党章，明确党员义务",
        minutes: 15,
        body: "## 党员的八项义务\n\n认真学习党的理论，贯彻执行党的基本路线和各项方针、政策，坚持党和人民的利益高于一切，自觉遵守党的纪律，维护党的团结和统一，切实开展批评和自我批评，密切联系群众，发扬社会主义新风尚。\n\n> 学而不思则罔，思而不学则殆。\n",
      },
      {
        title: "理论学习的方法",
        minutes: 15,
        body: "## 读原著、学原文、悟原理\n\n- 制定个人学习计划，按季度检视。\n- 结合“三会一课”开展集体学习与交流研讨。\n- 联系本职工作，把学习成果转化为服务群众的实际行动。\n",
      },
    ],
  },
  {
    title: "基层社会治理实务",
    summary: "网格化管理、矛盾纠纷调解与志愿服务组织的基本方法，面向支部书记与党员骨干。",
    category: "governance",
    level: "secretary",
    tags: ["网格化", "调解"],
    due: -10,
    lessons: [
      {
        title: "网格化管理与党员联系户",
        minutes: 12,
        body: "## 网格化管理\n\n以社区、村为单元划分网格，党员就近编入网格，明确联系户，做到民情在网格中掌握、问题在网格中解决。\n",
      },
      {
        title: "矛盾纠纷调解的基本步骤",
        minutes: 10,
        body: "## 五个步骤\n\n1. 倾听诉求\n2. 查明事实\n3. 释法明理\n4. 协商方案\n5. 回访巩固\n",
      },
    ],
  },
];

export function seed(ctx) {
  const { q, id, now } = ctx;
  const out = [];
  const insert = (table, row) => {
    const cols = Object.keys(row);
    // Quoted names: study_rules has a column called "values".
    const names = cols.map((c) => `"${c}"`).join(", ");
    out.push(`INSERT INTO ${table} (${names}) VALUES (${cols.map((c) => q(row[c])).join(", ")});`);
  };
  // The catalogue search's rows, folded as the Worker folds them (its triggers fill the FTS5 index).
  const searchDoc = (courseId, lessonId, title, body) =>
    insert("course_search_docs", {
      course_id: courseId,
      lesson_id: lessonId,
      title,
      body,
      folded_title: foldHanzi(title),
      folded_body: foldHanzi(body),
    });
  const { committee, school, community } = ctx.orgs;
  const publisher = ctx.users.school;
  const admin = ctx.users.admin;
  const year = new Date(now + 8 * 3_600_000).getUTCFullYear();

  // The study rules as versions with their sources: the committee's quotas (last year's, then this year's),
  // the school's conversion table.
  const rule = (org, kind, fromYear, version, values, source, by, ago) =>
    insert("study_rules", {
      id: id(),
      org_id: org.id,
      kind,
      from_year: fromYear,
      version,
      values,
      source,
      note: "",
      created_by: by.id,
      created_at: now - ago * DAY,
    });
  rule(
    committee,
    "quotas",
    year - 1,
    1,
    { member: 32, secretary: 56, cadre: 50 },
    "《2019—2023年全国党员教育培训工作规划》",
    admin,
    380,
  );
  rule(
    committee,
    "quotas",
    year,
    2,
    { member: 36, secretary: 56, cadre: 50 },
    `示范市委${year}年党员教育培训工作要点`,
    admin,
    50,
  );
  rule(
    school,
    "credit",
    year - 1,
    1,
    { longMinutes: 30, longHours: 1, midMinutes: 15, midHours: 0.5, shortHours: 0.25, checkpointBonus: 0.5 },
    "市委党校网络学院学时折算办法（参照云南干部在线学习学院）",
    publisher,
    380,
  );

  const planId = id();
  insert("curriculum_plans", {
    id: planId,
    org_id: committee.id,
    title: `${year} 年度党员教育培训计划`,
    period: "year",
    year,
    quarter: null,
    created_by: admin.id,
    created_at: now - 40 * DAY,
  });

  const courses = COURSES.map((c, ci) => {
    const courseId = id();
    const publishedAt = now - (45 - ci) * DAY;
    insert("courses", {
      id: courseId,
      school_org_id: school.id,
      school_path: school.path,
      title: c.title,
      summary: c.summary,
      cover_url: null,
      cover_key: null,
      category: c.category,
      level: c.level,
      tags: c.tags,
      status: "published",
      checkpoint_quiz_id: null,
      credit_hours: null,
      created_by: publisher.id,
      created_at: publishedAt - DAY,
      updated_at: publishedAt,
      published_at: publishedAt,
    });
    searchDoc(courseId, "", c.title, `${c.summary}\n${c.tags.join(" ")}`);
    const lessons = c.lessons.map((l, li) => {
      const lessonId = id();
      const versionId = id();
      insert("lessons", {
        id: lessonId,
        course_id: courseId,
        position: li + 1,
        current_version_id: versionId,
        removed_at: null,
        created_at: publishedAt - DAY,
      });
      insert("lesson_versions", {
        id: versionId,
        lesson_id: lessonId,
        version: 1,
        kind: "text",
        title: l.title,
        body: l.body,
        body_html: md.render(l.body),
        video_url: null,
        material_key: null,
        minutes: l.minutes,
        created_by: publisher.id,
        created_at: publishedAt - DAY,
      });
      searchDoc(courseId, lessonId, l.title, l.body);
      return { id: lessonId, versionId, minutes: l.minutes };
    });
    const itemId = id();
    insert("plan_items", {
      id: itemId,
      plan_id: planId,
      course_id: courseId,
      org_id: committee.id,
      org_path: committee.path,
      required: 1,
      audience: "all",
      due_at: now + c.due * DAY,
      created_at: now - 40 * DAY,
    });
    // The item's due-date reminder, 3 days ahead (worker/courses/jobs.ts); a date passed has had its turn.
    if (c.due > 3)
      insert("due_work", { kind: "course_due", subject: itemId, ref: "", due_at: now + (c.due - 3) * DAY });
    const minutes = c.lessons.reduce((s, l) => s + l.minutes, 0);
    const hours = minutes >= 30 ? 1 : minutes >= 15 ? 0.5 : 0.25;
    return { id: courseId, title: c.title, lessons, hours };
  });

  // Study records that look real: each member gets a state per course, from untouched to done.
  const progress = (user, lesson, courseId, openedAt, done, implausible = false) =>
    insert("lesson_progress", {
      id: id(),
      user_id: user.id,
      course_id: courseId,
      lesson_id: lesson.id,
      version_id: lesson.versionId,
      opened_at: openedAt,
      percent: done ? 100 : 40,
      position: 0,
      completed_at: done ? openedAt + (implausible ? 20_000 : lesson.minutes * 60_000) : null,
      implausible: implausible ? 1 : 0,
      updated_at: done ? openedAt + lesson.minutes * 60_000 : openedAt + 5 * 60_000,
    });
  const complete = (user, course, at, status = "credited") => {
    const completionId = id();
    insert("course_completions", {
      id: completionId,
      user_id: user.id,
      course_id: course.id,
      org_id: user.branchId,
      status,
      hours: course.hours,
      checkpoint_passed: 1,
      completed_at: at,
      reviewed_by: null,
      reviewed_at: null,
    });
    if (status === "credited") {
      insert("archive_events", {
        id: id(),
        member_id: user.id,
        org_id: user.branchId,
        kind: "course_completed",
        subject_type: "course_completion",
        subject_id: completionId,
        summary: { courseId: course.id, title: course.title, hours: course.hours },
        occurred_at: at,
        recorded_by: null,
        created_at: at,
      });
    }
  };
  const study = (user, course, state, daysAgo) => {
    const start = now - daysAgo * DAY;
    if (state === "none") return;
    if (state === "partway") {
      progress(user, course.lessons[0], course.id, start, true);
      progress(user, course.lessons[1], course.id, start + DAY, false);
      return;
    }
    const flagged = state === "flagged";
    course.lessons.forEach((l, i) => {
      progress(user, l, course.id, start + i * 3_600_000, true, flagged && i === 1);
    });
    complete(user, course, start + course.lessons.length * 3_600_000, flagged ? "flagged" : "credited");
  };

  const [service, theory, governance] = courses;
  const states = ["done", "partway", "none", "done", "partway", "done", "none"];
  ctx.members.forEach((m, i) => {
    if (m.id === ctx.users.member.id) {
      // The demo member: theory done (hours and a certificate to show), the article course part-way.
      study(m, theory, "done", 20);
      study(m, service, "partway", 3);
      return;
    }
    study(m, service, states[i % states.length], 10 + (i % 20));
    study(m, theory, states[(i + 3) % states.length], 5 + (i % 15));
    if (i % 4 === 0) study(m, governance, "done", 12);
  });
  // The demo member was reminded of the governance course 3 days before its due date (they have not started it).
  insert("notifications", {
    id: id(),
    user_id: ctx.users.member.id,
    key: `course-due:demo:${governance.id}`,
    kind: "course_due",
    params: { course: governance.title, courseId: governance.id },
    link: `/courses/${governance.id}`,
    due_at: now - 10 * DAY,
    created_at: now - 13 * DAY,
  });
  // One completion for the community secretary to review: a lesson "finished" 20 seconds after opening.
  const quick = ctx.members.find(
    (m) => m.branchId === community.id && m.id !== ctx.users.member.id && m.id !== ctx.users.secretary.id,
  );
  if (quick) study(quick, governance, "flagged", 2);
  // Each course's live lessons and minutes, as the Worker keeps them on every lesson change.
  out.push(
    `UPDATE courses SET (lesson_count, minutes) = (SELECT count(*), coalesce(sum(v.minutes), 0) FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id WHERE l.course_id = courses.id AND l.removed_at IS NULL);`,
  );
  return out;
}
