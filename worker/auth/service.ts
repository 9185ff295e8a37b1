import { eq } from "drizzle-orm";
import { sessions, users } from "../../schema";
import type { LOCALES } from "../../schema/auth/validation";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError } from "../lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { newSession } from "./session";
import { clearAfterSuccess, clearUserLock, countAttempt, deleteStaleCounters, lockout } from "./throttle";

const badCredentials = () => new ApiError(401, "bad_credentials", "wrong username or password");

/**
 * Counts the attempt first (one round trip with the user look-up), refuses a locked username or address
 * before PBKDF2 runs, then checks the password; a wrong user and a wrong password cost the same PBKDF2.
 */
export async function login(db: Db, username: string, password: string, address: string | null, now: number) {
  const [counters, , [user]] = await db.batch([
    countAttempt(db, username, address, now),
    deleteStaleCounters(db, now),
    db.select().from(users).where(eq(users.username, username)).limit(1),
  ]);
  const locked = lockout(counters, now);
  if (locked) throw locked;
  const ok = await verifyPassword(password, user ?? null);
  if (!ok || !user?.active) throw badCredentials();
  const session = newSession(db, user.id, now);
  await db.batch([
    session.insert,
    ...clearAfterSuccess(db, username, address),
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

/**
 * A secretary or administrator sets a new password: every session of that user ends and a login lock on the
 * username is lifted, so a member locked out by someone guessing can get in again. Audited on the user's branch.
 */
export async function resetPassword(
  db: Db,
  actorId: string,
  user: { id: string; username: string; orgId: string | null },
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
    clearUserLock(db, user.username),
    auditInsert(db, { actorId, action: "password_reset", entity: "user", entityId: userId, orgId: user.orgId }, now),
  ]);
}

/** The member's interface language and large-text mode, remembered on the account. */
export async function updateSettings(
  db: Db,
  userId: string,
  settings: { locale?: (typeof LOCALES)[number]; elder?: boolean },
  now: number,
) {
  await db
    .update(users)
    .set({ ...settings, updatedAt: now })
    .where(eq(users.id, userId));
}
