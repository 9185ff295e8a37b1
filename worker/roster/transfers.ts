import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import type { Env } from "../env";
import { ApiError, conflict, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeEnd } from "../lib/paths";
import { tenantsBeside } from "../lib/tenants";
import { keptStatements, liveStatements, readRecord, travelPlan } from "./travel";

/**
 * A member's transfer to another tenant (组织关系转接). The source's secretary sends the letter (out row
 * in the source, in row delivered to the destination); the destination's secretary accepts it, which
 * copies the record (worker/roster/travel.ts), lands the account, then closes the source. One Worker
 * holds every tenant's binding, so each step is a batch on one database; a step starts only from its
 * state and writes by the same keys, so a retry after a failure half way finishes what is left.
 */

export interface TransferRow {
  id: string;
  side: "out" | "in";
  state: string;
  user_id: string;
  display_name: string;
  username: string;
  from_tenant: string;
  from_tenant_name: string;
  from_org_id: string;
  from_org_name: string;
  to_tenant: string;
  to_tenant_name: string;
  to_org_id: string;
  to_org_name: string;
  note: string | null;
  refusal: string | null;
  sent_by: string;
  sent_at: number;
  answered_by: string | null;
  answered_at: number | null;
  done_at: number | null;
}

const COLUMNS = [
  "id",
  "side",
  "state",
  "user_id",
  "display_name",
  "username",
  "from_tenant",
  "from_tenant_name",
  "from_org_id",
  "from_org_name",
  "to_tenant",
  "to_tenant_name",
  "to_org_id",
  "to_org_name",
  "note",
  "refusal",
  "sent_by",
  "sent_at",
  "answered_by",
  "answered_at",
  "done_at",
] as const;

function insertRow(d1: D1Database, row: TransferRow) {
  return d1
    .prepare(
      `INSERT OR IGNORE INTO member_transfers (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
    )
    .bind(...COLUMNS.map((c) => row[c]));
}

/** An audit row written only while the transfer is in `state` on that side (so a retry writes it once). */
function auditWhile(
  d1: D1Database,
  t: { id: string; state: string },
  entry: { actorId: string | null; action: string; userId: string; orgId: string; detail: unknown },
  at: number,
) {
  return d1
    .prepare(
      `INSERT INTO audit_log (id, actor_id, action, entity, entity_id, org_id, detail, at)
       SELECT ?, ?, ?, 'membership', ?, ?, ?, ?
       WHERE EXISTS (SELECT 1 FROM member_transfers WHERE id = ? AND state = ?)`,
    )
    .bind(
      newId(),
      entry.actorId,
      entry.action,
      entry.userId,
      entry.orgId,
      JSON.stringify(entry.detail),
      at,
      t.id,
      t.state,
    );
}

const setState = (d1: D1Database, id: string, from: string, to: string, extra = "", ...values: unknown[]) =>
  d1.prepare(`UPDATE member_transfers SET state = ?${extra} WHERE id = ? AND state = ?`).bind(to, ...values, id, from);

/** The tenants a member can go to: every one in the directory but this. */
export async function destinations(env: Env) {
  return (await tenantsBeside(env)).others.map(({ id, name }) => ({ id, name }));
}

async function otherTenant(env: Env, id: string) {
  const found = (await tenantsBeside(env)).others.find((t) => t.id === id);
  if (!found) throw notFound("tenant");
  return found;
}

/** A small read on the other tenant's database: its branches by name, for the letter's picker. */
export async function destinationBranches(env: Env, tenant: string, q: string | undefined) {
  const { db } = await otherTenant(env, tenant);
  const pattern = `%${(q ?? "").replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const { results } = await db
    .prepare(
      `SELECT o.id, o.name, p.name AS parentName FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
       WHERE o.kind IN ('branch', 'group') AND o.archived_at IS NULL AND o.name LIKE ?1 ESCAPE '\\'
       ORDER BY o.name, o.id LIMIT 20`,
    )
    .bind(pattern)
    .all<{ id: string; name: string; parentName: string | null }>();
  return results;
}

/**
 * The out-letter: refused for a member in an open appraisal cycle of their branch or with an open
 * follow-up of 不合格 (both are the source committee's to finish), for one already on the way, for a
 * username the destination gives someone else, and for a destination that is not a branch there.
 */
export async function sendTransfer(
  env: Env,
  d1: D1Database,
  actorId: string,
  member: { id: string; username: string; displayName: string; branchId: string; branchName: string },
  to: { tenant: string; orgId: string; note?: string | undefined },
) {
  const { self, selfName } = await tenantsBeside(env);
  const dest = await otherTenant(env, to.tenant);
  const [cycles, followups, open] = await d1.batch<{ n: number }>([
    d1.prepare("SELECT count(*) AS n FROM eval_cycles WHERE branch_id = ? AND status = 'open'").bind(member.branchId),
    d1.prepare("SELECT count(*) AS n FROM eval_followups WHERE member_id = ? AND status = 'open'").bind(member.id),
    d1
      .prepare("SELECT count(*) AS n FROM member_transfers WHERE user_id = ? AND state NOT IN ('done', 'refused')")
      .bind(member.id),
  ]);
  if (cycles?.results[0]?.n || followups?.results[0]?.n) {
    throw new ApiError(409, "in_open_evaluation", "the member is in an open appraisal or follow-up", {
      cycle: Boolean(cycles?.results[0]?.n),
      followup: Boolean(followups?.results[0]?.n),
    });
  }
  if (open?.results[0]?.n) throw conflict("a transfer of this member is already under way");
  const [branch, taken] = await dest.db.batch<{ id: string; name: string }>([
    dest.db
      .prepare("SELECT id, name FROM orgs WHERE id = ? AND kind IN ('branch', 'group') AND archived_at IS NULL")
      .bind(to.orgId),
    dest.db
      .prepare("SELECT id, username AS name FROM users WHERE username = ? AND id <> ?")
      .bind(member.username, member.id),
  ]);
  const toOrg = branch?.results[0];
  if (!toOrg) throw notFound("branch");
  if (taken?.results.length) {
    throw conflict("the destination has another person with this username", [{ path: "username", code: "taken" }]);
  }
  const now = Date.now();
  const row: TransferRow = {
    id: newId(),
    side: "out",
    state: "sent",
    user_id: member.id,
    display_name: member.displayName,
    username: member.username,
    from_tenant: self,
    from_tenant_name: selfName,
    from_org_id: member.branchId,
    from_org_name: member.branchName,
    to_tenant: dest.id,
    to_tenant_name: dest.name,
    to_org_id: toOrg.id,
    to_org_name: toOrg.name,
    note: to.note ?? null,
    refusal: null,
    sent_by: actorId,
    sent_at: now,
    answered_by: null,
    answered_at: null,
    done_at: null,
  };
  await d1.batch([
    insertRow(d1, row),
    auditWhile(
      d1,
      row,
      { actorId, action: "member_transfer_sent", userId: member.id, orgId: member.branchId, detail: destOf(row) },
      now,
    ),
  ]);
  return deliverTransfer(env, d1, row);
}

const destOf = (t: TransferRow) => ({ tenant: t.to_tenant, org: t.to_org_name });

/** The letter into the destination, then the source marks it delivered. Re-run while `sent`. */
export async function deliverTransfer(env: Env, d1: D1Database, out: TransferRow) {
  if (out.state !== "sent") return out;
  const dest = await otherTenant(env, out.to_tenant);
  await dest.db.batch([insertRow(dest.db, { ...out, side: "in", state: "pending" })]);
  await d1.batch([setState(d1, out.id, "sent", "delivered")]);
  return { ...out, state: "delivered" };
}

export async function transferOn(d1: D1Database, id: string) {
  return d1.prepare("SELECT * FROM member_transfers WHERE id = ?").bind(id).first<TransferRow>();
}

/**
 * The receipt: copies the record, lands the account and its membership in the destination branch,
 * then closes the source (membership ended, sign-in removed). Re-run from `accepted` or `copied` after
 * a failure, it does only what is left; the same id landing twice is one row.
 */
export async function acceptTransfer(env: Env, d1: D1Database, actorId: string, letter: TransferRow) {
  const source = (await otherTenant(env, letter.from_tenant)).db;
  const now = Date.now();
  let state = letter.state;
  if (state === "pending") {
    await d1.batch([
      setState(d1, letter.id, "pending", "accepted", ", answered_by = ?, answered_at = ?", actorId, now),
    ]);
    state = "accepted";
  }
  if (state === "accepted") {
    await copyRecord(source, d1, letter, actorId, now);
    state = "copied";
  }
  if (state === "copied") {
    await closeSource(source, letter, actorId, now);
    await d1.batch([setState(d1, letter.id, "copied", "done", ", done_at = ?", now)]);
    state = "done";
  }
  if (state !== "done") throw conflict("this transfer cannot be accepted", { state });
}

const BATCH = 50;

async function copyRecord(source: D1Database, d1: D1Database, t: TransferRow, actorId: string, now: number) {
  const plan = await travelPlan(source);
  const [rows, account] = await Promise.all([
    readRecord(source, plan, t.user_id),
    source.prepare("SELECT * FROM users WHERE id = ?").bind(t.user_id).first<Record<string, unknown>>(),
  ]);
  if (!account) throw notFound("user");
  const kept = keptStatements(d1, plan, t.id, rows);
  for (let i = 0; i < kept.length; i += BATCH) await d1.batch(kept.slice(i, i + BATCH));
  const taken = await d1
    .prepare("SELECT 1 AS n FROM users WHERE username = ? AND id <> ?")
    .bind(account.username, t.user_id)
    .first();
  if (taken)
    throw conflict("the destination has another person with this username", [{ path: "username", code: "taken" }]);
  // The account as it was, password hash, salt and iterations included: the member signs in here with
  // the same username and password. The rows that need it (study_years) land after it, all in one batch.
  const names = Object.keys(account);
  const accountUpsert = d1
    .prepare(
      `INSERT INTO users (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})
       ON CONFLICT (id) DO UPDATE SET ${names
         .filter((n) => n !== "id")
         .map((n) => `${n} = excluded.${n}`)
         .join(", ")}`,
    )
    .bind(...names.map((n) => account[n] ?? null));
  const inState = { id: t.id, state: "accepted" };
  await d1.batch([
    accountUpsert,
    ...liveStatements(d1, plan, rows, t.to_org_id),
    d1
      .prepare(
        "INSERT OR IGNORE INTO memberships (id, user_id, org_id, role, started_at) VALUES (?, ?, ?, 'member', ?)",
      )
      .bind(`${t.id}m`, t.user_id, t.to_org_id, now),
    d1
      .prepare(
        `INSERT OR IGNORE INTO archive_events (id, member_id, org_id, kind, summary, occurred_at, recorded_by, created_at)
         VALUES (?, ?, ?, 'transferred', ?, ?, ?, ?)`,
      )
      .bind(
        `${t.id}a`,
        t.user_id,
        t.to_org_id,
        JSON.stringify({ from: `${t.from_tenant_name} ${t.from_org_name}`, to: t.to_org_name }),
        now,
        actorId,
        now,
      ),
    auditWhile(
      d1,
      inState,
      {
        actorId,
        action: "member_transfer_received",
        userId: t.user_id,
        orgId: t.to_org_id,
        detail: { tenant: t.from_tenant, org: t.from_org_name, rows: Object.values(rows).flat().length },
      },
      now,
    ),
    setState(d1, t.id, "accepted", "copied"),
  ]);
}

/** The source keeps the person (others' records name them) with no membership and no way to sign in. */
async function closeSource(source: D1Database, t: TransferRow, actorId: string, now: number) {
  const open = { id: t.id, state: "delivered" };
  const statements: D1PreparedStatement[] = [
    auditWhile(
      source,
      open,
      { actorId, action: "member_transfer_done", userId: t.user_id, orgId: t.from_org_id, detail: destOf(t) },
      now,
    ),
    source.prepare("UPDATE memberships SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL").bind(now, t.user_id),
    source
      .prepare(
        `UPDATE users SET active = 0, password_hash = NULL, password_salt = NULL, password_iterations = NULL,
         updated_at = ? WHERE id = ?`,
      )
      .bind(now, t.user_id),
    source.prepare("DELETE FROM sessions WHERE user_id = ?").bind(t.user_id),
    setState(source, t.id, "delivered", "done", ", answered_by = ?, answered_at = ?, done_at = ?", actorId, now, now),
  ];
  await source.batch(statements);
}

/** The destination refuses the letter, saying why; the source's letter says so and the member stays. */
export async function refuseTransfer(env: Env, d1: D1Database, actorId: string, letter: TransferRow, reason: string) {
  if (letter.state !== "pending" && letter.state !== "refused") throw conflict("this transfer is already accepted");
  const source = (await otherTenant(env, letter.from_tenant)).db;
  const now = Date.now();
  const answer = ", refusal = ?, answered_by = ?, answered_at = ?";
  await d1.batch([
    auditWhile(
      d1,
      letter,
      {
        actorId,
        action: "member_transfer_refused",
        userId: letter.user_id,
        orgId: letter.to_org_id,
        detail: { reason },
      },
      now,
    ),
    setState(d1, letter.id, "pending", "refused", answer, reason, actorId, now),
  ]);
  await source.batch([
    auditWhile(
      source,
      { id: letter.id, state: "delivered" },
      {
        actorId,
        action: "member_transfer_refused",
        userId: letter.user_id,
        orgId: letter.from_org_id,
        detail: { reason },
      },
      now,
    ),
    setState(source, letter.id, "delivered", "refused", answer, reason, actorId, now),
  ]);
}

/** This tenant's letters for an org's subtree: those sent from its branches and those addressed to them. */
export async function transfersOf(d1: D1Database, orgPath: string, limit: number, offset: number) {
  const { results } = await d1
    .prepare(
      `SELECT t.* FROM member_transfers t JOIN orgs o ON o.id = t.from_org_id
         WHERE t.side = 'out' AND o.path >= ?1 AND o.path < ?2
       UNION ALL
       SELECT t.* FROM member_transfers t JOIN orgs o ON o.id = t.to_org_id
         WHERE t.side = 'in' AND o.path >= ?1 AND o.path < ?2
       ORDER BY sent_at DESC, id LIMIT ?3 OFFSET ?4`,
    )
    .bind(orgPath, subtreeEnd(orgPath), limit + 1, offset)
    .all<TransferRow>();
  return results;
}
