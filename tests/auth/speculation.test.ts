import { env } from "cloudflare:test";
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, orgs, sessions, users } from "../../schema";
import { sessionCheckStatement, validateSessionToken } from "../../worker/auth/session";
import { guarded, recall, remember, rideAlong } from "../../worker/auth/speculation";
import { getDb } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const tokenOf = (cookie: string) => decodeURIComponent(cookie.replace(/^session=/, ""));

/** env.DB that counts what reaches D1: each batch and each lone statement is one round trip. */
function counted(d1: D1Database) {
  const trips: string[] = [];
  const stmt = (s: D1PreparedStatement, text: string): D1PreparedStatement =>
    new Proxy(s, {
      get(target, prop) {
        if (prop === "bind") return (...v: unknown[]) => stmt(target.bind(...v), text);
        if (prop === "inner") return target;
        const value = Reflect.get(target, prop);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          trips.push(`${String(prop)} ${text.trim().slice(0, 12).trim()}`);
          return value.apply(target, args);
        };
      },
    });
  const proxy = {
    prepare: (text: string) => stmt(d1.prepare(text), text),
    batch: (list: D1PreparedStatement[]) => {
      trips.push(`batch of ${list.length}`);
      return d1.batch(list.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner ?? s));
    },
  } as unknown as D1Database;
  return { proxy, trips };
}

async function guessFor(cookie: string) {
  const token = tokenOf(cookie);
  const found = await validateSessionToken(db(), env.DB, token, Date.now());
  if (!found) throw new Error("no session");
  const [id, secret] = token.split(".") as [string, string];
  return { guess: found, id, secret };
}

describe("a read's session check rides in the read's own batch", () => {
  it("answers a guessed read in one round trip, the session statement first in the batch", async () => {
    const c = await as(tree.memA);
    const { guess } = await guessFor(c.cookie);
    const { proxy, trips } = counted(env.DB);
    const { d1, settled } = guarded(proxy, guess, Date.now());
    const [row] = await getDb(d1).$client.batch([d1.prepare("SELECT id FROM users WHERE id = ?").bind(tree.memA.id)]);
    expect(row?.results).toEqual([{ id: tree.memA.id }]);
    expect(await settled()).toBe(true);
    expect(trips).toEqual(["batch of 2"]);
    // a lone read by all() rides too
    const lone = counted(env.DB);
    const g2 = guarded(lone.proxy, guess, Date.now());
    expect((await g2.d1.prepare("SELECT 1 AS one").all()).results).toEqual([{ one: 1 }]);
    expect(lone.trips).toEqual(["batch of 2"]);
  });

  it("never writes on a guess: the session is checked alone before the write, and a wrong guess stops it", async () => {
    const c = await as(tree.memB);
    const { guess, id } = await guessFor(c.cookie);
    await db().delete(sessions).where(eq(sessions.id, id)); // logged out elsewhere
    const { proxy, trips } = counted(env.DB);
    const { d1 } = guarded(proxy, guess, Date.now());
    await expect(
      d1.prepare("UPDATE users SET display_name = 'hijacked' WHERE id = ?").bind(tree.memB.id).run(),
    ).rejects.toThrow();
    const [name] = await db().select({ n: users.displayName }).from(users).where(eq(users.id, tree.memB.id));
    expect(name?.n).toBe("memB");
    expect(trips).toEqual(["batch of 1"]);
    // a batch with a write in it is not guessed either
    const second = counted(env.DB);
    const g2 = guarded(second.proxy, guess, Date.now());
    await expect(
      g2.d1.batch([g2.d1.prepare("UPDATE users SET display_name = 'x' WHERE id = ?").bind(tree.memB.id)]),
    ).rejects.toThrow();
    expect(second.trips).toEqual(["batch of 1"]);
  });

  it("another guess rides in the same batch, and one that no longer holds stops the read", async () => {
    const c = await as(tree.secA);
    const { guess } = await guessFor(c.cookie);
    const { proxy, trips } = counted(env.DB);
    const g = guarded(proxy, guess, Date.now());
    const isBranchA = (rows: unknown[]) => (rows[0] as { name?: string })?.name === "社区支部";
    expect(rideAlong(g.d1, sql`SELECT name FROM orgs WHERE id = ${tree.branchA.id}`, isBranchA)).toBe(true);
    await g.d1.batch([g.d1.prepare("SELECT 1")]);
    expect(trips).toEqual(["batch of 3"]);
    expect(rideAlong(g.d1, sql`SELECT 1`, () => true)).toBe(false); // its checks have left

    const wrong = guarded(env.DB, guess, Date.now());
    rideAlong(wrong.d1, sql`SELECT name FROM orgs WHERE id = ${tree.branchB.id}`, isBranchA);
    await expect(wrong.d1.batch([wrong.d1.prepare("SELECT 1")])).rejects.toThrow();
    expect(rideAlong(db().$client, sql`SELECT 1`, () => true)).toBe(false); // not on a guess
  });

  it("a wrong secret is never recalled", async () => {
    const c = await as(tree.secB);
    const { guess, id, secret } = await guessFor(c.cookie);
    remember("app.test", guess);
    expect((await recall("app.test", id, secret, Date.now()))?.user.id).toBe(tree.secB.id);
    // Change the last character to another one (a secret may already end in "x").
    const wrong = `${secret.slice(0, -1)}${secret.endsWith("x") ? "y" : "x"}`;
    expect(await recall("app.test", id, wrong, Date.now())).toBeNull();
    expect(await recall("other.test", id, secret, Date.now())).toBeNull();
  });
});

describe("through the app, a remembered session is never trusted", () => {
  it("a session deleted behind the isolate's back gets 401 on its next read, not the guessed answer", async () => {
    const c = await as(tree.memA);
    expect((await c.get("/api/study/mine")).status).toBe(200);
    expect((await c.get("/api/study/mine")).status).toBe(200); // now answered on the guess
    const [id] = tokenOf(c.cookie).split(".");
    await db()
      .delete(sessions)
      .where(eq(sessions.id, id ?? ""));
    const r = await c.get("/api/study/mine");
    expect(r.status).toBe(401);
    expect(JSON.stringify(r.body)).not.toMatch(/courses|assigned/);
  });

  it("an expired session, or a user switched off, reads nothing", async () => {
    const c = await as(tree.memB);
    expect((await c.get("/api/me")).status).toBe(200);
    const [id] = tokenOf(c.cookie).split(".");
    await db()
      .update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(sessions.id, id ?? ""));
    expect((await c.get("/api/me")).status).toBe(401);

    const d = await as(tree.memB);
    expect((await d.get("/api/me")).status).toBe(200);
    await db().update(users).set({ active: false }).where(eq(users.id, tree.memB.id));
    try {
      expect((await d.get("/api/me")).status).toBe(401);
    } finally {
      await db().update(users).set({ active: true }).where(eq(users.id, tree.memB.id));
    }
  });

  it("a secretary removed from the branch loses its report on the very next read", async () => {
    const c = await as(tree.secA);
    const report = `/api/orgs/${tree.branchA.id}/study-report`;
    expect((await c.get(report)).status).toBe(200);
    expect((await c.get(report)).status).toBe(200);
    await db()
      .update(memberships)
      .set({ endedAt: Date.now() })
      .where(
        and(
          eq(memberships.userId, tree.secA.id),
          eq(memberships.orgId, tree.branchA.id),
          eq(memberships.role, "secretary"),
        ),
      );
    const after = await c.get(report);
    expect([403, 404]).toContain(after.status);
    const me = await c.get("/api/me");
    expect(me.body.memberships.map((m: { role: string }) => m.role)).toEqual(["member"]);
  });

  it("an org it remembers rides along too: once the org moves away, the next read is refused", async () => {
    const other = await makeOrg(null, "另一市委", "committee");
    const branch = await makeOrg(tree.committee, "将迁走的支部", "branch");
    const c = await as(tree.admin);
    const report = `/api/orgs/${branch.id}/study-report`;
    expect((await c.get(report)).status).toBe(200);
    expect((await c.get(report)).status).toBe(200); // on the remembered session and org
    await db()
      .update(orgs)
      .set({ parentId: other.id, path: `${other.path}${branch.id}/` })
      .where(eq(orgs.id, branch.id));
    const after = await c.get(report);
    expect(after.status).toBe(404);
    expect(JSON.stringify(after.body)).not.toContain("将迁走的支部");
  });
});

describe("a remembered session is checked by its user's build alone", () => {
  /** A member of a branch of their own, signed in, with the guess the isolate would remember. */
  async function remembered() {
    const branch = await makeOrg(tree.committee, "构建支部", "branch");
    const user = await makeUser("构建党员", [[branch, "member"]]);
    const { guess } = await guessFor((await as(user)).cookie);
    return { branch, user, guess };
  }
  const holds = (guess: Awaited<ReturnType<typeof guessFor>>["guess"]) => guarded(env.DB, guess, Date.now()).settled();
  const run = (text: string, ...params: unknown[]) =>
    env.DB.prepare(text)
      .bind(...params)
      .run();

  it("holds while nothing of the user changes, and costs two rows read", async () => {
    const { user, guess } = await remembered();
    expect(guess.built).toMatch(/^[0-9a-f]{24}$/);
    expect(await holds(guess)).toBe(true);
    // Another member's changes leave this one's build alone.
    const other = await remembered();
    await run("UPDATE memberships SET role = 'secretary' WHERE user_id = ?", other.user.id);
    await run("UPDATE orgs SET name = '别的名字' WHERE id = ?", other.branch.id);
    expect(await holds(guess)).toBe(true);
    const [check] = await env.DB.batch([sessionCheckStatement(env.DB, guess.user.sessionId)]);
    expect(check?.meta.rows_read).toBeLessThanOrEqual(2);
    expect(user.id).toBe(guess.user.id);
  });

  // Every column the full session statement reads, changed as plain SQL (any code path could make it): the next
  // guessed read must not hold, so it runs again on the session read in full.
  const changes: [string, (r: Awaited<ReturnType<typeof remembered>>) => Promise<unknown>][] = [
    ["the display name", (r) => run("UPDATE users SET display_name = '改名' WHERE id = ?", r.user.id)],
    ["the username", (r) => run("UPDATE users SET username = username || '-2' WHERE id = ?", r.user.id)],
    ["the language", (r) => run("UPDATE users SET locale = 'en' WHERE id = ?", r.user.id)],
    ["the large-text mode", (r) => run("UPDATE users SET elder = 1 WHERE id = ?", r.user.id)],
    ["a role", (r) => run("UPDATE memberships SET role = 'secretary' WHERE user_id = ?", r.user.id)],
    ["a membership ended", (r) => run("UPDATE memberships SET ended_at = ? WHERE user_id = ?", Date.now(), r.user.id)],
    [
      "a membership moved to another org",
      async (r) => {
        const other = await makeOrg(tree.committee, "另一支部", "branch");
        await run("UPDATE memberships SET org_id = ? WHERE user_id = ?", other.id, r.user.id);
      },
    ],
    [
      "a membership added",
      (r) =>
        db()
          .insert(memberships)
          .values({ id: newId(), userId: r.user.id, orgId: tree.committee.id, role: "admin", startedAt: Date.now() }),
    ],
    ["a membership deleted", (r) => run("DELETE FROM memberships WHERE user_id = ?", r.user.id)],
    ["the org's name", (r) => run("UPDATE orgs SET name = '新名字' WHERE id = ?", r.branch.id)],
    ["the org's path", (r) => run("UPDATE orgs SET path = path || 'x/' WHERE id = ?", r.branch.id)],
    ["the org's kind", (r) => run("UPDATE orgs SET kind = 'group' WHERE id = ?", r.branch.id)],
    ["the org archived", (r) => run("UPDATE orgs SET archived_at = ? WHERE id = ?", Date.now(), r.branch.id)],
  ];
  for (const [what, change] of changes) {
    it(`does not hold once ${what} changes`, async () => {
      const r = await remembered();
      expect(await holds(r.guess)).toBe(true);
      await change(r);
      expect(await holds(r.guess)).toBe(false);
      // The full read sees the change, and a guess remembered from it holds again.
      const { guess } = await guessFor((await as({ username: await usernameOf(r.user.id) })).cookie);
      expect(guess.built).not.toBe(r.guess.built);
      expect(await holds(guess)).toBe(true);
    });
  }

  it("a build from another database (a restored copy) does not hold, even with the same user", async () => {
    const { user, guess } = await remembered();
    await run("UPDATE users SET session_built = lower(hex(randomblob(12))) WHERE id = ?", user.id);
    expect(await holds(guess)).toBe(false);
    expect(await holds({ ...guess, built: "" })).toBe(false);
  });

  it("through the app, a name, a language and an org renamed show on the very next read", async () => {
    const { branch, user } = await remembered();
    const c = await as(user);
    expect((await c.get("/api/me")).status).toBe(200);
    expect((await c.get("/api/me")).body.displayName).toBe("构建党员"); // on the guess
    await run("UPDATE users SET display_name = '新名', locale = 'zh-TW' WHERE id = ?", user.id);
    await run("UPDATE orgs SET name = '改名支部' WHERE id = ?", branch.id);
    const me = (await c.get("/api/me")).body;
    expect(me).toMatchObject({ displayName: "新名", locale: "zh-TW" });
    expect(me.memberships.map((m: { orgName: string }) => m.orgName)).toEqual(["改名支部"]);
  });
});

async function usernameOf(id: string) {
  const [row] = await db().select({ username: users.username }).from(users).where(eq(users.id, id));
  return row?.username ?? "";
}
