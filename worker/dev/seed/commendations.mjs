// Demo 评先选优: the committee's 优秀共产党员 round of this year in its public notice (公示), three nominees
// decided on the record (one approved with a written reason because the vanguard index of the year is
// not scored yet, one refused) and one objection waiting for the committee's answer.
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const dayOf = (ms) => new Date(ms + OFFSET).toISOString().slice(0, 10);
const dayStart = (d) => Date.parse(`${d}T00:00:00Z`) - OFFSET;

function insert(ctx, table, row) {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => ctx.q(row[c])).join(", ")});`;
}

export function seed(ctx) {
  const { now } = ctx;
  const { committee, community, village, enterprise } = ctx.orgs;
  const { admin, secretary, member } = ctx.users;
  const by = (username) => ctx.members.find((m) => m.username === username);
  const year = Number(dayOf(now).slice(0, 4));
  const startsOn = dayOf(now - 2 * DAY);
  const endsOn = dayOf(now + 5 * DAY);
  const roundId = ctx.id();
  const out = [
    insert(ctx, "commendation_rounds", {
      id: roundId,
      org_id: committee.id,
      name: `${year}年度优秀共产党员`,
      kind: "excellent_member",
      target: "member",
      year,
      criteria: { vanguardMin: 80, serviceHours: 8, massesMin: 0.8 },
      quota: 2,
      status: "notice",
      notice_starts_on: startsOn,
      notice_ends_on: endsOn,
      notice_starts_at: dayStart(startsOn),
      notice_ends_at: dayStart(endsOn) + DAY,
      created_by: admin.id,
      created_at: now - 20 * DAY,
    }),
  ];
  const nominees = [
    {
      who: member,
      org: community,
      nominatedBy: secretary,
      statement: "常年为居民提供法律咨询，协助社区义诊，走访帮扶困难家庭",
      status: "approved",
      reason: "年度先锋指数尚未评定；服务群众记录和群众评价均达到条件，党委会研究同意",
      evidence: { vanguard: "missing", service: "met", masses: "met" },
    },
    {
      who: by("dy006"),
      org: village,
      nominatedBy: by("dy003"),
      statement: "带领村民发展特色种植，组织防汛值守",
      status: "approved",
      reason: "先锋指数与群众评价尚无年度记录；防汛抢险中表现突出，党委会研究同意",
      evidence: { vanguard: "missing", service: "unmet", masses: "missing" },
    },
    {
      who: by("dy004"),
      org: enterprise,
      nominatedBy: by("dy001"),
      statement: "技术攻关骨干，带头开展岗位建功",
      status: "refused",
      reason: null,
      evidence: { vanguard: "missing", service: "unmet", masses: "missing" },
    },
  ];
  let villageNominee = "";
  for (const n of nominees) {
    const nid = ctx.id();
    if (n.org === village) villageNominee = nid;
    out.push(
      insert(ctx, "commendation_nominees", {
        id: nid,
        round_id: roundId,
        subject_id: n.who.id,
        org_id: n.org.id,
        statement: n.statement,
        nominated_by: n.nominatedBy.id,
        nominated_at: now - 15 * DAY,
        status: n.status,
        reason: n.reason,
        quota_reason: null,
        evidence: n.evidence,
        decided_by: admin.id,
        decided_at: now - 5 * DAY,
      }),
    );
  }
  out.push(
    insert(ctx, "commendation_objections", {
      id: ctx.id(),
      round_id: roundId,
      nominee_id: villageNominee,
      text: "防汛值守期间曾有两天由他人代班，事迹材料与实际不完全相符",
      lodged_by: by("dy014").id,
      lodged_at: now - DAY,
      outcome: null,
      answer: null,
      answered_by: null,
      answered_at: null,
    }),
  );
  return out;
}
