import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { TRANSFER_SIDES, TRANSFER_STATES } from "./values";

/**
 * A member's transfer to a branch of another tenant (组织关系转接): one row on each side with the same id.
 * Out (the source): sent → delivered (the letter is in the destination) → done (membership ended there),
 * or refused. In (the destination): pending → accepted (the copy runs) → copied (record and account
 * landed) → done (the source closed), or refused. Every step checks the state it starts from, so a
 * retry after a failure half way does only what is left. The out row is the source's stub saying where
 * the member went.
 */
export const memberTransfers = sqliteTable(
  "member_transfers",
  {
    id: text("id").primaryKey(),
    side: text("side", { enum: TRANSFER_SIDES }).notNull(),
    state: text("state", { enum: TRANSFER_STATES }).notNull(),
    /** The member: the same id in both tenants. */
    userId: text("user_id").notNull(),
    displayName: text("display_name").notNull(),
    username: text("username").notNull(),
    fromTenant: text("from_tenant").notNull(),
    fromTenantName: text("from_tenant_name").notNull(),
    fromOrgId: text("from_org_id").notNull(),
    fromOrgName: text("from_org_name").notNull(),
    toTenant: text("to_tenant").notNull(),
    toTenantName: text("to_tenant_name").notNull(),
    toOrgId: text("to_org_id").notNull(),
    toOrgName: text("to_org_name").notNull(),
    note: text("note"),
    refusal: text("refusal"),
    sentBy: text("sent_by").notNull(),
    sentAt: integer("sent_at").notNull(),
    answeredBy: text("answered_by"),
    answeredAt: integer("answered_at"),
    doneAt: integer("done_at"),
  },
  (t) => [
    // This side's branch (from_org_id out, to_org_id in) lists its letters; the member's open transfer.
    index("member_transfers_from_idx").on(t.fromOrgId, t.sentAt),
    index("member_transfers_to_idx").on(t.toOrgId, t.sentAt),
    index("member_transfers_user_idx").on(t.userId, t.state),
  ],
);

/**
 * The member's record as it left the source, in the destination: every row of every table that travels
 * (worker/roster/travel.ts), keyed by table and primary key, so copying twice writes each row once.
 */
export const transferRows = sqliteTable(
  "transfer_rows",
  {
    transferId: text("transfer_id").notNull(),
    tbl: text("tbl").notNull(),
    key: text("key").notNull(),
    row: text("row", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.transferId, t.tbl, t.key] })],
);

/**
 * Roster pages kept as served (worker/roster/page.ts through worker/lib/kept.ts), key: the org, the page's
 * cursor and filters. Derived: a row answers only while its stamp is still the org subtree's roster
 * generation and the tenant's roster epoch in kept_roster_generations.
 */
export const keptRosterPages = sqliteTable("kept_roster_pages", {
  key: text("key").primaryKey(),
  stamp: text("stamp").notNull(),
  validUntil: integer("valid_until").notNull(),
  body: text("body").notNull(),
  /** A random id of the build that wrote the row: what an isolate holding its body asks after (worker/lib/kept.ts). */
  built: text("built").notNull().default(""),
});

/**
 * How often what a roster shows (memberships and roles, people's names and status, development stages,
 * org names) changed under an org (key: the org's id, bumped along its ancestors) and the tenant's org
 * paths (key '*'): bumped by the triggers of the kept-pages migration's hand-written tail, never by study.
 */
export const keptRosterGenerations = sqliteTable("kept_roster_generations", {
  key: text("key").primaryKey(),
  generation: integer("generation").notNull(),
});

/**
 * Where the cron's sweep of each kept-pages table stopped (worker/lib/kept.ts pruneKept): it looks at
 * the next keys after `after`, up to `upto`, and deletes the stale ones among them.
 */
export const keptSweeps = sqliteTable("kept_sweeps", {
  tbl: text("tbl").primaryKey(),
  after: text("after").notNull(),
  upto: text("upto").notNull(),
});
