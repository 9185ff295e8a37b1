// Demo data for the 堡垒指数: the committee's by-hand assessments of this year. The enterprise branch has a
// serious discipline case (lagging outright); the community branch's sector work is not assessed yet
// (a missing indicator, left out rather than counted as 0). "现在计算" on /bastion scores them.
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const dayOf = (ms) => new Date(ms + OFFSET).toISOString().slice(0, 10);
const dayStart = (d) => Date.parse(`${d}T00:00:00Z`) - OFFSET;

export function seed(ctx) {
  const { community, village, enterprise } = ctx.orgs;
  const { admin } = ctx.users;
  const now = ctx.now;
  const yearStart = dayStart(`${dayOf(now).slice(0, 4)}-01-01`);
  const day = (fraction) => dayOf(yearStart + Math.floor(Math.max(1, (now - yearStart) / DAY) * fraction) * DAY);
  const items = [
    [community, "duty", 6, 0.6, "党建责任制落实较好，台账齐全", "示范市委组织部年度考核表〔2026〕12号"],
    [village, "duty", 7, 0.6, "三会一课记录规范，书记带头讲党课", "示范市委组织部年度考核表〔2026〕13号"],
    [village, "village_work", 13, 0.7, "村集体经济收入增长，合作社带动农户增收", "乡镇经管站年报"],
    [enterprise, "duty", 5, 0.6, "党建与生产经营结合不够", "示范市委组织部年度考核表〔2026〕11号"],
    [enterprise, "discipline", 0, 0.5, "支部书记违规收受礼金，受党内严重警告处分", "市纪委监委通报〔2026〕5号"],
  ];
  return items.map(([org, key, points, at, reason, evidence]) => {
    const occurredOn = day(at);
    return `INSERT INTO bastion_items (id, org_id, item_key, points, reason, evidence, occurred_on, occurred_at, recorded_by, created_at) VALUES (${[
      ctx.id(),
      org.id,
      key,
      points,
      reason,
      evidence,
      occurredOn,
      dayStart(occurredOn),
      admin.id,
      now,
    ]
      .map(ctx.q)
      .join(", ")});`;
  });
}
