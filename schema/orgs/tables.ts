import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/tables";
import { ORG_KINDS, ORG_TYPES, ROLES } from "./values";

export const orgs = sqliteTable(
  "orgs",
  {
    id: text("id").primaryKey(),
    parentId: text("parent_id"),
    // Materialized path "/rootId/…/id/": a subtree is one indexed range scan.
    path: text("path").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ORG_KINDS }).notNull(),
    orgType: text("org_type", { enum: ORG_TYPES }).notNull(),
    // The zone in force here: the org's own when ownTimeZone, else its parent's (kept in step on change).
    timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
    ownTimeZone: integer("own_time_zone", { mode: "boolean" }).notNull().default(false),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("orgs_path_idx").on(t.path),
    index("orgs_parent_idx").on(t.parentId),
    // Counts the live branches of a subtree from the index alone (the bastion overview).
    index("orgs_kind_path_idx").on(t.kind, t.archivedAt, t.path),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    role: text("role", { enum: ROLES }).notNull(),
    startedAt: integer("started_at").notNull(),
    // Ended memberships stay as history (transfers, role changes).
    endedAt: integer("ended_at"),
  },
  (t) => [
    index("memberships_user_idx").on(t.userId, t.endedAt),
    // Covers the roster join (org → members) without touching the table rows.
    index("memberships_org_role_idx").on(t.orgId, t.role, t.endedAt, t.userId, t.startedAt),
    uniqueIndex("memberships_active_unique").on(t.userId, t.orgId, t.role).where(sql`ended_at IS NULL`),
  ],
);

/**
 * Each org's current members (role member, not ended), directly and in its whole subtree, as people: a
 * person in two branches of a committee is one of its subtree members (one row of org_people). Kept by the
 * triggers of their migration on every write to memberships and every change of an org's path, so a
 * total is one row and the roster can tell a huge subtree from a small one before it reads.
 */
export const orgMemberCounts = sqliteTable("org_member_counts", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => orgs.id),
  members: integer("members").notNull().default(0),
  subtreeMembers: integer("subtree_members").notNull().default(0),
});

/**
 * Who is in each org's subtree: one row per org and person with a current membership (role member, not
 * ended) at the org or below it, with how many such memberships they hold there. Kept by the triggers of
 * its migration (memberships, org moves); a row coming or going is a person joining or leaving that
 * subtree, which its own triggers add to (or take from) the org's subtree count and its kept study months.
 */
export const orgPeople = sqliteTable(
  "org_people",
  {
    orgId: text("org_id").notNull(),
    userId: text("user_id").notNull(),
    memberships: integer("memberships").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("org_people_user_idx").on(t.userId)],
);
