import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { memberships, orgs, users } from "../../schema";
import type { ArchiveKind } from "../../schema/archives/kinds";
import type { Db } from "../lib/db";
import { invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeRange } from "../lib/paths";
import { getOrg } from "../orgs";
import { INDICATORS } from "./indicators";
import type { IndicatorScope, IndicatorValue } from "./indicators/types";
import { modelsQuery, pickModel } from "./model";
import { computeScore, distribution, type Explanation, type Inputs } from "./score";

interface MemberScore {
  memberId: string;
  name: string;
  score: number | null;
  status: Explanation["status"];
  inputs: Inputs;
  explanation: Explanation;
}

const WRITE_CHUNK = 100;
const VANGUARD_EVENT: ArchiveKind = "vanguard";

/**
 * Scores every active member of a branch, its party groups' members included, for [periodStart,
 * periodEnd) with the branch's effective model.
 *
 * Queries, whatever the branch size: 1 (the org) + 1 batch of 2 + N_indicators reads (members, model
 * versions, one statement per registered indicator), and when storing 1 write batch of
 * 1 + 2 × ceil(members / 100) statements (scores upserted and archive events inserted from one JSON
 * parameter each; the branch's counts per band upserted). 200 members, 7 indicators: 3 round trips, 15 statements.
 *
 * Idempotent: a score is unique per (member, branch, period) and is overwritten by a re-run; the
 * archive gets one "vanguard" event per member and period. The evaluation-cycle queue calls this
 * when a cycle closes (`store: true`); previews pass `store: false` (and may restrict to one member).
 */
export async function scoreBranch(
  db: Db,
  branchId: string,
  periodStart: number,
  periodEnd: number,
  now: number,
  opts: { store?: boolean; memberId?: string } = {},
) {
  const store = opts.store ?? true;
  if (!(periodStart < periodEnd))
    throw invalid("the period must end after it starts", [{ path: "to", code: "too_small" }]);
  const org = await getOrg(db, branchId);
  if (!org) throw notFound("organization");
  if (org.kind !== "branch" && org.kind !== "group") {
    throw invalid("the vanguard index scores the members of a branch", [{ path: "orgId", code: "not_a_branch" }]);
  }
  const one = opts.memberId;
  // The branch and its party groups (党小组): one indexed range over the materialized paths.
  const subtreeOrgs = sql`(SELECT id FROM orgs WHERE ${subtreeRange(orgs.path, org.path)})`;
  const inBranch = (column: SQLiteColumn) => sql`${column} IN ${subtreeOrgs}`;
  const memberIn = (column: SQLiteColumn) =>
    one
      ? sql`${column} = ${one}`
      : sql`${column} IN (SELECT user_id FROM memberships WHERE org_id IN ${subtreeOrgs} AND role = 'member' AND ended_at IS NULL)`;
  const partial: Omit<IndicatorScope, "memberIds"> = { branchId, periodStart, periodEnd, now, memberIn, inBranch };
  const membersQuery = db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        inBranch(memberships.orgId),
        eq(memberships.role, "member"),
        isNull(memberships.endedAt),
        one ? eq(users.id, one) : undefined,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id));
  const [members, models, ...indicatorRows] = (await db.batch([
    membersQuery,
    modelsQuery(db, org.path),
    ...INDICATORS.map((i) => i.query(db, { ...partial, memberIds: [] })),
  ] as [any, ...any[]])) as [{ id: string; name: string }[], Parameters<typeof pickModel>[0], ...unknown[][]];
  const model = pickModel(models, org.path);
  const scope: IndicatorScope = { ...partial, memberIds: members.map((m) => m.id) };
  const values = new Map<string, Map<string, IndicatorValue>>();
  INDICATORS.forEach((ind, i) => {
    values.set(ind.key, ind.collect(indicatorRows[i] ?? [], scope));
  });
  const scores: MemberScore[] = members.map((m) => {
    const inputs: Inputs = {};
    for (const item of model.definition.items) {
      inputs[item.key] = values.get(item.indicator)?.get(m.id) ?? { missing: true, reason: "not_available" };
    }
    const explanation = computeScore(model.definition, inputs);
    return { memberId: m.id, name: m.name, score: explanation.score, status: explanation.status, inputs, explanation };
  });
  const dist = distribution(scores.map((s) => s.score));
  const result = {
    org: { id: org.id, name: org.name },
    periodStart,
    periodEnd,
    model: { id: model.id, version: model.version, name: model.name },
    members: scores,
    branch: { members: scores.length, ...dist },
  };
  if (store && !one) await storeScores(db, result, now);
  return result;
}

async function storeScores(db: Db, r: Awaited<ReturnType<typeof scoreBranch>>, now: number) {
  const d1 = db.$client;
  const period = `${r.periodStart}-${r.periodEnd}`;
  const occurredAt = Math.min(now, r.periodEnd - 1);
  const statements = [];
  for (let i = 0; i < r.members.length; i += WRITE_CHUNK) {
    const chunk = r.members.slice(i, i + WRITE_CHUNK);
    const json = JSON.stringify(
      chunk.map((m) => ({
        id: newId(),
        memberId: m.memberId,
        score: m.score,
        status: m.status,
        inputs: m.inputs,
        explanation: m.explanation,
      })),
    );
    // A separate, small JSON for the archive: its NOT EXISTS probe re-reads the member id per candidate row.
    const events = JSON.stringify(
      chunk.map((m) => ({
        eventId: newId(),
        memberId: m.memberId,
        summary: {
          score: m.score,
          status: m.status,
          modelVersion: r.model.version,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
        },
      })),
    );
    statements.push(
      d1
        .prepare(
          `INSERT INTO vanguard_scores (id, member_id, org_id, period_start, period_end, model_id, model_version, score, status, inputs, explanation, computed_at)
           SELECT value ->> '$.id', value ->> '$.memberId', ?1, ?2, ?3, ?4, ?5, value ->> '$.score', value ->> '$.status',
                  value -> '$.inputs', value -> '$.explanation', ?6
             FROM json_each(?7) WHERE true
           ON CONFLICT (member_id, org_id, period_start, period_end) DO UPDATE SET
             model_id = excluded.model_id, model_version = excluded.model_version, score = excluded.score,
             status = excluded.status, inputs = excluded.inputs, explanation = excluded.explanation, computed_at = excluded.computed_at`,
        )
        .bind(r.org.id, r.periodStart, r.periodEnd, r.model.id, r.model.version, now, json),
      d1
        .prepare(
          `INSERT INTO archive_events (id, member_id, org_id, kind, subject_type, subject_id, summary, occurred_at, recorded_by, created_at)
           SELECT value ->> '$.eventId', value ->> '$.memberId', ?1, ?6, 'vanguard_period', ?2, value -> '$.summary', ?3, NULL, ?4
             FROM json_each(?5) j
            WHERE NOT EXISTS (SELECT 1 FROM archive_events a WHERE a.member_id = (j.value ->> '$.memberId')
                                AND a.kind = ?6 AND a.subject_type = 'vanguard_period' AND a.subject_id = ?2)`,
        )
        .bind(r.org.id, period, occurredAt, now, events, VANGUARD_EVENT),
    );
  }
  statements.push(
    d1
      .prepare(
        `INSERT INTO vanguard_branch_scores (id, org_id, period_start, period_end, model_id, model_version, members, scored, distribution, computed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (org_id, period_start, period_end) DO UPDATE SET
           model_id = excluded.model_id, model_version = excluded.model_version, members = excluded.members,
           scored = excluded.scored, distribution = excluded.distribution, computed_at = excluded.computed_at`,
      )
      .bind(
        newId(),
        r.org.id,
        r.periodStart,
        r.periodEnd,
        r.model.id,
        r.model.version,
        r.branch.members,
        r.branch.scored,
        JSON.stringify(r.branch.bands),
        now,
      ),
  );
  await d1.batch(statements);
}
