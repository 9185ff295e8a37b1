// Demo data for 民考 and 民测: this year's pledges in the community branch (approved with progress notes,
// one still to review), a closed year-end pledge round and a closed satisfaction survey, each with a
// valid hash chain and its head recorded with the committee (so their notices show a fingerprint).
import { randomBytes } from "node:crypto";
import { chainHash, genesis, insert, tokenHash } from "./masses.mjs";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const base32 = (bytes) => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + alphabet[(value << (5 - bits)) & 31] : out;
};

/** A closed round with its tokens, chained ratings and seal (as closeRound writes it). */
function closedRound(ctx, r) {
  const out = [];
  let prev = genesis(r.id);
  const rows = r.ratings.map((x, i) => {
    const content = {
      roundId: r.id,
      seq: i + 1,
      rateeId: x.rateeId,
      answers: x.answers,
      comment: null,
      createdAt: r.ratedAt,
    };
    const hash = chainHash(content, prev);
    const row = {
      id: ctx.id(),
      round_id: r.id,
      org_id: r.orgId,
      ratee_id: x.rateeId,
      seq: i + 1,
      answers: x.answers,
      comment: null,
      comment_status: "none",
      created_at: r.ratedAt,
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  out.push(
    insert(ctx, "rating_rounds", {
      id: r.id,
      org_id: r.orgId,
      target: r.target,
      title: r.title,
      items: r.items,
      k_threshold: 5,
      closes_at: r.closedAt + 7 * DAY,
      closed_at: r.closedAt,
      head_seq: rows.length,
      head_hash: prev,
      created_by: r.createdBy,
      created_at: r.ratedAt - DAY,
    }),
  );
  for (const rateeId of new Set(r.ratings.map((x) => x.rateeId))) {
    const used = r.ratings.filter((x) => x.rateeId === rateeId).length;
    for (let n = 1; n <= used + 2; n++) {
      out.push(
        insert(ctx, "rating_tokens", {
          id: ctx.id(),
          round_id: r.id,
          ratee_id: rateeId,
          n,
          token_hash: tokenHash(ctx.id()),
          used: n <= used ? 1 : 0,
          claim: null,
          created_at: r.ratedAt - DAY,
        }),
      );
    }
  }
  for (const row of rows) out.push(insert(ctx, "ratings", row));
  out.push(
    insert(ctx, "chain_seals", {
      id: ctx.id(),
      round_id: r.id,
      committee_id: ctx.orgs.committee.id,
      code: base32(randomBytes(5)),
      head_seq: rows.length,
      head_hash: prev,
      salt: base32(randomBytes(16)),
      sealed_at: r.closedAt,
    }),
  );
  return out;
}

export async function seed(ctx) {
  const out = [];
  const { community } = ctx.orgs;
  const { secretary, member } = ctx.users;
  const now = ctx.now;
  const year = Number(new Date(now + 8 * HOUR).toISOString().slice(0, 4));
  const others = ctx.members.filter((m) => m.branchId === community.id && m !== member && m !== secretary);
  const plan = [
    [
      member,
      "approved",
      "每月走访两户困难群众，帮助解决实际问题",
      ["3 月走访王大爷家，帮助申请了临时救助", "6 月为张阿姨联系了家政服务"],
    ],
    [member, "approved", "义务为社区老人讲解反诈知识，全年不少于 4 次", ["4 月在社区活动室讲解电信诈骗案例"]],
    [member, "approved", "带头参加社区环境整治志愿服务", []],
    [secretary, "approved", "每季度召开一次居民议事会，公开回应群众诉求", ["第一季度议事会解决了停车难问题"]],
    [secretary, "approved", "帮助 10 户居民办理医保缴费", []],
    [others[0] ?? member, "approved", "为独居老人每周送一次菜", []],
    [others[1] ?? member, "proposed", "组织青少年暑期读书会", []],
  ];
  const pledged = [];
  for (const [who, status, text, notes] of plan) {
    const id = ctx.id();
    pledged.push({ id, who, status, text });
    out.push(
      insert(ctx, "pledges", {
        id,
        org_id: community.id,
        member_id: who.id,
        year,
        text,
        status,
        created_by: status === "approved" ? secretary.id : who.id,
        created_at: now - 300 * DAY,
        decided_by: status === "approved" ? secretary.id : null,
        decided_at: status === "approved" ? now - 299 * DAY : null,
      }),
    );
    notes.forEach((note, i) => {
      out.push(
        insert(ctx, "pledge_updates", { id: ctx.id(), pledge_id: id, note, created_at: now - (200 - 60 * i) * DAY }),
      );
    });
  }

  // The year-end check of the demo member's and the secretary's pledges: closed, k met for both.
  const checked = pledged.filter((p) => p.status === "approved" && (p.who === member || p.who === secretary));
  const items = checked.map((p) => ({
    key: `p_${p.id}`,
    label: { "zh-CN": p.text, "zh-TW": p.text, en: p.text },
    rateeId: p.who.id,
  }));
  const ratedAt = Math.floor((now - 3 * DAY) / HOUR) * HOUR;
  const verdicts = (who, pattern) =>
    pattern.map((miss) => ({
      rateeId: who.id,
      answers: Object.fromEntries(
        items.filter((i) => i.rateeId === who.id).map((i, j) => [i.key, j === miss ? "not_kept" : "kept"]),
      ),
    }));
  out.push(
    ...closedRound(ctx, {
      id: ctx.id(),
      orgId: community.id,
      target: "pledge",
      title: `${year} 年度党员承诺评诺（示例）`,
      items,
      ratings: [...verdicts(member, [-1, -1, 2, -1, 1, -1]), ...verdicts(secretary, [-1, 1, -1, -1, -1])],
      ratedAt,
      closedAt: ratedAt + DAY,
      createdBy: secretary.id,
    }),
  );

  // 民测: the people's satisfaction with the branch's service.
  const survey = [
    ["convenience", "办事方便快捷", "辦事方便快捷", "Getting things done easily"],
    ["contact", "走访联系群众", "走訪聯繫群眾", "Visiting and keeping in touch"],
    ["deeds", "为民办实事成效", "為民辦實事成效", "Practical help delivered"],
    ["members", "党员作用发挥", "黨員作用發揮", "Members playing their part"],
    ["fairness", "办事公道公开", "辦事公道公開", "Fair and open dealings"],
  ].map(([key, cn, tw, en]) => ({ key, label: { "zh-CN": cn, "zh-TW": tw, en } }));
  const scale = ["satisfied", "satisfied", "basic", "satisfied", "unsatisfied", "satisfied", "satisfied", "basic"];
  out.push(
    ...closedRound(ctx, {
      id: ctx.id(),
      orgId: community.id,
      target: "survey",
      title: `${year} 年度群众满意度测评（民测）`,
      items: survey,
      ratings: scale.map((first, i) => ({
        rateeId: community.id,
        answers: Object.fromEntries(survey.map((s, j) => [s.key, j === 0 ? first : scale[(i + j) % scale.length]])),
      })),
      ratedAt: ratedAt - 5 * DAY,
      closedAt: ratedAt - 4 * DAY,
      createdBy: secretary.id,
    }),
  );
  return out;
}
