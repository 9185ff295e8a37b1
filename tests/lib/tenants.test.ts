import { applyD1Migrations, createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dueWork, memberships, orgs, users } from "../../schema";
import { hashPassword } from "../../worker/auth/password";
import type { BranchMessage, Env } from "../../worker/env";
import { EVAL_CYCLE_DUE } from "../../worker/evaluations/cycles";
import worker from "../../worker/index";
import { getDb } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { PASSWORD } from "../fixtures";
import { runCron } from "./cron";
import { putDirectory, recorded } from "./directory";

// Two tenants in one Worker: the embedded DB on app.test, DB_OTHER on other.test. Each request touches
// only its host's database; the cron and the queue work on each tenant's own rows.

const directory = [
  { id: "home", name: "测试市委", hosts: ["app.test"], binding: "DB", root: "/" },
  { id: "other", name: "另一县委", hosts: ["other.test"], binding: "DB_OTHER", root: "/" },
];

const sent: BranchMessage[] = [];
const queue = {
  send: async (body: BranchMessage) => void sent.push(body),
  sendBatch: async (msgs: { body: BranchMessage }[]) => void sent.push(...msgs.map((m) => m.body)),
};
const tenantsEnv = (over: Partial<Env> = {}) =>
  ({ ...env, DIRECTORY: env.TEST_DIRECTORY, EVAL_QUEUE: queue, ...over }) as unknown as Env;

async function call(host: string, method: string, path: string, o: { body?: unknown; cookie?: string } = {}) {
  const headers: Record<string, string> = { Origin: `https://${host}` };
  if (o.cookie) headers.Cookie = o.cookie;
  if (o.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await worker.fetch(
    new Request(`https://${host}${path}`, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    }) as never,
    tenantsEnv(),
    createExecutionContext(),
  );
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("session="))
    ?.split(";")[0];
  return { status: res.status, body: (await res.json()) as any, cookie };
}

/** A committee and its admin, username `wang`, in the given tenant's database. */
async function tenantWithWang(d1: D1Database, committee: string, displayName: string) {
  const db = getDb(d1);
  const now = Date.now();
  const orgId = newId();
  await db.insert(orgs).values({
    id: orgId,
    parentId: null,
    path: `/${orgId}/`,
    name: committee,
    kind: "committee",
    orgType: "unit",
    createdAt: now,
  });
  const userId = newId();
  await db.insert(users).values({
    id: userId,
    username: "wang",
    displayName,
    ...(await hashPassword(PASSWORD)),
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(memberships).values({ id: newId(), userId, orgId, role: "admin", startedAt: now });
  return { orgId, userId };
}

let home: { orgId: string; userId: string };
let other: { orgId: string; userId: string };

beforeAll(async () => {
  await applyD1Migrations(env.DB_OTHER, env.TEST_MIGRATIONS);
  await putDirectory(directory);
  // The same username in both tenants: two different people.
  await getDb(env.DB).delete(users).where(eq(users.username, "wang"));
  home = await tenantWithWang(env.DB, "测试市委", "王（市委）");
  other = await tenantWithWang(env.DB_OTHER, "另一县委", "王（县委）");
});

describe("tenants by host", () => {
  it("logs each tenant's own wang in, and each session reads only its own tenant", async () => {
    const atHome = await call("app.test", "POST", "/api/auth/login", {
      body: { username: "wang", password: PASSWORD },
    });
    const atOther = await call("other.test", "POST", "/api/auth/login", {
      body: { username: "wang", password: PASSWORD },
    });
    expect([atHome.status, atOther.status]).toEqual([200, 200]);
    expect((await call("app.test", "GET", "/api/me", { cookie: atHome.cookie })).body.displayName).toBe("王（市委）");
    expect((await call("other.test", "GET", "/api/me", { cookie: atOther.cookie })).body.displayName).toBe(
      "王（县委）",
    );

    // An attacker carries one tenant's session to the other: it is not a session there.
    expect((await call("other.test", "GET", "/api/me", { cookie: atHome.cookie })).status).toBe(401);
    expect((await call("app.test", "GET", "/api/me", { cookie: atOther.cookie })).status).toBe(401);

    // …and one tenant's ids mean nothing in the other, even to an admin there (and even once the
    // isolate has read that org for its own tenant: a remembered org is a guess, checked in the tenant's database).
    expect((await call("app.test", "GET", `/api/orgs/${home.orgId}`, { cookie: atHome.cookie })).status).toBe(200);
    expect((await call("other.test", "GET", `/api/orgs/${other.orgId}`, { cookie: atOther.cookie })).status).toBe(200);
    const foreign = await call("other.test", "GET", `/api/orgs/${home.orgId}`, { cookie: atOther.cookie });
    expect(foreign.status).toBe(404);
  });

  it("answers a host the directory does not list with 404 and touches no database", async () => {
    const d1 = recorded(env.DB);
    const d2 = recorded(env.DB_OTHER);
    const res = await worker.fetch(
      new Request("https://stranger.test/api/auth/login", {
        method: "POST",
        headers: { Origin: "https://stranger.test", "Content-Type": "application/json" },
        body: JSON.stringify({ username: "wang", password: PASSWORD }),
      }) as never,
      tenantsEnv({ DB: d1.proxy, DB_OTHER: d2.proxy } as never),
      createExecutionContext(),
    );
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe("tenant_unknown");
    expect([d1.statements.length, d2.statements.length]).toEqual([0, 0]);
  });
});

describe("scheduled and queued work per tenant", () => {
  it("claims each tenant's due work in its own database and stamps its messages with the tenant", async () => {
    const now = Date.UTC(2031, 0, 1);
    const due = (subject: string) => ({ kind: EVAL_CYCLE_DUE, subject, ref: newId(), dueAt: now - 1 });
    await getDb(env.DB).insert(dueWork).values(due("home-branch"));
    await getDb(env.DB_OTHER).insert(dueWork).values(due("other-branch"));
    sent.length = 0;
    await runCron(tenantsEnv(), now);
    const byBranch = Object.fromEntries(sent.map((m) => [m.branchId, m.tenant]));
    expect(byBranch).toMatchObject({ "home-branch": "home", "other-branch": "other" });
  });

  it("runs a stamped message on its tenant's database only", async () => {
    const home = recorded(env.DB);
    const other = recorded(env.DB_OTHER);
    const body: BranchMessage = { branchId: newId(), scheduleIds: [newId()], now: Date.now(), tenant: "other" };
    const batch = createMessageBatch("vanguard-evaluations", [{ id: "m1", timestamp: new Date(), attempts: 1, body }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as never, tenantsEnv({ DB: home.proxy, DB_OTHER: other.proxy } as never), ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["m1"]);
    expect(other.statements.length).toBeGreaterThan(0);
    expect(home.statements).toEqual([]);
  });
});
