import { env } from "cloudflare:test";
import type { Metered } from "../lib/scale";

/**
 * The steps of these statements' query plans that walk more than the claimed rows: a SCAN of anything
 * but a bound JSON list, a CTE or subquery, or the small rhythm versions table, and a SEARCH that is not
 * by a key (id, org, branch, path range, due moment).
 */
export async function plansBeyondKeys(statements: readonly Metered[]) {
  const beyond: string[] = [];
  for (const s of statements) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
      .bind(...s.params)
      .all<{ detail: string }>();
    for (const { detail } of plan.results) {
      const scan = /^SCAN (?!j\b|json_each\b|up\b|ids\b|\(subquery|orglife_rules\b)/.test(detail);
      const search =
        /^SEARCH /.test(detail) && !/\((id|org_id|branch_id|due_at)=\?|path>\? AND path<\?\)|AUTOMATIC/.test(detail);
      if (scan || search) beyond.push(`${s.sql.slice(0, 40)}: ${detail}`);
    }
  }
  return beyond;
}
