import { sql } from "drizzle-orm";
import { type ReadPart, sqlList } from "../lib/sql";

/** Service records waiting for confirmation in each of these branches (their party groups included). */
export function servicesToConfirm(branchPaths: string[]) {
  return {
    queries: [
      sql`SELECT b.id AS branchId, count(*) AS n
        FROM orgs b JOIN orgs o ON o.path >= b.path AND o.path < substr(b.path, 1, length(b.path) - 1) || '0'
        JOIN service_records s ON s.org_id = o.id AND s.status = 'pending'
        WHERE b.path IN (${sqlList(branchPaths)})
        GROUP BY b.id`,
    ],
    shape: ([rows]) => new Map((rows as { branchId: string; n: number }[]).map((r) => [r.branchId, r.n])),
  } satisfies ReadPart<unknown>;
}
