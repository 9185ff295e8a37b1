import { eq, sql } from "drizzle-orm";
import { orgs } from "../../schema";
import { effectiveK } from "../../schema/masses/values";
import { addMonths, dayOf } from "../lib/day";
import type { Db } from "../lib/db";
import type { lifeAgainstRhythm } from "../orglife";
import type { IndicatorValue, SourceRef } from "../vanguard";

/** The period one branch is scored for, and when (inputs still changing, such as open rating rounds, are left out). */
export interface Scope {
  branchId: string;
  periodStart: number;
  periodEnd: number;
  now: number;
}

// The branch and its party groups, correlated to the outer `orgs` row (inner tables are all aliased).
const SUBTREE = sql.raw(`(SELECT o2.id FROM orgs o2 WHERE o2.path >= "orgs"."path"
  AND o2.path < substr("orgs"."path", 1, length("orgs"."path") - 1) || '0')`);

/**
 * ONE statement: the branch row with every record the index reads, each as a scalar subquery over an
 * index (JSON arrays of the records, so the explanation can name them). Costs the same for any branch.
 */
export function factsQuery(db: Db, s: Scope) {
  const asOf = Math.min(s.periodEnd, s.now);
  const closedAt = sql.raw("min(coalesce(rr.closed_at, rr.closes_at), rr.closes_at)");
  return db
    .select({
      id: orgs.id,
      path: orgs.path,
      name: orgs.name,
      kind: orgs.kind,
      orgType: orgs.orgType,
      timeZone: orgs.timeZone,
      members: sql<number>`(SELECT count(DISTINCT m.user_id) FROM memberships m
        WHERE m.org_id IN ${SUBTREE} AND m.role = 'member' AND m.ended_at IS NULL)`.as("members"),
      // When the branch last had a secretary (null: it has one at the period's end).
      secretaryGapSince: sql<number | null>`CASE WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = "orgs"."id"
          AND m.role = 'secretary' AND m.started_at < ${asOf} AND (m.ended_at IS NULL OR m.ended_at >= ${asOf}))
        THEN NULL ELSE coalesce((SELECT max(m.ended_at) FROM memberships m WHERE m.org_id = "orgs"."id"
          AND m.role = 'secretary' AND m.ended_at < ${asOf}), "orgs"."created_at") END`.as("secretary_gap_since"),
      cycles: sql<string>`(SELECT json_group_array(json_object('id', c.id,
          'decided', (SELECT count(*) FROM eval_decisions d WHERE d.cycle_id = c.id)))
        FROM eval_cycles c WHERE c.branch_id = "orgs"."id" AND c.status = 'closed'
          AND c.period_start >= ${s.periodStart} AND c.period_end <= ${s.periodEnd})`.as("cycles"),
      services: sql<string>`(SELECT json_group_array(json_object('id', sr.id, 'hours', sr.hours))
        FROM service_records sr WHERE sr.org_id IN ${SUBTREE} AND sr.status = 'confirmed'
          AND sr.served_at >= ${s.periodStart} AND sr.served_at < ${s.periodEnd})`.as("services"),
      // Rounds on the branch that stopped taking ratings in the period: counts only, never single ratings.
      rounds:
        sql<string>`(SELECT json_group_array(json_object('id', x.round_id, 'k', x.k, 'n', x.n, 'good', x.good, 'total', x.total))
        FROM (SELECT r.round_id, rr.k_threshold AS k, count(*) AS n,
            sum((SELECT count(*) FROM json_each(r.answers) j WHERE j.value <> 'unsatisfied')) AS good,
            sum((SELECT count(*) FROM json_each(r.answers))) AS total
          FROM ratings r JOIN rating_rounds rr ON rr.id = r.round_id
          WHERE r.ratee_id = ${s.branchId} AND rr.target = 'branch' AND ${closedAt} >= ${s.periodStart}
            AND ${closedAt} < ${s.periodEnd} AND ${closedAt} <= ${s.now}
          GROUP BY r.round_id) x)`.as("rounds"),
      // Development steps taken in the period (corrected ones replaced by their correction).
      steps: sql<string>`(SELECT json_group_array(json_object('id', st.id, 'step', st.step, 'late', st.late))
        FROM dev_cases dc JOIN dev_steps st ON st.case_id = dc.id
        WHERE dc.org_id IN ${SUBTREE} AND st.taken_on >= ${dayOf(s.periodStart)} AND st.taken_on < ${dayOf(s.periodEnd)}
          AND NOT EXISTS (SELECT 1 FROM dev_steps c2 WHERE c2.corrects_id = st.id))`.as("steps"),
      followups: sql<string>`(SELECT json_group_array(json_object('id', f.id, 'status', f.status))
        FROM eval_followups f WHERE f.branch_id = "orgs"."id"
          AND f.created_at >= ${s.periodStart} AND f.created_at < ${s.periodEnd})`.as("followups"),
      hand: sql<string>`(SELECT json_group_array(json_object('id', i.id, 'key', i.item_key, 'points', i.points,
          'reason', i.reason, 'at', i.occurred_at, 'createdAt', i.created_at))
        FROM bastion_items i WHERE i.org_id = "orgs"."id"
          AND i.occurred_at >= ${s.periodStart} AND i.occurred_at < ${s.periodEnd})`.as("hand"),
    })
    .from(orgs)
    .where(eq(orgs.id, s.branchId));
}

export type Facts = Awaited<ReturnType<typeof factsQuery>>[number];

interface HandRow {
  id: string;
  key: string;
  points: number;
  reason: string;
  at: number;
  createdAt: number;
}

const MONTH = 30.44 * 86_400_000;
const parse = <T>(json: string | null): T[] => (json ? (JSON.parse(json) as T[]) : []);
const ratio = (n: number, d: number) => Math.round((n / d) * 1000) / 1000;
const missing = (reason: string, detail?: Record<string, unknown>): IndicatorValue => ({
  missing: true,
  reason,
  detail,
});

/** The model's thresholds the measures need. */
interface Thresholds {
  noSecretaryMonths: number;
  lifeNotHeld: { kinds: string[]; months: number };
}

/** 组织生活: the share of the meetings the rhythm required in the period that were held, each a record. */
function orglifeValue(life: ReturnType<typeof lifeAgainstRhythm>): IndicatorValue {
  if (!life.required) return missing("no_rhythm");
  return {
    value: ratio(life.held, life.required),
    unit: "ratio",
    sources: life.counted.map((m) => ({
      type: "orglife_meeting",
      id: m.id,
      value: m.counts ? 1 : 0,
      note: m.kind,
    })),
    detail: { required: life.required, held: life.held, kinds: life.kinds },
  };
}

/**
 * 组织生活不正常: the model's kinds not held at all in the period, judged once the period (so far) is at
 * least the model's months long; a shorter one cannot show it (missing).
 */
function lifeNotHeldValue(life: ReturnType<typeof lifeAgainstRhythm>, t: Thresholds["lifeNotHeld"]): IndicatorValue {
  if (addMonths(life.fromDay, t.months) > life.toDay) return missing("period_short", { threshold: t.months });
  const notHeld = t.kinds.filter((k) => !life.meetings.some((m) => m.kind === k));
  return { value: notHeld.length, unit: "items", sources: [], detail: { notHeld, threshold: t.months } };
}

/**
 * What each indicator measured, by indicator key. Missing data is missing (with why), never a zero:
 * a branch without closed cycles has no appraisal measure, one without ratings no satisfaction.
 */
export function measure(
  f: Facts,
  s: Scope,
  study: Map<string, IndicatorValue>,
  life: ReturnType<typeof lifeAgainstRhythm>,
  t: Thresholds,
) {
  const out = new Map<string, IndicatorValue>();
  // A branch without members holds no organisational life to measure.
  out.set("orglife", f.members ? orglifeValue(life) : missing("no_members"));
  out.set("life_not_held", f.members ? lifeNotHeldValue(life, t.lifeNotHeld) : missing("no_members"));
  // 学习教育: the share of members with study data who met their (prorated) quota, from the member index.
  const studied = [...study].filter(
    (e): e is [string, Extract<IndicatorValue, { value: number }>] => !("missing" in e[1]),
  );
  const met = studied.filter(([, v]) => v.value >= 1);
  const firstMissing = [...study.values()].find((v) => "missing" in v) as { reason: string } | undefined;
  out.set(
    "study",
    studied.length
      ? {
          value: ratio(met.length, studied.length),
          unit: "ratio",
          sources: studied.map(([id, v]) => ({ type: "member", id, value: v.value })),
          detail: { members: studied.length, met: met.length },
        }
      : missing(firstMissing?.reason ?? "no_members"),
  );
  const cycles = parse<{ id: string; decided: number }>(f.cycles);
  out.set(
    "evaluations",
    !cycles.length
      ? missing("no_cycle")
      : !f.members
        ? missing("no_members")
        : {
            value: ratio(
              cycles.reduce((sum, c) => sum + Math.min(1, c.decided / f.members), 0),
              cycles.length,
            ),
            unit: "ratio",
            sources: cycles.map((c) => ({
              type: "eval_cycle",
              id: c.id,
              value: ratio(Math.min(c.decided, f.members), f.members),
            })),
            detail: { cycles: cycles.length, members: f.members },
          },
  );
  const services = parse<{ id: string; hours: number }>(f.services);
  const hours = Math.round(services.reduce((sum, r) => sum + r.hours, 0) * 100) / 100;
  out.set(
    "service",
    f.members
      ? {
          value: Math.round((hours / f.members) * 100) / 100,
          unit: "hours_per_member",
          sources: services.map((r) => ({ type: "service_record", id: r.id, value: r.hours })),
          detail: { hours, members: f.members },
        }
      : missing("no_members"),
  );
  const rounds = parse<{ id: string; k: number; n: number; good: number; total: number }>(f.rounds);
  const counted = rounds.filter((r) => r.n >= effectiveK(r.k) && r.total > 0);
  const good = counted.reduce((sum, r) => sum + r.good, 0);
  const total = counted.reduce((sum, r) => sum + r.total, 0);
  out.set(
    "masses",
    total
      ? {
          value: ratio(good, total),
          unit: "ratio",
          sources: counted.map((r) => ({ type: "rating_round", id: r.id, value: r.n })),
          detail: { answers: total, satisfied: good },
        }
      : missing(rounds.length ? "below_k" : "no_ratings"),
  );
  const steps = parse<{ id: string; step: string; late: number }>(f.steps);
  const onTime = steps.filter((st) => !st.late).length;
  out.set(
    "development",
    steps.length
      ? {
          value: ratio(onTime, steps.length),
          unit: "ratio",
          sources: steps.map((st) => ({ type: "dev_step", id: st.id, value: st.late ? 0 : 1, note: st.step })),
          detail: { steps: steps.length, onTime },
        }
      : missing("no_steps"),
  );
  const followups = parse<{ id: string; status: string }>(f.followups);
  const handled = followups.filter((x) => x.status === "closed").length;
  out.set(
    "followups",
    followups.length
      ? {
          value: ratio(handled, followups.length),
          unit: "ratio",
          sources: followups.map((x) => ({ type: "eval_followup", id: x.id, value: x.status === "closed" ? 1 : 0 })),
          detail: { followups: followups.length, handled },
        }
      : missing("no_followups"),
  );
  // 书记长期空缺: lagging once the gap reaches the model's months (a real 0 while a secretary serves).
  const since = f.secretaryGapSince;
  const months = since === null ? 0 : Math.floor(((Math.min(s.periodEnd, s.now) - since) / MONTH) * 10) / 10;
  out.set("no_secretary", {
    value: months >= t.noSecretaryMonths ? 1 : 0,
    unit: "items",
    sources: [],
    detail: { months, since, threshold: t.noSecretaryMonths },
  });
  return out;
}

/**
 * The committee's by-hand assessments in the period. A point item counts its latest assessment (a
 * re-assessment replaces the earlier one); none is missing ("not assessed"). A lagging item counts
 * every recorded case; none is a real 0.
 */
export function handValue(f: Facts, key: string, veto: boolean): IndicatorValue {
  const rows = parse<HandRow>(f.hand)
    .filter((r) => r.key === key)
    .sort((a, b) => b.at - a.at || b.createdAt - a.createdAt);
  const source = (r: HandRow): SourceRef => ({ type: "bastion_item", id: r.id, value: r.points, note: r.reason });
  if (veto) return { value: rows.length, unit: "items", sources: rows.map(source) };
  const [latest] = rows;
  if (!latest) return missing("not_assessed");
  return { value: latest.points, unit: "points", sources: [source(latest)], detail: { assessments: rows.length } };
}
