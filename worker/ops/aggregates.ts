import type { D1Database, D1Result } from "@cloudflare/workers-types";
import { and, eq, inArray, sql } from "drizzle-orm";
import { orgs, type TenantFigures, tenantAggregates } from "../../schema";
import type { AggregateMessage, Env } from "../env";
import { yearOf, yearRange } from "../lib/day";
import type { Db } from "../lib/db";
import { subtreeRange } from "../lib/paths";
import { directory } from "../lib/tenants";
import { firstTickOf } from "../lib/ticks";

const DAY = 86_400_000;
/** The tick that publishes: the first of each day after 18:00 UTC (02:00 in China), once a day. */
const PUBLISH_AT = 18 * 3_600_000;
const isPublishTick = (now: number) => firstTickOf(now, DAY, PUBLISH_AT);

const counts = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));

/** The tenant's year in counts, in one round trip: nothing in it names or identifies a person. */
async function tenantFigures(d1: D1Database, year: number): Promise<TenantFigures> {
  const [start, end] = yearRange(year);
  // Days are stored as "YYYY-MM-DD" in the org's own calendar.
  const [from, to] = [`${year}-01-01`, `${year + 1}-01-01`];
  const [members, study, offline, grades, bands, development, meetings] = await d1.batch([
    // The tenant's people: its one root's kept subtree count (org_member_counts), without a scan. With several
    // roots a person in two of them is one person, so then they are counted once over the roots' org_people.
    d1.prepare(
      `SELECT CASE WHEN (SELECT count(*) FROM orgs WHERE parent_id IS NULL) <= 1
         THEN (SELECT coalesce(sum(c.subtree_members), 0) FROM orgs o JOIN org_member_counts c ON c.org_id = o.id
                WHERE o.parent_id IS NULL)
         ELSE (SELECT count(DISTINCT p.user_id) FROM orgs o JOIN org_people p ON p.org_id = o.id
                WHERE o.parent_id IS NULL) END AS n`,
    ),
    d1
      .prepare(
        "SELECT count(*) AS n FROM course_completions WHERE status = 'credited' AND completed_at >= ?1 AND completed_at < ?2",
      )
      .bind(start, end),
    // The members' study years, kept up to date as study is credited (courses' study_years); hours carried
    // in by a transfer were credited, and are published, by the tenant they came from.
    d1
      .prepare(
        "SELECT coalesce(sum(online_hours - carried_online_hours), 0) AS online, coalesce(sum(offline_hours), 0) AS offline FROM study_years WHERE year = ?1",
      )
      .bind(year),
    d1
      .prepare(
        "SELECT grade AS k, count(*) AS n FROM eval_decisions WHERE decided_at >= ?1 AND decided_at < ?2 GROUP BY grade",
      )
      .bind(start, end),
    d1
      .prepare(
        `SELECT s.distribution AS d FROM vanguard_branch_scores s
         WHERE s.period_end > ?1 AND s.period_end <= ?2 AND s.period_end = (
           SELECT max(x.period_end) FROM vanguard_branch_scores x
           WHERE x.org_id = s.org_id AND x.period_end > ?1 AND x.period_end <= ?2)`,
      )
      .bind(start, end),
    d1.prepare("SELECT stage AS k, count(*) AS n FROM dev_cases WHERE status = 'open' GROUP BY stage"),
    d1
      .prepare(
        "SELECT kind AS k, count(*) AS n FROM orglife_meetings WHERE status = 'held' AND meeting_on >= ?1 AND meeting_on < ?2 GROUP BY kind",
      )
      .bind(from, to),
  ]);
  const first = <T>(r: D1Result | undefined) => (r?.results[0] ?? {}) as T;
  const band: Record<string, number> = {};
  for (const row of (bands?.results ?? []) as { d: string }[]) {
    for (const [k, n] of Object.entries(JSON.parse(row.d) as Record<string, number>)) band[k] = (band[k] ?? 0) + n;
  }
  const hours = first<{ online: number; offline: number }>(offline);
  return {
    members: first<{ n: number }>(members).n ?? 0,
    study: {
      completions: first<{ n: number }>(study).n ?? 0,
      hours: hours.online ?? 0,
      offlineHours: hours.offline ?? 0,
    },
    grades: counts((grades?.results ?? []) as { k: string; n: number }[]),
    bands: band,
    development: counts((development?.results ?? []) as { k: string; n: number }[]),
    meetings: counts((meetings?.results ?? []) as { k: string; n: number }[]),
  };
}

/**
 * The publishing tick: each tenant with a tenant above it sends its year's figures through the queue,
 * addressed to that tenant (the consumer writes them there). Other ticks send nothing.
 */
export async function publishFigures(env: Env, tenant: { id: string; env: Env }, now: number) {
  const above = (await directory(env)).find((t) => t.id === tenant.id)?.parent;
  if (!above || !isPublishTick(now)) return;
  const year = yearOf(now);
  const message: AggregateMessage = {
    kind: "aggregate",
    to: above,
    from: tenant.id,
    year,
    figures: await tenantFigures(tenant.env.DB, year),
    publishedAt: now,
  };
  await tenant.env.EVAL_QUEUE.send(message);
}

/** Keeps the newest publication of each tenant and year (a retried or late message changes nothing). */
export async function keepFigures(db: Db, messages: readonly AggregateMessage[]) {
  if (messages.length === 0) return;
  await db.batch(
    messages.map((m) =>
      db
        .insert(tenantAggregates)
        .values({ tenantId: m.from, year: m.year, figures: m.figures, publishedAt: m.publishedAt })
        .onConflictDoUpdate({
          target: [tenantAggregates.tenantId, tenantAggregates.year],
          set: { figures: m.figures, publishedAt: m.publishedAt },
          setWhere: sql`excluded.published_at > ${tenantAggregates.publishedAt}`,
        }),
    ) as never,
  );
}

/**
 * The tenants whose place in this tenant's tree (`parentOrg`) is inside the org's subtree, with their
 * newest figures of the year and the address that opens them.
 */
export async function tenantsBelow(db: Db, env: Env, org: { path: string }, year: number) {
  const below = (await directory(env)).filter((t) => t.parentOrg);
  if (below.length === 0) return [];
  const [places, figures] = await db.batch([
    db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .where(
        and(
          inArray(
            orgs.id,
            below.map((t) => t.parentOrg as string),
          ),
          subtreeRange(orgs.path, org.path),
        ),
      ),
    db.select().from(tenantAggregates).where(eq(tenantAggregates.year, year)),
  ]);
  const placed = new Map(places.map((p) => [p.id, p.name]));
  return below
    .filter((t) => placed.has(t.parentOrg as string))
    .map((t) => {
      const f = figures.find((x) => x.tenantId === t.id);
      return {
        tenant: t.id,
        name: t.name,
        under: placed.get(t.parentOrg as string) as string,
        url: `https://${t.hosts[0]}`,
        figures: f?.figures ?? null,
        publishedAt: f?.publishedAt ?? null,
      };
    });
}
