import { and, eq, gt, sql } from "drizzle-orm";
import { loginThrottle } from "../../schema";
import type { Db } from "../lib/db";
import { ApiError } from "../lib/errors";

const THROTTLE_WINDOW = 15 * 60_000;
/** Attempts per window: for one username from anywhere, and for one client address across usernames. */
const THROTTLE_LIMITS = { user: 5, address: 20 } as const;
// Each login removes at most this many expired counters, so the table stays small at a bounded cost.
const STALE_PER_LOGIN = 20;

type Scope = keyof typeof THROTTLE_LIMITS;
type Counter = { scope: Scope; attempts: number; windowStart: number };

/**
 * Counts this attempt for its username and its address in one statement, before any password is checked:
 * D1 runs statements one at a time, so each concurrent guess sees its own count and the 6th is refused.
 * A counter whose window has ended starts again at 1.
 */
export function countAttempt(db: Db, username: string, address: string | null, now: number) {
  const rows: (typeof loginThrottle.$inferInsert)[] = [{ scope: "user", key: username, attempts: 1, windowStart: now }];
  if (address) rows.push({ scope: "address", key: address, attempts: 1, windowStart: now });
  const ended = sql`${loginThrottle.windowStart} <= ${now - THROTTLE_WINDOW}`;
  return db
    .insert(loginThrottle)
    .values(rows)
    .onConflictDoUpdate({
      target: [loginThrottle.scope, loginThrottle.key],
      set: {
        attempts: sql`CASE WHEN ${ended} THEN 1 ELSE ${loginThrottle.attempts} + 1 END`,
        windowStart: sql`CASE WHEN ${ended} THEN excluded.window_start ELSE ${loginThrottle.windowStart} END`,
      },
    })
    .returning({
      scope: loginThrottle.scope,
      attempts: loginThrottle.attempts,
      windowStart: loginThrottle.windowStart,
    });
}

export function deleteStaleCounters(db: Db, now: number) {
  return db
    .delete(loginThrottle)
    .where(
      sql`rowid IN (SELECT rowid FROM login_throttle WHERE window_start <= ${now - THROTTLE_WINDOW} LIMIT ${STALE_PER_LOGIN})`,
    );
}

/**
 * The refusal when a counter is over its limit. It names the scope and the end of the lock, so the login page
 * can tell the member their account is locked until then (and that a secretary's reset lifts it).
 */
export function lockout(counters: Counter[], now: number): ApiError | null {
  const over = counters
    .filter((c) => c.attempts > THROTTLE_LIMITS[c.scope])
    .map((c) => ({ scope: c.scope, lockedUntil: c.windowStart + THROTTLE_WINDOW }))
    .sort((a, b) => b.lockedUntil - a.lockedUntil);
  const worst = over[0];
  if (!worst) return null;
  const retryAfter = Math.max(1, Math.ceil((worst.lockedUntil - now) / 1000));
  const [code, message] =
    worst.scope === "user"
      ? (["account_locked", "this account is locked after too many failed logins"] as const)
      : (["address_locked", "too many failed logins from this network"] as const);
  return new ApiError(429, code, message, { ...worst, retryAfter }, { "Retry-After": String(retryAfter) });
}

/** After a success: the username starts afresh, and the address gets back the attempt it was charged. */
export function clearAfterSuccess(db: Db, username: string, address: string | null) {
  const forUser = clearUserLock(db, username);
  if (!address) return [forUser] as const;
  const refund = db
    .update(loginThrottle)
    .set({ attempts: sql`${loginThrottle.attempts} - 1` })
    .where(and(eq(loginThrottle.scope, "address"), eq(loginThrottle.key, address), gt(loginThrottle.attempts, 0)));
  return [forUser, refund] as const;
}

export function clearUserLock(db: Db, username: string) {
  return db.delete(loginThrottle).where(and(eq(loginThrottle.scope, "user"), eq(loginThrottle.key, username)));
}
