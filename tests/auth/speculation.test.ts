import { env } from "cloudflare:test";
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, orgs, sessions, users } from "../../schema";
import { validateSessionToken } from "../../worker/auth/session";
import { guarded, recall, remember, rideAlong } from "../../worker/auth/speculation";
import { getDb } from "../../worker/lib/db";
import { as, db, makeOrg, makeTree } from "../fixtures";

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
