import { and, count, eq, gte } from "drizzle-orm";
import { loginFailures, sessions, users } from "../../schema";
import type { LOCALES } from "../../schema/auth/validation";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";
import { hashPassword, verifyPassword } from "./password";
import { newSession } from "./session";

export const THROTTLE_WINDOW = 15 * 60_000;
export const THROTTLE_MAX_FAILURES = 5;

const badCredentials = () => new ApiError(401, "bad_credentials", "wrong username or password");

/** Checks the throttle, then the password; a wrong user and a wrong password cost the same PBKDF2. */
export async function login(db: Db, username: string, password: string, now: number) {
  const since = now - THROTTLE_WINDOW;
  const [[throttle], [user]] = await db.batch([
    db
      .select({ failures: count(), oldest: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.username, username), gte(loginFailures.at, since)))
      .orderBy(loginFailures.at)
      .limit(1),
    db.select().from(users).where(eq(users.username, username)).limit(1),
  ]);
  if (throttle && throttle.failures >= THROTTLE_MAX_FAILURES) {
    const retryAfter = Math.max(1, Math.ceil(((throttle.oldest ?? now) + THROTTLE_WINDOW - now) / 1000));
    throw new ApiError(
      429,
      "throttled",
      "too many failed logins; try again later",
      { retryAfter },
      {
        "Retry-After": String(retryAfter),
      },
    );
  }
  const ok = await verifyPassword(password, user ?? null);
  if (!ok || !user?.active) {
    await db.insert(loginFailures).values({ id: newId(), username, at: now });
    throw badCredentials();
  }
  const session = newSession(db, user.id, now);
  await db.batch([
    session.insert,
    db.delete(loginFailures).where(eq(loginFailures.username, username)),
    auditInsert(db, { actorId: user.id, action: "login", entity: "session", entityId: user.id }, now),
  ]);
  return { user, token: session.token, expiresAt: session.expiresAt };
}

export async function logout(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Changing one's password ends every other session of the user and rotates the current one. */
export async function changePassword(
  db: Db,
  who: { id: string; sessionId: string },
  orgId: string | null,
  current: string,
  next: string,
  now: number,
) {
  const userId = who.id;
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !(await verifyPassword(current, user))) {
    throw new ApiError(422, "bad_current_password", "current password is wrong", [
      { path: "currentPassword", code: "bad_current_password" },
    ]);
  }
  const record = await hashPassword(next);
  const session = newSession(db, userId, now);
  await db.batch([
    db
      .update(users)
      .set({ ...record, updatedAt: now })
      .where(eq(users.id, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    session.insert,
    auditInsert(
      db,
      {
        actorId: userId,
        action: "password_changed",
        entity: "user",
        entityId: userId,
        orgId,
        detail: { sessionId: who.sessionId },
      },
      now,
    ),
  ]);
  return session;
}

/** An administrator sets a new password; every session of that user ends. Audited on the user's branch. */
export async function resetPassword(
  db: Db,
  actorId: string,
  user: { id: string; orgId: string | null },
  next: string,
  now: number,
) {
  const userId = user.id;
  const record = await hashPassword(next);
  await db.batch([
    db
      .update(users)
      .set({ ...record, updatedAt: now })
      .where(eq(users.id, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    auditInsert(db, { actorId, action: "password_reset", entity: "user", entityId: userId, orgId: user.orgId }, now),
  ]);
}

/** The member's chosen interface language, remembered on the account. */
export async function setLocale(db: Db, userId: string, locale: (typeof LOCALES)[number], now: number) {
  await db.update(users).set({ locale, updatedAt: now }).where(eq(users.id, userId));
}
