// Demo data for serving the masses: confirmed service records, a rating round whose ratings pass k for
// the demo member (with a valid hash chain), an approved bonus item, and the committee's default model.
import { createHash } from "node:crypto";

export const sha = (text) => createHash("sha256").update(text).digest("hex");
const DAY = 86_400_000;
const HOUR = 3_600_000;
const OFFSET = 8 * HOUR;
const dayOf = (ms) => new Date(ms + OFFSET).toISOString().slice(0, 10);
const dayStart = (d) => Date.parse(`${d}T00:00:00Z`) - OFFSET;

// Must match worker/masses/chain.ts and worker/masses/tokens.ts.
export const genesis = (roundId) => sha(`rating-chain:v1:${roundId}`);
export function chainHash(r, prev) {
  const answers = Object.keys(r.answers)
    .sort()
    .map((k) => [k, r.answers[k]]);
  return sha(
    `${JSON.stringify(["v1", r.roundId, r.seq, r.rateeId, answers, r.comment ?? null, r.createdAt])}\n${prev}`,
  );
}
export const tokenHash = (token) => sha(`rating-token:${token}`);

export function insert(ctx, table, row) {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => ctx.q(row[c])).join(", ")});`;
}

export async function seed(ctx) {
  const out = [];
  const { community } = ctx.orgs;
  const { secretary, member, admin } = ctx.users;
  const now = ctx.now;
  // Days inside the current year (Asia/Shanghai), never in the future.
  const yearStart = dayStart(`${dayOf(now).slice(0, 4)}-01-01`);
  const daysIn = Math.max(1, Math.floor((now - yearStart) / DAY));
  const day = (fraction) => dayOf(yearStart + Math.floor(daysIn * fraction) * DAY);

  // Service records: the demo member's three confirmed and one pending; two more members' confirmed.
  const communityMembers = ctx.members.filter((m) => m.branchId === community.id);
  const services = [
    [member, "legal_aid", 0.2, 3, "幸福社区活动室", 12, "为居民提供法律咨询，解答赡养纠纷问题", "confirmed"],
    [member, "volunteer", 0.45, 4, "社区卫生站", 30, "协助开展老年人义诊和健康讲座", "confirmed"],
    [member, "assistance", 0.7, 2.5, "困难户家中", 2, "走访帮扶困难家庭，帮助申请临时救助", "confirmed"],
    [member, "culture", 0.9, 2, "社区广场", 60, "组织广场舞文艺汇演", "pending"],
    [communityMembers[2] ?? secretary, "production", 0.3, 6, "社区菜园", 15, "讲解蔬菜种植技术", "confirmed"],
    [communityMembers[3] ?? secretary, "volunteer", 0.5, 3, "社区路口", 100, "文明交通志愿服务", "confirmed"],
  ];
  for (const [who, category, at, hours, place, people, description, status] of services) {
    const id = ctx.id();
    const servedOn = day(at);
    const servedAt = dayStart(servedOn);
    out.push(
      insert(ctx, "service_records", {
        id,
        member_id: who.id,
        org_id: community.id,
        category,
        served_on: servedOn,
        served_at: servedAt,
        hours,
        place,
        people_served: people,
        description,
        status,
        reviewed_by: status === "confirmed" ? secretary.id : null,
        reviewed_at: status === "confirmed" ? servedAt + DAY : null,
        reject_reason: null,
        created_at: servedAt,
      }),
    );
    if (status === "confirmed") {
      out.push(
        insert(ctx, "archive_events", {
          id: ctx.id(),
          member_id: who.id,
          org_id: community.id,
          kind: "service",
          subject_type: "service_record",
          subject_id: id,
          summary: { category, hours, place, servedOn },
          occurred_at: servedAt,
          recorded_by: secretary.id,
          created_at: now,
        }),
      );
    }
  }

  // A rating round for the demo member: 8 tokens, 6 used (k = 5 met), a valid hash chain.
  const roundId = ctx.id();
  const items = [
    { key: "attitude", label: { "zh-CN": "服务群众态度", "zh-TW": "服務群眾態度", en: "Attitude in serving people" } },
    { key: "example", label: { "zh-CN": "先锋模范作用", "zh-TW": "先鋒模範作用", en: "Setting an example" } },
    {
      key: "solving",
      label: { "zh-CN": "帮助解决实际困难", "zh-TW": "幫助解決實際困難", en: "Helping with real problems" },
    },
    { key: "integrity", label: { "zh-CN": "廉洁自律", "zh-TW": "廉潔自律", en: "Integrity" } },
  ];
  const answerSets = [
    ["satisfied", "satisfied", "satisfied", "satisfied"],
    ["satisfied", "satisfied", "basic", "satisfied"],
    ["satisfied", "satisfied", "satisfied", "satisfied"],
    ["basic", "satisfied", "satisfied", "satisfied"],
    ["satisfied", "basic", "unsatisfied", "satisfied"],
    ["satisfied", "satisfied", "satisfied", "satisfied"],
  ];
  const ratedAt = Math.floor(Math.max(yearStart, now - 7 * DAY) / HOUR) * HOUR;
  let prev = genesis(roundId);
  const ratingRows = answerSets.map((set, i) => {
    const answers = Object.fromEntries(items.map((it, j) => [it.key, set[j]]));
    const comment = i === 1 ? "李书记帮我们办了低保，非常热心" : null;
    const r = { roundId, seq: i + 1, rateeId: member.id, answers, comment, createdAt: ratedAt };
    const hash = chainHash(r, prev);
    const row = {
      id: ctx.id(),
      round_id: roundId,
      org_id: community.id,
      ratee_id: member.id,
      seq: r.seq,
      answers,
      comment,
      comment_status: comment ? "approved" : "none",
      created_at: ratedAt,
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  out.push(
    insert(ctx, "rating_rounds", {
      id: roundId,
      org_id: community.id,
      target: "member",
      title: "年度群众评议（示例）",
      items,
      k_threshold: 5,
      // Closed: results show only once a round can no longer change.
      closes_at: now + 30 * DAY,
      closed_at: Math.min(now, ratedAt + DAY),
      head_seq: ratingRows.length,
      head_hash: prev,
      created_by: secretary.id,
      created_at: ratedAt - DAY,
    }),
  );
  for (let n = 1; n <= 8; n++) {
    // Random tokens nobody holds: the used ones stand for ratings already given.
    out.push(
      insert(ctx, "rating_tokens", {
        id: ctx.id(),
        round_id: roundId,
        ratee_id: member.id,
        n,
        token_hash: tokenHash(ctx.id()),
        used: n <= ratingRows.length ? 1 : 0,
        claim: null,
        created_at: ratedAt - DAY,
      }),
    );
  }
  for (const row of ratingRows) out.push(insert(ctx, "ratings", row));

  // An approved bonus item for the demo member, with its archive event.
  const adjId = ctx.id();
  const adjDay = day(0.6);
  out.push(
    insert(ctx, "vanguard_adjustments", {
      id: adjId,
      member_id: member.id,
      org_id: community.id,
      kind: "bonus",
      points: 2,
      reason: "防汛抢险中表现突出",
      evidence: "社区防汛值班记录、居委会表扬信",
      occurred_on: adjDay,
      occurred_at: dayStart(adjDay),
      status: "approved",
      recorded_by: secretary.id,
      reviewed_by: admin.id,
      reviewed_at: now,
      review_note: null,
      created_at: now,
    }),
    insert(ctx, "archive_events", {
      id: ctx.id(),
      member_id: member.id,
      org_id: community.id,
      kind: "vanguard_adjustment",
      subject_type: "vanguard_adjustment",
      subject_id: adjId,
      summary: { kind: "bonus", points: 2, reason: "防汛抢险中表现突出" },
      occurred_at: dayStart(adjDay),
      recorded_by: admin.id,
      created_at: now,
    }),
  );

  // The committee's model, version 1: the Qinghai default (read from the schema with Node's type stripping).
  try {
    const { DEFAULT_MODEL } = await import("../../../schema/vanguard/values.ts");
    out.push(
      insert(ctx, "vanguard_models", {
        id: ctx.id(),
        org_id: ctx.orgs.committee.id,
        version: 1,
        name: "示范市委先锋指数（青海模式）",
        definition: DEFAULT_MODEL,
        created_by: admin.id,
        created_at: now,
      }),
    );
  } catch {
    // Without type stripping the built-in default model applies, which is the same definition.
  }
  return out;
}
