import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { ApiError } from "../lib/errors";

/**
 * A tenant's whole database as NDJSON, one line per row: first `{"format":"vanguard-tenant","version":1,
 * "migrations":[…]}` (the migrations applied, which an import must match), then `{"t":table,"r":{…}}`
 * for every row of every table in an order that satisfies the foreign keys. Values are SQLite's:
 * text, integers, reals, null (the schema has no blobs). FTS shadow tables are left out, and so are
 * FTS tables over another table's content, whose triggers index the rows again as they are loaded, and
 * derived tables (answers kept for reads, counts and months kept by triggers: an import starts with none of
 * the answers and its own triggers count again), and the random builds of rows that triggers renew. The last line, `{"end":true, "rows":n}`, tells a whole dump
 * from one cut short.
 */
const DUMP_FORMAT = "vanguard-tenant";
const KEPT = "kept_";
const PAGE = 500;

interface TableInfo {
  name: string;
  columns: string[];
}

// Derived, not data: answers kept to be served again (kept_…: worker/courses/kept.ts, the roster and branch
// table pages and a member's home of worker/lib/kept.ts; catalogue.ts), which an import computes anew,
// and what triggers keep as rows are loaded (member counts and who is in each subtree, the search's grams)
// or a read rebuilds (an org's months). Loading them too would count the import's rows twice.
const DERIVED = new Set([
  "catalogue_pages",
  "catalogue_epoch",
  "course_search_grams",
  "branch_study_months",
  "org_member_counts",
  "org_people",
]);
const derived = (name: string) => name.startsWith(KEPT) || DERIVED.has(name);
// Random builds that triggers renew (migrations 0045, 0046), not data: left out, a loaded row gets a new one, so
// nothing an isolate remembers of another database holds for it.
const BUILDS = new Set(["lessons.built", "users.session_built"]);

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables of the dump, parents before children (by their foreign keys). */
async function tables(d1: D1Database): Promise<TableInfo[]> {
  const { results: all } = await d1
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'`,
    )
    .all<{ name: string; sql: string }>();
  const virtual = all.filter((t) => /^CREATE VIRTUAL/i.test(t.sql)).map((t) => t.name);
  // FTS5 keeps an index in these shadow tables of its own (a table merely named like one is not).
  const shadow = (name: string) =>
    virtual.some((v) => ["data", "idx", "content", "docsize", "config"].some((s) => name === `${v}_${s}`));
  // An external-content FTS table (content = '…') is an index over another table, kept by its triggers
  // when that table's rows are loaded: it is left out like its shadow tables.
  const external = new Set(all.filter((t) => /^CREATE VIRTUAL[\s\S]*\bcontent\s*=/i.test(t.sql)).map((t) => t.name));
  const names = all.map((t) => t.name).filter((n) => !shadow(n) && !external.has(n) && !derived(n));
  const [columns, parents] = await Promise.all([
    d1.batch(names.map((n) => d1.prepare(`SELECT name FROM pragma_table_info(?1) ORDER BY cid`).bind(n))),
    d1.batch(
      names.map((n) => d1.prepare(`SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?1)`).bind(n)),
    ),
  ]);
  const info = new Map(
    names.map((n, i) => [
      n,
      {
        columns: ((columns[i]?.results ?? []) as { name: string }[])
          .map((c) => c.name)
          .filter((c) => !BUILDS.has(`${n}.${c}`)),
        parents: ((parents[i]?.results ?? []) as { parent: string }[]).map((p) => p.parent).filter((p) => p !== n),
      },
    ]),
  );
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const place = (n: string, trail: Set<string>) => {
    if (placed.has(n) || trail.has(n) || !info.has(n)) return;
    trail.add(n);
    for (const p of info.get(n)?.parents ?? []) place(p, trail);
    placed.add(n);
    ordered.push({ name: n, columns: info.get(n)?.columns ?? [] });
  };
  for (const n of [...names].sort()) place(n, new Set());
  return ordered;
}

async function migrations(d1: D1Database) {
  const { results } = await d1.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>();
  return results.map((r) => r.name);
}

/** The dump as a stream of lines, read a page of rows at a time (rowid order: parents of a tree first). */
export function exportTenant(d1: D1Database): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      try {
        const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        line({ format: DUMP_FORMAT, version: 1, migrations: await migrations(d1) });
        let rows = 0;
        for (const t of await tables(d1)) {
          const list = t.columns.map(quote).join(", ");
          let after = -Infinity;
          for (;;) {
            const { results } = await d1
              .prepare(
                `SELECT rowid AS _rowid, ${list} FROM ${quote(t.name)} WHERE rowid > ?1 ORDER BY rowid LIMIT ${PAGE}`,
              )
              .bind(after === -Infinity ? Number.MIN_SAFE_INTEGER : after)
              .all<Record<string, unknown> & { _rowid: number }>();
            for (const { _rowid, ...row } of results) line({ t: t.name, r: row });
            rows += results.length;
            if (results.length < PAGE) break;
            after = (results.at(-1) as { _rowid: number })._rowid;
          }
        }
        line({ end: true, rows });
        controller.close();
      } catch (err) {
        controller.error(err);
      }
    },
  });
}

const BATCH = 100;

/**
 * Loads a dump into an empty tenant (no users, no orgs) whose migrations match the dump's. Rows are
 * written as they were, a batch at a time with foreign keys checked at each batch's end; a trigger's
 * row (the due index) is replaced by the dumped one. A dump that fails part way (bad line, cut short)
 * is taken out again, so the tenant is empty as before. Returns the rows written per table.
 */
export async function importTenant(d1: D1Database, lines: AsyncIterable<string>) {
  await checkTarget(d1);
  try {
    return await load(d1, lines);
  } catch (err) {
    await emptyTenant(d1);
    throw err;
  }
}

/** Every row of every table of the dump gone (the tenant was empty before the import). */
async function emptyTenant(d1: D1Database) {
  const all = (await tables(d1)).reverse();
  await d1.batch([
    d1.prepare("PRAGMA defer_foreign_keys = on"),
    ...all.map((t) => d1.prepare(`DELETE FROM ${quote(t.name)}`)),
  ]);
}

async function load(d1: D1Database, lines: AsyncIterable<string>) {
  const counts: Record<string, number> = {};
  let header: { format?: string; migrations?: string[] } | null = null;
  let known: Map<string, Set<string>> | null = null;
  let pending: D1PreparedStatement[] = [];
  const flush = async () => {
    if (pending.length) await d1.batch([d1.prepare("PRAGMA defer_foreign_keys = on"), ...pending]);
    pending = [];
  };
  let n = 0;
  let written = 0;
  let ended = false;
  for await (const text of lines) {
    n++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError(400, "invalid_input", `line ${n} is not JSON`, { line: n });
    }
    if (!header) {
      header = value as typeof header;
      await checkVersion(d1, header);
      known = new Map((await tables(d1)).map((t) => [t.name, new Set(t.columns)]));
      continue;
    }
    if (ended) throw new ApiError(400, "invalid_input", `line ${n} comes after the end`, { line: n });
    const { t, r, end, rows } = value as { t?: unknown; r?: unknown; end?: unknown; rows?: unknown };
    if (end === true) {
      if (rows !== written)
        throw new ApiError(400, "invalid_input", "the dump's row count does not match", { line: n });
      ended = true;
      continue;
    }
    const columns = typeof t === "string" ? known?.get(t) : undefined;
    if (!columns || typeof r !== "object" || r === null) {
      throw new ApiError(400, "invalid_input", `line ${n}: not a row of a known table`, { line: n });
    }
    const names = Object.keys(r);
    if (names.some((c) => !columns.has(c))) {
      throw new ApiError(400, "invalid_input", `line ${n}: a column ${t} does not have`, { line: n });
    }
    pending.push(
      d1
        .prepare(
          `INSERT OR REPLACE INTO ${quote(t as string)} (${names.map(quote).join(", ")}) VALUES (${names.map((_, i) => `?${i + 1}`).join(", ")})`,
        )
        .bind(...names.map((c) => (r as Record<string, unknown>)[c] ?? null)),
    );
    counts[t as string] = (counts[t as string] ?? 0) + 1;
    written++;
    if (pending.length >= BATCH) await flush();
  }
  if (!header) throw new ApiError(400, "invalid_input", "the dump is empty");
  if (!ended) throw new ApiError(400, "invalid_input", "the dump is cut short: its last line is missing");
  await flush();
  return counts;
}

async function checkVersion(d1: D1Database, header: { format?: string; migrations?: string[] } | null) {
  if (header?.format !== DUMP_FORMAT || !Array.isArray(header.migrations)) {
    throw new ApiError(400, "invalid_input", "not a tenant dump");
  }
  const ours = await migrations(d1);
  if (ours.join("\n") !== header.migrations.join("\n")) {
    throw new ApiError(409, "conflict", "the dump was taken at another schema version", {
      dump: header.migrations.at(-1) ?? null,
      here: ours.at(-1) ?? null,
    });
  }
}

async function checkTarget(d1: D1Database) {
  const used = await d1
    .prepare("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM orgs) AS n")
    .first<{ n: number }>();
  if ((used?.n ?? 0) > 0) throw new ApiError(409, "conflict", "a dump loads only into an empty tenant");
}

/** The lines of a request body, decoded as they arrive. */
export async function* linesOf(body: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    const parts = rest.split("\n");
    rest = parts.pop() ?? "";
    yield* parts;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}
