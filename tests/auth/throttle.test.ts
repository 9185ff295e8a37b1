import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loginThrottle } from "../../schema";
import { as, Client, db, makeTree, makeUser, PASSWORD } from "../fixtures";

const WINDOW = 15 * 60_000;
let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const attempt = (username: string, password: string, address?: string) =>
  new Client().request(
    "POST",
    "/api/auth/login",
    { username, password },
    {
      "Content-Type": "application/json",
      ...(address ? { "CF-Connecting-IP": address } : {}),
    },
  );

const statuses = (replies: { status: number }[]) => replies.map((r) => r.status);
const countOf = (list: number[], status: number) => list.filter((s) => s === status).length;

describe("login throttle per username", () => {
  it("40 concurrent wrong passwords: at most 5 reach the password check, the rest get 429 + Retry-After", async () => {
    const u = await makeUser("swarmed");
    const replies = await Promise.all(Array.from({ length: 40 }, () => attempt(u.username, "wrong-guess")));
    const all = statuses(replies);
    // A 401 is only ever answered after PBKDF2 ran; a 429 is answered before it.
    expect(countOf(all, 401)).toBe(5);
    expect(countOf(all, 429)).toBe(35);
    for (const r of replies.filter((x) => x.status === 429)) {
      expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(Number(r.headers.get("Retry-After"))).toBeLessThanOrEqual(WINDOW / 1000);
      expect(r.body.error.code).toBe("account_locked");
    }
    // Even the right password is refused while the lock holds.
    const right = await attempt(u.username, PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.error.details.lockedUntil).toBeGreaterThan(Date.now());
    expect(right.body.error.details.lockedUntil).toBeLessThanOrEqual(Date.now() + WINDOW);
  });

  it("an unknown username locks the same way, so a 429 tells nothing about who exists", async () => {
    const ghost = `ghost-${Date.now()}`;
    const real = await makeUser("real");
    const a = statuses(await Promise.all(Array.from({ length: 8 }, () => attempt(ghost, "x"))));
    const b = statuses(await Promise.all(Array.from({ length: 8 }, () => attempt(real.username, "x"))));
    expect([countOf(a, 401), countOf(a, 429)]).toEqual([5, 3]);
    expect([countOf(b, 401), countOf(b, 429)]).toEqual([countOf(a, 401), countOf(a, 429)]);
  });

  it("the lock is time-bounded and more guesses do not extend it", async () => {
    const u = await makeUser("waiting");
    for (let i = 0; i < 5; i++) expect((await attempt(u.username, "wrong")).status).toBe(401);
    const first = await attempt(u.username, PASSWORD);
    const later = await attempt(u.username, "still-guessing");
    expect(later.body.error.details.lockedUntil).toBe(first.body.error.details.lockedUntil);
    // The window began 16 minutes ago: the lock has run out.
    await db()
      .update(loginThrottle)
      .set({ windowStart: Date.now() - 16 * 60_000 })
      .where(and(eq(loginThrottle.scope, "user"), eq(loginThrottle.key, u.username)));
    expect((await attempt(u.username, PASSWORD)).status).toBe(200);
  });

  it("a successful login clears the counter", async () => {
    const u = await makeUser("typo");
    for (let i = 0; i < 4; i++) expect((await attempt(u.username, "wrong")).status).toBe(401);
    expect((await attempt(u.username, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(u.username, "wrong")).status).toBe(401);
  });

  it("the member's secretary resets the password, which lifts the lock at once", async () => {
    const u = await makeUser("locked", [[tree.branchA, "member"]]);
    for (let i = 0; i < 6; i++) await attempt(u.username, "attacker-guess");
    expect((await attempt(u.username, PASSWORD)).status).toBe(429);
    const secretary = await as(tree.secA);
    expect((await secretary.post(`/api/users/${u.id}/password`, { newPassword: "fresh-pass-1" })).status).toBe(200);
    expect((await attempt(u.username, "fresh-pass-1")).status).toBe(200);
  });

  it("a secretary resets plain members only: not a fellow office-holder, not another branch", async () => {
    const secretary = await as(tree.secA);
    // secA covers branch A, where this admin of the committee is also a member.
    const admin = await makeUser("admin-member", [
      [tree.committee, "admin"],
      [tree.branchA, "member"],
    ]);
    const reset = (id: string) => secretary.post(`/api/users/${id}/password`, { newPassword: "taken-over-1" });
    expect((await reset(admin.id)).status).toBe(403);
    expect((await reset(tree.memB.id)).status).toBe(404);
    expect((await attempt(admin.username, PASSWORD)).status).toBe(200);
    expect((await attempt(tree.memB.username, PASSWORD)).status).toBe(200);
  });
});

describe("login throttle storage", () => {
  it("later logins remove counters whose window has ended, a few at a time", async () => {
    const old = Date.now() - 20 * 60_000;
    // 24 rows of 4 columns: one insert binds at most 100 parameters.
    const stale = Array.from({ length: 24 }, (_, i) => ({
      scope: "user" as const,
      key: `old-${i}`,
      attempts: 9,
      windowStart: old,
    }));
    await db().insert(loginThrottle).values(stale);
    const left = async () => (await db().select().from(loginThrottle).where(eq(loginThrottle.windowStart, old))).length;
    await attempt(tree.memA.username, PASSWORD);
    expect(await left()).toBe(4);
    await attempt(tree.memA.username, PASSWORD);
    expect(await left()).toBe(0);
  });
});

describe("login throttle per client address", () => {
  it("one address spraying many usernames is cut off; other addresses still log in", async () => {
    const address = "203.0.113.7";
    const names = Array.from({ length: 30 }, (_, i) => `spray-${Date.now()}-${i}`);
    const all = statuses(await Promise.all(names.map((n) => attempt(n, "Password1", address))));
    expect(countOf(all, 401)).toBe(20);
    expect(countOf(all, 429)).toBe(10);
    const blocked = await attempt(tree.memA.username, PASSWORD, address);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("address_locked");
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await attempt(tree.memA.username, PASSWORD, "198.51.100.4")).status).toBe(200);
  });

  it("successful logins from a shared address do not use up its budget", async () => {
    const address = "192.0.2.44";
    const people = await Promise.all(Array.from({ length: 25 }, (_, i) => makeUser(`office${i}`)));
    for (const p of people) expect((await attempt(p.username, PASSWORD, address)).status).toBe(200);
  });
});
