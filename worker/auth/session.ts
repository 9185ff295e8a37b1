import type { D1Database } from "@cloudflare/workers-types";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { sessions } from "../../schema";
import type { OrgKind, Role } from "../../schema/orgs/values";
import type { Db } from "../lib/db";
import { newId } from "../lib/ids";

// Follows lucia-auth.com: token = id.secret, only SHA-256(secret) stored, sliding expiry.
const SESSION_COOKIE = "session";
const DAY = 86_400_000;
const SESSION_TTL = 30 * DAY;
const RENEW_WHEN_LEFT = 15 * DAY;

export interface SessionMembership {
  orgId: string;
  orgPath: string;
  orgName: string;
  orgKind: OrgKind;
  role: Role;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  locale: "zh-CN" | "zh-TW" | "en";
  elder: boolean;
  sessionId: string;
  memberships: SessionMembership[];
}

const hashSecret = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

function randomSecret() {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/** The insert for a new session and the token to put in the cookie. */
export function newSession(db: Db, userId: string, now: number) {
  const id = newId();
  const secret = randomSecret();
  const insert = db
    .insert(sessions)
    .values({ id, userId, secretHash: hashSecret(secret), createdAt: now, expiresAt: now + SESSION_TTL });
  return { token: `${id}.${secret}`, expiresAt: now + SESSION_TTL, insert };
}

interface SessionRow {
  session_id: string;
  secret_hash: string;
  expires_at: number;
  user_id: string;
  username: string;
  display_name: string;
  locale: SessionUser["locale"];
  elder: number;
  session_built: string;
  org_id: string | null;
  org_path: string | null;
  org_name: string | null;
  org_kind: OrgKind | null;
  role: Role | null;
}

/** The one query behind a session: the session, its user and the user's active memberships with their org paths. */
function sessionStatement(d1: D1Database, sessionId: string) {
  return d1
    .prepare(
      `SELECT s.id AS session_id, s.secret_hash, s.expires_at, u.id AS user_id, u.username, u.display_name, u.locale, u.elder,
              u.session_built, o.id AS org_id, o.path AS org_path, o.name AS org_name, o.kind AS org_kind, m.role
         FROM sessions s
         JOIN users u ON u.id = s.user_id AND u.active = 1
         LEFT JOIN memberships m ON m.user_id = u.id AND m.ended_at IS NULL
         LEFT JOIN orgs o ON o.id = m.org_id AND o.archived_at IS NULL
        WHERE s.id = ?`,
    )
    .bind(sessionId);
}

/**
 * The check of a session this isolate remembers: its secret's hash, its expiry and its user's build (renewed by
 * triggers whenever anything the full statement above reads of the user changes). Two lookups by key.
 */
export function sessionCheckStatement(d1: D1Database, sessionId: string) {
  return d1
    .prepare(
      `SELECT s.secret_hash, s.expires_at, u.session_built FROM sessions s
         JOIN users u ON u.id = s.user_id AND u.active = 1
        WHERE s.id = ?`,
    )
    .bind(sessionId);
}

export type SessionCheckRow = Pick<SessionRow, "secret_hash" | "expires_at" | "session_built">;

/** The token's two halves, or null when it is not shaped like one. */
export function splitToken(token: string) {
  const [id, secret] = token.split(".");
  return id && secret ? { id, secret } : null;
}

/**
 * What the session query's rows say of a token's secret, given as its hash (hashed once per request): the
 * user and the expiry, "expired", or null (no such session, or the secret does not match).
 */
function judgeSession(rows: SessionRow[], secretHash: string, now: number) {
  const first = rows[0];
  if (!first) return null;
  const matches = constantTimeEqual(new TextEncoder().encode(secretHash), new TextEncoder().encode(first.secret_hash));
  if (!matches) return null;
  if (first.expires_at <= now) return "expired" as const;
  const memberships: SessionMembership[] = [];
  for (const r of rows) {
    if (r.org_id && r.org_path && r.org_name && r.org_kind && r.role) {
      memberships.push({
        orgId: r.org_id,
        orgPath: r.org_path,
        orgName: r.org_name,
        orgKind: r.org_kind,
        role: r.role,
      });
    }
  }
  const user: SessionUser = {
    id: first.user_id,
    username: first.username,
    displayName: first.display_name,
    locale: first.locale,
    elder: first.elder === 1,
    sessionId: first.session_id,
    memberships,
  };
  return { user, expiresAt: first.expires_at, secretHash: first.secret_hash, built: first.session_built };
}

/** Sessions are renewed (a write) once less than this is left: then a read is not answered from a guess. */
export const renewDue = (expiresAt: number, now: number) => expiresAt - now < RENEW_WHEN_LEFT;

/** Validates a token on its own: one query (plus a write when the session expired or is renewed). */
export async function validateSessionToken(
  db: Db,
  d1: D1Database,
  token: string,
  now: number,
): Promise<{ user: SessionUser; expiresAt: number; secretHash: string; built: string; renewed: boolean } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const { results } = await sessionStatement(d1, parts.id).all<SessionRow>();
  const found = judgeSession(results, hashSecret(parts.secret), now);
  if (!found) return null;
  if (found === "expired") {
    await db.delete(sessions).where(eq(sessions.id, parts.id));
    return null;
  }
  const renewed = renewDue(found.expiresAt, now);
  if (!renewed) return { ...found, renewed };
  const expiresAt = now + SESSION_TTL;
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, parts.id));
  return { ...found, expiresAt, renewed };
}

export function readSessionCookie(c: Context) {
  return getCookie(c, SESSION_COOKIE) ?? null;
}

export function writeSessionCookie(c: Context, token: string, expiresAt: number) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
}
