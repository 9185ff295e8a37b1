import { env } from "cloudflare:test";

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
