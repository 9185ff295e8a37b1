import type { D1Database } from "@cloudflare/workers-types";
import { and, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { type NotificationKind, notifications } from "../../schema/common/notifications";
import { memberships } from "../../schema/orgs/tables";
import type { Role } from "../../schema/orgs/values";
import { dayIn } from "./day";
import { chunkedInserts, type Db } from "./db";
import { newId } from "./ids";

// The one notification service: every feature writes its notices through these, in its own batch, so a
// notice lands with the change that causes it or not at all. (user_id, key) is unique: a key lands once.

export interface Notice {
  userId: string;
  /** Unique per user: the same key again sends nothing. */
  key: string;
  kind: NotificationKind;
  params: Record<string, unknown>;
  /** The web route of the thing the notice is about. */
  link: string;
  dueAt?: number | null;
}

/** The statements that write these notices, each once per (user, key), for the caller's db.batch. */
export function notifyStatements(db: Db, notices: readonly Notice[], now: number) {
  const rows = notices.map((n) => ({ id: newId(), ...n, dueAt: n.dueAt ?? null, createdAt: now }));
  return chunkedInserts(db, notifications, rows).map((q) => q.onConflictDoNothing());
}

/**
 * The statement that notifies everyone holding `role` on one of `orgIds` (ancestors' ids for "the
 * committees above"), except `except` (nobody is asked to decide their own case), once per key.
 */
export function notifyRoleHolders(
  db: Db,
  to: { orgIds: string[]; role: Role; except: string[] },
  notice: Omit<Notice, "userId">,
  now: number,
) {
  return db
    .insert(notifications)
    .select(
      db
        .select({
          id: sql<string>`lower(hex(randomblob(15)))`.as("id"),
          userId: memberships.userId,
          key: sql<string>`${notice.key}`.as("key"),
          kind: sql<string>`${notice.kind}`.as("kind"),
          params: sql<string>`${JSON.stringify(notice.params)}`.as("params"),
          link: sql<string>`${notice.link}`.as("link"),
          dueAt: sql<number | null>`${notice.dueAt ?? null}`.as("due_at"),
          createdAt: sql<number>`${now}`.as("created_at"),
          readAt: sql<null>`NULL`.as("read_at"),
        })
        .from(memberships)
        .where(
          and(
            inArray(memberships.orgId, to.orgIds),
            sql`${memberships.role} = ${to.role}`,
            isNull(memberships.endedAt),
            to.except.length ? notInArray(memberships.userId, to.except) : undefined,
          ),
        ),
    )
    .onConflictDoNothing();
}

/**
 * For a cron's set-based notices: inserts the rows `select` yields, its columns in this order — user_id,
 * key, kind, params (JSON text), link, due_at, created_at — each once per (user, key).
 */
export function notifyFromSelect(d1: D1Database, select: string, ...binds: unknown[]) {
  return d1
    .prepare(
      `INSERT INTO notifications (id, user_id, key, kind, params, link, due_at, created_at)
       SELECT lower(hex(randomblob(15))), n.* FROM (${select}) n WHERE true
       ON CONFLICT (user_id, key) DO NOTHING`,
    )
    .bind(...binds);
}

/** A key that lands once per calendar day in the org's zone: a reminder pressed twice that day sends once. */
export const dailyKey = (key: string, now: number, timeZone: string) => `${key}:${dayIn(now, timeZone)}`;
