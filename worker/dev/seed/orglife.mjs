// Demo data for organisational life: 幸福社区党支部 keeps the rhythm this year (monthly committee, group and
// theme-day meetings, quarterly general meetings and party lectures with their offline 学时, one talk), with
// its organisational life meeting still due; 红星村党支部 held only a few meetings and the enterprise branch
// none, so the committee's overview shows branches behind. A party lecture with a course is planned ahead.
import { insert } from "../sql.mjs";

const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const dayOf = (ms) => new Date(ms + OFFSET).toISOString().slice(0, 10);
const pad = (n) => String(n).padStart(2, "0");

export async function seed(ctx) {
  const out = [];
  const { community, village } = ctx.orgs;
  const { secretary } = ctx.users;
  const today = dayOf(ctx.now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const people = (branch) => ctx.members.filter((m) => m.branchId === branch.id);

  const meeting = (branch, kind, on, topic, extra = {}) => {
    const meetingId = ctx.id();
    const held = extra.status !== "planned";
    out.push(
      insert("orglife_meetings", {
        id: meetingId,
        branch_id: branch.id,
        kind,
        topic,
        meeting_on: on,
        place: extra.place ?? "党员活动室",
        online: 0,
        course_id: null,
        study_hours: extra.hours ?? null,
        status: held ? "held" : "planned",
        content: held ? `${topic}：传达学习有关精神，结合实际开展讨论。` : "",
        decisions: held && kind === "committee_meeting" ? "研究本月工作安排" : "",
        speakers: kind === "lecture" ? "孙丽华" : "",
        created_by: secretary.id,
        created_at: ctx.now,
        recorded_by: held ? secretary.id : null,
        recorded_at: held ? ctx.now : null,
      }),
    );
    if (!held) return meetingId;
    const list = people(branch);
    list.forEach((p, i) => {
      // One member a meeting is away (on leave), by turns; everyone else attended.
      const away = i === Number(on.slice(5, 7)) % list.length;
      out.push(
        insert("orglife_attendance", {
          meeting_id: meetingId,
          user_id: p.id,
          status: away ? "leave" : "present",
          reason: away ? "外出务工" : "",
        }),
      );
      if (!away && extra.hours)
        out.push(
          insert("offline_credits", {
            id: ctx.id(),
            user_id: p.id,
            org_id: branch.id,
            source_meeting_id: meetingId,
            title: topic,
            studied_on: on,
            hours: extra.hours,
            created_at: ctx.now,
          }),
        );
    });
    return meetingId;
  };

  for (let m = 1; m < month; m++) {
    const on = (d) => `${year}-${pad(m)}-${pad(d)}`;
    meeting(community, "committee_meeting", on(5), `${m}月支部委员会会议`);
    meeting(community, "group_meeting", on(8), `${m}月党小组学习`);
    meeting(community, "theme_day", on(15), `${m}月主题党日：志愿服务进社区`, { hours: 1 });
    if (m % 3 === 2) {
      meeting(community, "general_meeting", on(20), `第${(m + 1) / 3}季度支部党员大会`);
      meeting(community, "lecture", on(25), `第${(m + 1) / 3}季度党课：学习党章`, { hours: 2 });
    }
  }
  if (month > 2) {
    meeting(village, "committee_meeting", `${year}-01-06`, "1月支部委员会会议");
    meeting(village, "lecture", `${year}-02-18`, "党课：乡村振兴中的党员作用", { hours: 2, place: "村委会议室" });
  }
  // Planned ahead: a party lecture with a course from the catalogue as its material.
  const next = dayOf(ctx.now + 7 * DAY);
  const planned = meeting(community, "lecture", next, "党课：新时代党员理论学习", { status: "planned", hours: 2 });
  out.push(
    `UPDATE orglife_meetings SET course_id = (SELECT id FROM courses WHERE title = '新时代党员理论学习基础' LIMIT 1) WHERE id = '${planned}';`,
  );
  const [first, second] = people(community);
  out.push(
    insert("orglife_talks", {
      id: ctx.id(),
      branch_id: community.id,
      talked_on: dayOf(ctx.now - 20 * DAY),
      participants: [secretary.id, second?.id ?? first.id],
      topic: "了解家庭困难和思想状况",
      content: "谈到照顾老人和工作安排，支部将协调社区志愿者上门帮助。",
      created_by: secretary.id,
      created_at: ctx.now,
    }),
  );
  return out;
}
