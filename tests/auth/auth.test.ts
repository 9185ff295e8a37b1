import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../schema";
import { as, Client, db, makeTree, makeUser, ORIGIN, PASSWORD } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

describe("login, me, logout", () => {
  it("logs in, sets a hardened cookie, shows memberships, logs out", async () => {
    const c = new Client();
    const r = await c.post("/api/auth/login", { username: tree.secA.username, password: PASSWORD });
    expect(r.status).toBe(200);
    const cookie = r.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await c.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(tree.secA.username);
    expect(me.body.memberships.map((m: { role: string }) => m.role).sort()).toEqual(["member", "secretary"]);
    expect(JSON.stringify(me.body)).not.toMatch(/password|secretHash|orgPath/i);
    const token = c.cookie;
    expect((await c.post("/api/auth/logout")).status).toBe(200);
    const replay = new Client();
    replay.cookie = token;
    expect((await replay.get("/api/me")).status).toBe(401);
  });

  it("answers 401 with one generic message for a wrong user or a wrong password", async () => {
    const wrongUser = await new Client().post("/api/auth/login", { username: "nobody-here", password: "x" });
    const wrongPass = await new Client().post("/api/auth/login", { username: tree.memA.username, password: "nope" });
    expect(wrongUser.status).toBe(401);
    expect(wrongPass.status).toBe(401);
    expect(wrongUser.body).toEqual(wrongPass.body);
  });

  it("refuses bad bodies with 400 and field details", async () => {
    const r = await new Client().post("/api/auth/login", { username: "" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_input");
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain("password");
    const bad = await new Client().request("POST", "/api/auth/login", "{not json", {
      "Content-Type": "application/json",
    });
    expect(bad.status).toBe(400);
  });

  it("401 without a session, JSON 404 for unknown API routes, health without a session", async () => {
    expect((await new Client().get("/api/me")).status).toBe(401);
    const unknown = await new Client().get("/api/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect((await new Client().get("/api/health")).body).toEqual({ ok: true });
  });
});

describe("CSRF", () => {
  it("refuses a state-changing request from a foreign origin", async () => {
    const c = await as(tree.admin);
    const r = await c.request(
      "POST",
      "/api/orgs",
      { parentId: tree.committee.id, name: "x", kind: "branch", orgType: "unit" },
      {
        Origin: "https://evil.example",
        "Content-Type": "application/json",
      },
    );
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("csrf");
    const site = await c.request("POST", "/api/auth/logout", undefined, { "Sec-Fetch-Site": "cross-site" });
    expect(site.status).toBe(403);
    expect((await c.get("/api/me")).status).toBe(200);
    expect(ORIGIN).toBe("https://app.test");
  });
});

describe("session expiry and rotation", () => {
  it("an expired session is refused and deleted; a nearly expired one slides", async () => {
    const c = await as(tree.memA);
    const id = c.cookie.split("=")[1]?.split(".")[0] ?? "";
    await db()
      .update(sessions)
      .set({ expiresAt: Date.now() + 86_400_000 })
      .where(eq(sessions.id, id));
    expect((await c.get("/api/me")).status).toBe(200);
    const [slid] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(slid?.expiresAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    await db()
      .update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(sessions.id, id));
    expect((await c.get("/api/me")).status).toBe(401);
    expect(await db().select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it("a forged secret for a real session id is refused", async () => {
    const c = await as(tree.memA);
    const [name, value] = c.cookie.split("=");
    const forged = new Client();
    forged.cookie = `${name}=${value?.split(".")[0]}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
    expect((await forged.get("/api/me")).status).toBe(401);
  });

  it("logging in again rotates the session", async () => {
    const c = await as(tree.memA);
    const first = c.cookie;
    await c.login(tree.memA.username);
    expect(c.cookie).not.toBe(first);
    const old = new Client();
    old.cookie = first;
    expect((await old.get("/api/me")).status).toBe(401);
  });

  it("changing the password ends every other session and keeps this one", async () => {
    const u = await makeUser("changer");
    const phone = await as(u);
    const laptop = await as(u);
    const wrong = await laptop.post("/api/me/password", {
      currentPassword: "wrong-one",
      newPassword: "new-password-1",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details[0].path).toBe("currentPassword");
    expect((await laptop.post("/api/me/password", { currentPassword: PASSWORD, newPassword: "short" })).status).toBe(
      400,
    );
    const ok = await laptop.post("/api/me/password", { currentPassword: PASSWORD, newPassword: "new-password-1" });
    expect(ok.status).toBe(200);
    expect((await laptop.get("/api/me")).status).toBe(200);
    expect((await phone.get("/api/me")).status).toBe(401);
    await new Client().login(u.username, "new-password-1");
  });

  it("an admin reset ends the user's sessions; only someone over the user may reset", async () => {
    const phone = await as(tree.memB);
    const otherBranch = await as(tree.secA);
    expect(
      (await otherBranch.post(`/api/users/${tree.memB.id}/password`, { newPassword: "reset-pass-1" })).status,
    ).toBe(404);
    const member = await as(tree.memA);
    expect((await member.post(`/api/users/${tree.memB.id}/password`, { newPassword: "reset-pass-1" })).status).toBe(
      404,
    );
    const admin = await as(tree.admin);
    expect((await admin.post(`/api/users/${tree.memB.id}/password`, { newPassword: "reset-pass-1" })).status).toBe(200);
    expect((await phone.get("/api/me")).status).toBe(401);
    await new Client().login(tree.memB.username, "reset-pass-1");
    expect(env.DB).toBeDefined();
  });

  it("saves the language choice", async () => {
    const c = await as(tree.memA);
    expect((await c.patch("/api/me", { locale: "fr" })).status).toBe(400);
    expect((await c.patch("/api/me", { locale: "zh-TW" })).status).toBe(200);
    expect((await c.get("/api/me")).body.locale).toBe("zh-TW");
  });

  it("remembers the large-text mode (长辈版) on the account and refuses anything but true or false", async () => {
    const elder = await makeUser("elder", [[tree.branchA, "member"]]);
    const c = await as(elder);
    expect((await c.get("/api/me")).body.elder).toBe(false);
    for (const body of [{ elder: "yes" }, { elder: 1 }, {}]) {
      const refused = await c.patch("/api/me", body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("invalid_input");
    }
    expect((await c.get("/api/me")).body.elder).toBe(false);
    expect((await c.patch("/api/me", { elder: true })).status).toBe(200);
    const later = await as(elder);
    const me = (await later.get("/api/me")).body;
    expect(me.elder).toBe(true);
    expect(me.locale).toBe("zh-CN");
    expect((await c.patch("/api/me", { locale: "en" })).status).toBe(200);
    expect((await later.get("/api/me")).body).toMatchObject({ elder: true, locale: "en" });
    expect((await (await as(tree.memA)).get("/api/me")).body.elder).toBe(false);
  });
});
