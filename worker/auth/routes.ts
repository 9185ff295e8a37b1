import { changePasswordBody, loginBody, updateMeBody } from "../../schema/auth/validation";
import { createAuthedRouter, createRouter } from "../lib/router";
import { v } from "../lib/validate";
import { changePassword, login, logout, updateSettings } from "./service";
import { clearSessionCookie, type SessionUser, writeSessionCookie } from "./session";
import { forget } from "./speculation";

function publicUser(u: SessionUser) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    locale: u.locale,
    elder: u.elder,
    memberships: u.memberships.map(({ orgId, orgName, orgKind, role }) => ({ orgId, orgName, orgKind, role })),
  };
}

export const authRoutes = createRouter()
  .post("/login", v("json", loginBody), async (c) => {
    const { username, password } = c.req.valid("json");
    const db = c.var.db;
    const previous = c.get("user");
    // Cloudflare sets this header on every request it forwards; without it (tests) only usernames are counted.
    const address = c.req.header("CF-Connecting-IP")?.slice(0, 64) ?? null;
    const result = await login(db, username, password, address, Date.now());
    // Rotate: a login replaces whatever session this browser had.
    if (previous) await logout(db, previous.sessionId);
    writeSessionCookie(c, result.token, result.expiresAt);
    return c.json({ ok: true as const, userId: result.user.id });
  })
  .post("/logout", async (c) => {
    const user = c.get("user");
    if (user) {
      await logout(c.var.db, user.sessionId);
      forget(new URL(c.req.url).hostname, user.sessionId);
    }
    clearSessionCookie(c);
    return c.json({ ok: true as const });
  });

export const meRoutes = createAuthedRouter()
  .get("/", (c) => c.json(publicUser(c.var.user)))
  .patch("/", v("json", updateMeBody), async (c) => {
    const user = c.var.user;
    const settings = c.req.valid("json");
    await updateSettings(c.var.db, user.id, settings, Date.now());
    return c.json({ ok: true as const, ...settings });
  })
  .post("/password", v("json", changePasswordBody), async (c) => {
    const user = c.var.user;
    const { currentPassword, newPassword } = c.req.valid("json");
    // Audited on the member's branch (or the first org they hold a role in), where admins read the log.
    const orgId = (user.memberships.find((m) => m.role === "member") ?? user.memberships[0])?.orgId ?? null;
    const session = await changePassword(c.var.db, user, orgId, currentPassword, newPassword, Date.now());
    writeSessionCookie(c, session.token, session.expiresAt);
    return c.json({ ok: true as const });
  });
