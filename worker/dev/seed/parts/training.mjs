// The 发展对象培训班 of 市委党校 (a class plan of purpose candidate_training: no member's assigned study): three
// courses of 8 学时 each. Loaded by development.mjs, which enrols the demo candidate and counts what they did.
import { insert } from "../../sql.mjs";

const DAY = 86_400_000;
const LESSONS = [
  ["党的性质、宗旨和指导思想", "## 学习要点\n\n中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队。\n"],
  ["党员的权利和义务", "## 学习要点\n\n党章规定党员的八项义务和八项权利，义务与权利相统一。\n"],
  ["入党誓词与党的纪律", "## 学习要点\n\n严守党的纪律，永不叛党。纪律是党的生命。\n"],
];

/** The class, its courses and their lessons; returns what development.mjs needs to record the training. */
export function trainingClass(ctx, out) {
  const { school } = ctx.orgs;
  const publisher = ctx.users.school;
  const year = new Date(ctx.now + 8 * 3_600_000).getUTCFullYear();
  const planId = ctx.id();
  const title = `${year - 1}年发展对象培训班`;
  out.push(
    insert("curriculum_plans", {
      id: planId,
      org_id: school.id,
      title,
      period: "class",
      purpose: "candidate_training",
      year: year - 1,
      quarter: null,
      created_by: publisher.id,
      created_at: ctx.now - 420 * DAY,
    }),
  );
  const courses = LESSONS.map(([name, body], i) => {
    const courseId = ctx.id();
    const lessonId = ctx.id();
    const versionId = ctx.id();
    const at = ctx.now - 410 * DAY;
    out.push(
      insert("courses", {
        id: courseId,
        school_org_id: school.id,
        school_path: school.path,
        title: `发展对象培训：${name}`,
        summary: "发展对象培训班专题",
        category: "theory",
        level: "member",
        tags: ["发展对象培训"],
        status: "published",
        credit_hours: 8,
        lesson_count: 1,
        minutes: 45,
        created_by: publisher.id,
        created_at: at,
        updated_at: at,
        published_at: at,
      }),
      insert("lessons", {
        id: lessonId,
        course_id: courseId,
        position: 1,
        current_version_id: versionId,
        created_at: at,
      }),
      insert("lesson_versions", {
        id: versionId,
        lesson_id: lessonId,
        version: 1,
        kind: "text",
        title: name,
        body,
        body_html: `<h2>学习要点</h2>\n<p>${body.split("\n\n")[1].trim()}</p>\n`,
        minutes: 45,
        created_by: publisher.id,
        created_at: at,
      }),
      insert("plan_items", {
        id: ctx.id(),
        plan_id: planId,
        course_id: courseId,
        org_id: school.id,
        org_path: school.path,
        required: 1,
        audience: "all",
        created_at: at + (i + 1) * 1000,
      }),
    );
    return { id: courseId, title: `发展对象培训：${name}`, lessonId, versionId };
  });
  return { planId, title, courses };
}

/**
 * The person enrolled in the class and each course completed (credited), one a day from `fromMs`: the
 * completion ids (for the training step) and the statements (to run after the person's own rows).
 */
export function studied(ctx, cls, person, fromMs) {
  const out = [];
  out.push(
    insert("plan_enrollments", {
      id: ctx.id(),
      plan_id: cls.planId,
      user_id: person.userId,
      org_id: person.orgId,
      enrolled_by: ctx.users.secretary.id,
      created_at: fromMs - DAY,
    }),
  );
  const ids = cls.courses.map((c, i) => {
    const at = fromMs + i * DAY;
    const completionId = ctx.id();
    out.push(
      insert("lesson_progress", {
        id: ctx.id(),
        user_id: person.userId,
        course_id: c.id,
        lesson_id: c.lessonId,
        version_id: c.versionId,
        opened_at: at - 50 * 60_000,
        percent: 100,
        position: 0,
        completed_at: at,
        implausible: 0,
        updated_at: at,
      }),
      insert("course_completions", {
        id: completionId,
        user_id: person.userId,
        course_id: c.id,
        org_id: person.orgId,
        status: "credited",
        hours: 8,
        checkpoint_passed: 1,
        completed_at: at,
      }),
      insert("archive_events", {
        id: ctx.id(),
        member_id: person.userId,
        org_id: person.orgId,
        kind: "course_completed",
        subject_type: "course_completion",
        subject_id: completionId,
        summary: { courseId: c.id, title: c.title, hours: 8 },
        occurred_at: at,
        recorded_by: null,
        created_at: at,
      }),
    );
    return completionId;
  });
  return { ids, statements: out };
}
