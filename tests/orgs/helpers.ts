import { env } from "cloudflare:test";
import type { Client } from "../fixtures";

/** Creates an org through the API, as `by` (makeOrg in tests/fixtures.ts writes one straight to D1). */
export const postOrg = (
  by: Client,
  parentId: string,
  name: string,
  kind: string,
  orgType = "unit",
  more: Record<string, unknown> = {},
) => by.post("/api/orgs", { parentId, name, kind, orgType, ...more });

// Every "/id/…/id/" whose ids are all orgs' is a copy of an org's path: it must equal that org's path now.
const PATH_SHAPED = /\/(?:[^/\s"'\\]+\/)+/g;

/**
 * Every copy of an org path, in any text column of any table (JSON included), that no longer equals the
 * path of the org it names: `table.column: value`. Found by shape, not by name, so a copy added later is
 * checked without anyone listing it here.
 */
export async function stalePathCopies(): Promise<string[]> {
  const d1 = env.DB;
  const [orgRows, tableRows] = await d1.batch<{ id: string; path: string } & { name: string }>([
    d1.prepare("SELECT id, path FROM orgs"),
    d1.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
    ),
  ]);
  const pathOf = new Map(orgRows!.results.map((o) => [o.id, o.path]));
  const tables = tableRows!.results.map((t) => t.name);
  const columns = await d1.batch<{ name: string; type: string }>(
    tables.map((t) => d1.prepare(`SELECT name, type FROM pragma_table_info(?1)`).bind(t)),
  );
  const reads = tables.flatMap((table, i) =>
    columns[i]!.results.filter((c) => c.type === "" || /text/i.test(c.type)).map((c) => ({ table, column: c.name })),
  );
  const values = await d1.batch<{ v: string }>(
    reads.map(({ table, column }) =>
      d1.prepare(
        `SELECT DISTINCT "${column}" AS v FROM "${table}" WHERE typeof("${column}") = 'text' AND "${column}" LIKE '%/%/%'`,
      ),
    ),
  );
  const stale: string[] = [];
  reads.forEach(({ table, column }, i) => {
    for (const { v } of values[i]!.results) {
      for (const copy of v.match(PATH_SHAPED) ?? []) {
        const ids = copy.split("/").filter(Boolean);
        if (ids.every((id) => pathOf.has(id)) && pathOf.get(ids.at(-1)!) !== copy)
          stale.push(`${table}.${column}: ${copy}`);
      }
    }
  });
  return stale.sort();
}

/**
 * Records that say what was so when they were written, and so keep an org's name as it was then: the
 * audit trail, the growth archive's entries ("joined 社区支部"), a development case's steps (a transfer's
 * from and to), notifications already sent, a transfer letter (which may name another tenant's org) and
 * the rows that travelled with it.
 */
const AS_WRITTEN = new Set([
  "audit_log.detail",
  "archive_events.summary",
  "dev_steps.data",
  "notifications.params",
  "member_transfers.from_org_name",
  "member_transfers.to_org_name",
  "transfer_rows.row",
]);

/**
 * Every text column of any table (JSON included) still holding one of `former`, the names orgs had before
 * a rename: `table.column`. Found by value, not by column name, so a copy added later is checked without
 * anyone listing it here; what keeps names as written is listed above.
 */
export async function staleNameCopies(former: string[]): Promise<string[]> {
  const d1 = env.DB;
  const { results: tables } = await d1
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
    )
    .all<{ name: string }>();
  const columns = await d1.batch<{ name: string; type: string }>(
    tables.map((t) => d1.prepare(`SELECT name, type FROM pragma_table_info(?1)`).bind(t.name)),
  );
  const reads = tables.flatMap((t, i) =>
    columns[i]!.results.filter((c) => c.type === "" || /text/i.test(c.type)).map((c) => `${t.name}.${c.name}`),
  );
  const found = await d1.batch<{ n: number }>(
    reads.map((read) => {
      const [table, column] = read.split(".");
      return d1
        .prepare(
          `SELECT count(*) AS n FROM "${table}" WHERE typeof("${column}") = 'text'
            AND EXISTS (SELECT 1 FROM json_each(?1) f WHERE instr("${column}", f.value) > 0)`,
        )
        .bind(JSON.stringify(former));
    }),
  );
  return reads.filter((read, i) => found[i]!.results[0]!.n > 0 && !AS_WRITTEN.has(read)).sort();
}

/**
 * Every org whose kept member counts (org_member_counts) differ from a fresh count of its current members,
 * directly and in its subtree (people, each once however many of its orgs they are a member of), and every
 * row of who is in each subtree (org_people) that differs from a fresh grouping: `id: kept members/subtree ≠ counted members/subtree`.
 */
export async function countDrift(d1: D1Database = env.DB): Promise<string[]> {
  const { results } = await d1
    .prepare(
      `SELECT o.id, c.members AS keptMembers, c.subtree_members AS keptSubtree,
        (SELECT count(*) FROM memberships m WHERE m.org_id = o.id AND m.role = 'member' AND m.ended_at IS NULL) AS members,
        (SELECT count(DISTINCT m.user_id) FROM orgs d JOIN memberships m ON m.org_id = d.id AND m.role = 'member' AND m.ended_at IS NULL
          WHERE d.path >= o.path AND d.path < substr(o.path, 1, length(o.path) - 1) || '0') AS subtree
      FROM orgs o LEFT JOIN org_member_counts c ON c.org_id = o.id`,
    )
    .all<{ id: string; keptMembers: number | null; keptSubtree: number | null; members: number; subtree: number }>();
  const counts = results
    .filter((r) => r.keptMembers !== r.members || r.keptSubtree !== r.subtree)
    .map((r) => `${r.id}: ${r.keptMembers}/${r.keptSubtree} ≠ ${r.members}/${r.subtree}`);
  return [...counts, ...(await peopleDrift(d1))];
}

/** Every org_people row that differs from a fresh grouping of current memberships by the orgs on their paths. */
async function peopleDrift(d1: D1Database) {
  const { results } = await d1
    .prepare(
      `WITH fresh AS (SELECT j.value AS org_id, m.user_id, count(*) AS n FROM memberships m JOIN orgs o ON o.id = m.org_id
          CROSS JOIN json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
          WHERE m.role = 'member' AND m.ended_at IS NULL GROUP BY j.value, m.user_id),
        kept AS (SELECT org_id, user_id, memberships AS n FROM org_people)
      SELECT 'missing' AS side, * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)
      UNION ALL SELECT 'extra', * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh)`,
    )
    .all<{ side: string; org_id: string; user_id: string; n: number }>();
  return results.map((r) => `org_people ${r.side}: ${r.org_id} ${r.user_id} ×${r.n}`);
}

/** An org's kept counts. */
export async function keptCounts(orgId: string, d1: D1Database = env.DB) {
  return d1
    .prepare("SELECT members, subtree_members AS subtree FROM org_member_counts WHERE org_id = ?")
    .bind(orgId)
    .first<{ members: number; subtree: number }>();
}
