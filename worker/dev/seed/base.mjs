import { id, insert, passwordColumns } from "../sql.mjs";

export const DEMO_PASSWORD = "demo-2026";
export const DEMO_ACCOUNTS = [
  { username: "admin", role: "committee admin of 示范市委" },
  { username: "school", role: "publisher at 市委党校" },
  { username: "secretary", role: "secretary of 幸福社区党支部" },
  { username: "member", role: "member of 幸福社区党支部" },
  { username: "dy020", role: "member of 幸福社区党支部 graded 不合格 last year: reads their follow-up" },
];

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程";
const GIVEN = [
  "建国",
  "秀英",
  "志强",
  "桂兰",
  "伟",
  "芳",
  "海燕",
  "明",
  "丽华",
  "军",
  "红梅",
  "国庆",
  "静",
  "春生",
  "晓东",
  "玉兰",
  "德华",
  "慧敏",
  "永刚",
  "雪梅",
  "立新",
  "小红",
  "文斌",
  "淑珍",
  "振华",
  "艳",
  "宏伟",
  "敏",
  "春花",
  "家豪",
];

/** The demo committee, its school, three branches of different types and about 40 members. */
export function seedBase(ctx) {
  const out = [];
  const org = (parent, name, kind, orgType) => {
    const oid = id();
    const row = { id: oid, path: `${parent ? parent.path : "/"}${oid}/`, name };
    out.push(
      insert("orgs", {
        id: oid,
        parent_id: parent ? parent.id : null,
        path: row.path,
        name,
        kind,
        org_type: orgType,
        time_zone: "Asia/Shanghai",
        created_at: ctx.now,
      }),
      // Its first line in the org's audit trail, as the app writes it when an admin creates an org.
      insert("audit_log", {
        id: id(),
        actor_id: null,
        action: "org_created",
        entity: "org",
        entity_id: oid,
        org_id: oid,
        detail: null,
        at: ctx.now,
      }),
    );
    return row;
  };
  const committee = org(null, "示范市委", "committee", "regional");
  const school = org(committee, "市委党校", "school", "school");
  const enterprise = org(committee, "新材料科技有限公司党支部", "branch", "non_public");
  const community = org(committee, "幸福社区党支部", "branch", "community");
  const village = org(committee, "红星村党支部", "branch", "village");
  ctx.orgs = { committee, school, enterprise, community, village };

  const user = (username, displayName, extra = {}) => {
    const uid = id();
    out.push(
      insert("users", {
        id: uid,
        username,
        display_name: displayName,
        phone: extra.phone ?? null,
        gender: extra.gender ?? null,
        joined_party_on: extra.joinedPartyOn ?? null,
        ...passwordColumns(DEMO_PASSWORD),
        locale: "zh-CN",
        active: 1,
        cadre: extra.cadre ? 1 : 0,
        created_at: ctx.now,
        updated_at: ctx.now,
      }),
    );
    return { id: uid, username, displayName, branchId: null };
  };
  const grant = (u, o, role) => {
    out.push(
      insert("memberships", { id: id(), user_id: u.id, org_id: o.id, role, started_at: ctx.now - 400 * 86_400_000 }),
    );
    if (role === "member") {
      u.branchId = o.id;
      out.push(
        insert("archive_events", {
          id: id(),
          member_id: u.id,
          org_id: o.id,
          kind: "joined",
          summary: { orgName: o.name },
          occurred_at: ctx.now - 400 * 86_400_000,
          created_at: ctx.now,
        }),
      );
    }
  };

  const admin = user("admin", "赵书记");
  grant(admin, committee, "admin");
  const publisher = user("school", "钱老师");
  grant(publisher, school, "school");
  const secretary = user("secretary", "孙丽华", {
    gender: "female",
    phone: "13800000001",
    joinedPartyOn: "2005-07-01",
  });
  grant(secretary, community, "secretary");
  grant(secretary, community, "member");
  const member = user("member", "李建国", { gender: "male", phone: "13800000002", joinedPartyOn: "2012-06-18" });
  grant(member, community, "member");

  const branches = [enterprise, community, village];
  const members = [secretary, member];
  for (let i = 0; i < 38; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
    const year = 1975 + ((i * 3) % 45);
    const u = user(`dy${String(i + 1).padStart(3, "0")}`, name, {
      gender: i % 3 === 0 ? "female" : "male",
      phone: `139${String(10000000 + i * 7919).slice(0, 8)}`,
      joinedPartyOn: `${year}-${String((i % 12) + 1).padStart(2, "0")}-01`,
      // A few cadres (干部), held to the cadres' online-study quota.
      cadre: i % 9 === 4,
    });
    grant(u, branches[i % 3], "member");
    members.push(u);
  }
  // A secretary for each other branch, from among its members.
  grant(members[2], enterprise, "secretary");
  grant(members[4], village, "secretary");
  ctx.users = { admin, school: publisher, secretary, member };
  ctx.members = members;
  return out;
}
