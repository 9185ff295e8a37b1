import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { users } from "../../schema";
import { changePasswordBody, loginBody, updateMeBody } from "../../schema/auth/validation";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { v } from "../lib/validate";
import { requireUser } from "./authorize";
import { changePassword, login, logout } from "./service";
import { clearSessionCookie, writeSessionCookie } from "./session";

function publicUser(u: ReturnType<typeof requireUser>) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    locale: u.locale,
    memberships: u.memberships.map(({ orgId, orgName, orgKind, role }) => ({ orgId, orgName, orgKind, role })),
  };
}

export const authRoutes = new Hono<AppEnv>()
  .post("/auth/login", v("json", loginBody), async (c) => {
    const { username, password } = c.req.valid("json");
    const db = getDb(c.env.DB);
    const previous = c.get("user");
    // Cloudflare sets this header on every request it forwards; without it (tests) only usernames are counted.
    const address = c.req.header("CF-Connecting-IP")?.slice(0, 64) ?? null;
    const result = await login(db, username, password, address, Date.now());
    // Rotate: a login replaces whatever session this browser had.
    if (previous) await logout(db, previous.sessionId);
    writeSessionCookie(c, result.token, result.expiresAt);
    return c.json({ ok: true as const, userId: result.user.id });
  })
  .post("/auth/logout", async (c) => {
    const user = c.get("user");
    if (user) await logout(getDb(c.env.DB), user.sessionId);
    clearSessionCookie(c);
    return c.json({ ok: true as const });
  })
  .get("/me", (c) => c.json(publicUser(requireUser(c))))
  .patch("/me", v("json", updateMeBody), async (c) => {
    const user = requireUser(c);
    const { locale } = c.req.valid("json");
    await getDb(c.env.DB).update(users).set({ locale, updatedAt: Date.now() }).where(eq(users.id, user.id));
    return c.json({ ok: true as const, locale });
  })
  .post("/me/password", v("json", changePasswordBody), async (c) => {
    const user = requireUser(c);
    const { currentPassword, newPassword } = c.req.valid("json");
    // Audited on the member's branch (or the first org they hold a role in), where admins read the log.
    const orgId = (user.memberships.find((m) => m.role === "member") ?? user.memberships[0])?.orgId ?? null;
    const session = await changePassword(getDb(c.env.DB), user, orgId, currentPassword, newPassword, Date.now());
    writeSessionCookie(c, session.token, session.expiresAt);
    return c.json({ ok: true as const });
  });
