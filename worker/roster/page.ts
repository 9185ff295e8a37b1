import type { D1Database, D1Result } from "@cloudflare/workers-types";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { fillPlaceholders, type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../lib/db";
import { invalid } from "../lib/errors";
import { buildAndKeep, type KeptPage, keptBody, keptParams, keptTextSql } from "../lib/kept";
import { containing, likeEscaped } from "../lib/like";
import { keysetPage } from "../lib/pagination";

const dialect = new SQLiteAsyncDialect();

interface RosterRow {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  gender: "male" | "female" | null;
  joinedPartyOn: string | null;
  cadre: boolean;
  active: boolean;
  orgId: string;
  orgName: string;
  since: number;
  /** "member", or the stage of the person's open development case (a status: it grants nothing). */
  status: string;
  /** The development record of someone in the pipeline who is not (yet) a member. */
  caseId: string | null;
}

/** The roster's order, and its page key: one row per person and org they are on the roster of. */
type Key = [displayName: string, id: string, orgId: string];

// The key travels whole (not as an id to look up): a cursor made up by hand positions the page among
// the subtree's own rows and says nothing about anyone else.
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const cursorOf = (r: RosterRow) =>
  encodeBase64urlNoPadding(encoder.encode(JSON.stringify([r.displayName, r.id, r.orgId] satisfies Key)));

function readCursor(after: string): Key {
  try {
    const key: unknown = JSON.parse(decoder.decode(decodeBase64urlIgnorePadding(after)));
    if (Array.isArray(key) && key.length === 3 && key.every((k) => typeof k === "string")) return key as Key;
  } catch {}
  throw invalid("this page link is not one the roster gave", [{ path: "after", code: "bad_cursor" }]);
}

const PRE_MEMBER = sql.raw(`('applicant', 'activist', 'candidate')`);
const isMemberAt = (user: SQL, org: SQL) =>
  sql`EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = ${user} AND m.org_id = ${org} AND m.role = 'member' AND m.ended_at IS NULL)`;
const openStage = sql`coalesce((SELECT c.stage FROM dev_cases c WHERE c.user_id = u.id AND c.status = 'open'), 'member')`;
const person = sql`u.id AS id, u.username, u.display_name AS displayName, u.phone, u.gender,
  u.joined_party_on AS joinedPartyOn, u.cadre, u.active, orgs.id AS orgId, orgs.name AS orgName`;

/**
 * Whether walking everyone in name order finds a page sooner than sorting the subtree: a walk passes
 * about `limit × tenant / subtree` people, a sort reads the subtree's `subtree` members (kept counts).
 * It tests the org's count row `s`, each arm's first (one-row) loop, so an arm it rules out stops there:
 * SQLite does not hoist a WHERE term holding a subquery out of the loops.
 */
const walkPays = sql`s.subtree_members * s.subtree_members > ${sql.placeholder("limit")} *
  (SELECT sum(r.subtree_members) FROM orgs o CROSS JOIN org_member_counts r ON r.org_id = o.id WHERE o.parent_id IS NULL)`;

const ORG = sql.placeholder("org");
const [NAME, ID, AFTER_ORG] = [sql.placeholder("name"), sql.placeholder("id"), sql.placeholder("afterOrg")];

/**
 * How a page is read: "walk" the users' name index, "sort" the subtree, or "either", picked inside the
 * statement by `walkPays` (when the isolate has not seen the org's counts yet).
 */
type Plan = "walk" | "sort" | "either";

/** The page's statement for a search or not, inactive people or not, by a plan: built once (drizzle's building was 5% of a page's CPU). */
function pageStatement(search: boolean, inactive: boolean, plan: Plan) {
  const pattern = sql.placeholder("pattern");
  const where = sql.join(
    [
      sql`orgs.path >= (SELECT path FROM orgs WHERE id = ${ORG})`,
      sql`orgs.path < (SELECT substr(path, 1, length(path) - 1) || '0' FROM orgs WHERE id = ${ORG})`,
      sql`(u.display_name, u.id, orgs.id) > (${NAME}, ${ID}, ${AFTER_ORG})`,
      ...(inactive ? [] : [sql`u.active = 1`]),
      ...(search
        ? [
            sql`(${likeEscaped(sql`u.display_name`, pattern as never)} OR ${likeEscaped(sql`u.username`, pattern as never)} OR ${likeEscaped(sql`u.phone`, pattern as never)})`,
          ]
        : []),
    ],
    sql` AND `,
  );
  // Picked inside the statement only when the isolate has no counts of the org to pick by.
  const [guard, sortGuard] =
    plan === "either"
      ? [sql`s.org_id = ${ORG} AND ${walkPays} AND`, sql`s.org_id = ${ORG} AND NOT (${walkPays}) AND`]
      : [sql``, sql``];
  const counts = plan === "either" ? sql`org_member_counts s CROSS JOIN` : sql``;
  const sorted = sql`SELECT ${person}, m.started_at AS since, ${openStage} AS status, NULL AS caseId
      FROM ${counts} orgs
      CROSS JOIN memberships m ON m.org_id = orgs.id AND m.role = 'member' AND m.ended_at IS NULL
      CROSS JOIN users u ON u.id = m.user_id
      WHERE ${sortGuard} ${where}
    UNION ALL
    SELECT ${person}, c.created_at AS since, c.stage AS status, c.id AS caseId
      FROM ${counts} orgs
      CROSS JOIN dev_cases c ON c.org_id = orgs.id AND c.status = 'open' AND c.stage IN ${PRE_MEMBER}
      CROSS JOIN users u ON u.id = c.user_id
      WHERE ${sortGuard} ${where} AND NOT ${isMemberAt(sql`u.id`, sql`orgs.id`)}`;
  const walked = sql`SELECT ${person},
      coalesce((SELECT m.started_at FROM memberships m WHERE m.user_id = u.id AND m.org_id = orgs.id
          AND m.role = 'member' AND m.ended_at IS NULL),
        (SELECT c.created_at FROM dev_cases c WHERE c.user_id = u.id AND c.org_id = orgs.id AND c.status = 'open')) AS since,
      ${openStage} AS status,
      CASE WHEN NOT ${isMemberAt(sql`u.id`, sql`orgs.id`)} THEN
        (SELECT c.id FROM dev_cases c WHERE c.user_id = u.id AND c.org_id = orgs.id AND c.status = 'open') END AS caseId
    FROM ${counts} users u INDEXED BY users_name_idx CROSS JOIN orgs
    WHERE ${guard} orgs.id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = u.id AND m.role = 'member' AND m.ended_at IS NULL
        UNION ALL SELECT c.org_id FROM dev_cases c WHERE c.user_id = u.id AND c.status = 'open' AND c.stage IN ${PRE_MEMBER})
      AND (u.display_name, u.id) >= (${NAME}, ${ID}) AND ${where}`;
  const body = plan === "walk" ? walked : plan === "sort" ? sorted : sql`${walked} UNION ALL ${sorted}`;
  return dialect.sqlToQuery(sql`${body} ORDER BY displayName, id, orgId LIMIT ${sql.placeholder("limit1")}`);
}
const statements = new Map<string, ReturnType<typeof pageStatement>>();

// Which plan each org's pages took last, from the counts read beside its last page: a hint only (both
// plans read the same rows), so a page after the first sends one plan, a shorter statement for D1 to
// parse and plan, instead of both behind a guard.
const MAX_HINTS = 10_000;
const planHints = new Map<string, Plan>();
function hintPlan(orgId: string, counts: { members: number; tenant: number } | undefined, limit: number) {
  if (!counts) return;
  if (planHints.size >= MAX_HINTS) planHints.delete(planHints.keys().next().value as string);
  planHints.set(orgId, counts.members * counts.members > limit * counts.tenant ? "walk" : "sort");
}

// The org's path (to authorize) and kept member count, and the kept page's text (NULL for a search, or
// when it no longer holds): one statement beside the session check. The tenant's count only to choose
// a plan for a page computed.
const counted = (text: string) => `SELECT o.path, coalesce(c.subtree_members, 0) AS members, ${text} AS text
  FROM orgs o LEFT JOIN org_member_counts c ON c.org_id = o.id WHERE o.id = ?1`;
const COUNTED_KEPT = counted(keptTextSql("kept_roster_pages"));
const COUNTED = counted("NULL");
const TENANT = `SELECT sum(r.subtree_members) AS tenant FROM orgs p CROSS JOIN org_member_counts r ON r.org_id = p.id
  WHERE p.parent_id IS NULL`;

interface RosterQuery {
  q?: string | undefined;
  limit: number;
  after?: string | undefined;
  inactive?: "0" | "1" | undefined;
}

/** A roster page as the route answers it (its JSON text is served as it was kept). */
export interface RosterPage {
  items: RosterRow[];
  next: string | null;
  total: number;
}

/**
 * A page of an org subtree's roster: its members, and beside them the people in the development
 * pipeline who are not members yet (applicants, activists, candidates) with their stage as a status,
 * by name, then id, then org, from after the key `after`; and the org's kept member count. The page is
 * kept as served (worker/lib/kept.ts), for the org and its query, whoever of its secretaries and admins
 * asks (they all see the same columns); `authorize` gets the org's path read in the same round trip as
 * the kept page, and nothing is computed or kept for a caller it refuses. A large subtree walks the
 * users' name index and stops at the page's end; a small one (or a search) reads its subtree from the
 * orgs' path index and sorts it. Which is chosen inside the statement, from the kept counts.
 */
export async function rosterPage(
  db: Db,
  orgId: string,
  q: RosterQuery,
  authorize: (path: string | undefined) => void,
  now = Date.now(),
) {
  const [name, id, afterOrg] = q.after ? readCursor(q.after) : ["", "", ""];
  // A search is not kept: its texts are as many as people type.
  const kept: KeptPage | null = q.q
    ? null
    : {
        table: "kept_roster_pages",
        owner: orgId,
        key: JSON.stringify([q.limit, q.inactive === "1", name, id, afterOrg]),
      };
  const d1 = db.$client;
  const [counted] = await d1.batch([
    kept ? d1.prepare(COUNTED_KEPT).bind(...keptParams(kept, now)) : d1.prepare(COUNTED).bind(orgId),
  ]);
  const found = counted!.results[0] as { path: string; members: number; text: string | null } | undefined;
  authorize(found?.path);
  const total = found?.members ?? 0;
  const text =
    (kept && keptBody(kept, found?.text)) ?? (await computed(d1, kept, orgId, q, total, [name, id, afterOrg]));
  // The page's text as kept, its total beside it: `{"items":[…],"next":…,"total":n}` without a parse.
  return `${text.slice(0, -1)},"total":${total}}`;
}

/** The page's text computed (by the plan the org's counts choose), and kept unless it is a search. */
async function computed(
  d1: D1Database,
  kept: KeptPage | null,
  orgId: string,
  q: RosterQuery,
  members: number,
  [name, id, afterOrg]: Key,
) {
  // A search may match few people anywhere: a walk would pass the whole tenant to fill a page.
  const plan: Plan = q.q ? "sort" : (planHints.get(orgId) ?? "either");
  const variant = `${!!q.q}${q.inactive === "1"}${plan}`;
  const statement = statements.get(variant) ?? pageStatement(!!q.q, q.inactive === "1", plan);
  statements.set(variant, statement);
  const values = {
    org: orgId,
    limit: q.limit,
    limit1: q.limit + 1,
    name,
    id,
    afterOrg,
    pattern: containing(q.q ?? ""),
  };
  const reads = [d1.prepare(statement.sql).bind(...fillPlaceholders(statement.params, values)), d1.prepare(TENANT)];
  const shape = ([rows, tenant]: D1Result[]) => {
    hintPlan(orgId, { members, tenant: (tenant!.results[0] as { tenant: number | null }).tenant ?? 0 }, q.limit);
    const people = (rows!.results as (Omit<RosterRow, "active" | "cadre"> & { active: number; cadre: number })[]).map(
      (r): RosterRow => ({ ...r, active: r.active === 1, cadre: r.cadre === 1 }),
    );
    return { answer: keysetPage(people, q.limit, cursorOf), validUntil: Infinity };
  };
  if (kept) return (await buildAndKeep(d1, kept, reads, shape)).body;
  return JSON.stringify(shape(await d1.batch(reads)).answer);
}
