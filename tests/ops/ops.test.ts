import { applyD1Migrations, createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { deadLetters } from "../../schema";
import type { BranchMessage, Env } from "../../worker/env";
import worker from "../../worker/index";
import { getDb } from "../../worker/lib/db";
import { DEAD_LETTER_QUEUE } from "../../worker/ops/dead-letters";
import { publishedCourse } from "../courses/helpers";
import { makeSchedule } from "../evaluations/helpers";
import { as, makeTree } from "../fixtures";
import { putDirectory } from "../lib/directory";

// The operator's API: a tenant's dump loads into an empty tenant and dumps again the same; a message
// that failed every retry is kept in its tenant and can be replayed once.

const TOKEN = "operator-secret-0123456789";
const directory = [
  { id: "home", name: "测试市委", hosts: ["app.test"], binding: "DB", root: "/" },
  { id: "other", name: "空租户", hosts: ["other.test"], binding: "DB_OTHER", root: "/" },
  { id: "fresh", name: "又一空租户", hosts: ["fresh.test"], binding: "DB_FRESH", root: "/" },
];
const sent: unknown[] = [];
const queue = { send: async (body: unknown) => void sent.push(body), sendBatch: async () => {} };
const opsEnv = (over: Partial<Env> = {}) =>
  ({ ...env, DIRECTORY: env.TEST_DIRECTORY, OPERATOR_TOKEN: TOKEN, EVAL_QUEUE: queue, ...over }) as unknown as Env;

async function ops(host: string, method: string, path: string, body?: string, token = TOKEN, over = {}) {
  const res = await worker.fetch(
    new Request(`https://${host}/api/ops${path}`, {
      method,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      body,
    }) as never,
    opsEnv(over),
    createExecutionContext(),
  );
  return { status: res.status, text: await res.text(), type: res.headers.get("Content-Type") };
}

const rowsOf = (dump: string) =>
  dump
    .trim()
    .split("\n")
    .slice(1, -1)
    .map((l) => JSON.parse(l) as { t: string; r: Record<string, unknown> })
    // The audit rows of the dumps themselves differ between the two tenants.
    .filter((x) => x.t !== "audit_log" || !String(x.r.action).startsWith("tenant."));

beforeAll(async () => {
  await applyD1Migrations(env.DB_OTHER, env.TEST_MIGRATIONS);
  await putDirectory(directory);
  await applyD1Migrations(env.DB_FRESH, env.TEST_MIGRATIONS);
  const tree = await makeTree();
  // Records beyond the tree, written by the app itself: a member added (audit trail), a published
  // course (its search index is an FTS table), an evaluation schedule (its due rows come from triggers).
  const admin = await as(tree.admin);
  const r = await admin.post(`/api/orgs/${tree.branchA.id}/members`, {
    username: "new-member-x",
    displayName: "新党员",
  });
  expect([200, 201]).toContain(r.status);
  await publishedCourse(await as(tree.publisher), tree.school.id);
  await makeSchedule(admin, tree.committee.id);
  // A member's study page, kept (worker/courses/kept.ts): derived rows a dump leaves out.
  expect((await (await as(tree.memA)).get("/api/study/mine")).status).toBe(200);
  // A plain member's home, kept (worker/evaluations/home-kept.ts): derived too.
  expect((await (await as(tree.memA)).get("/api/home")).status).toBe(200);
  // A roster page and a page of the branch study table, kept (worker/lib/kept.ts): derived too.
  expect((await admin.get(`/api/orgs/${tree.committee.id}/members?limit=20`)).status).toBe(200);
  expect((await admin.get(`/api/orgs/${tree.committee.id}/study-report?limit=20`)).status).toBe(200);
});

describe("tenant dump and load", () => {
  it("round trips: the dump of a tenant loaded into an empty one dumps to the same rows", async () => {
    const first = await ops("app.test", "GET", "/export");
    expect(first.status).toBe(200);
    expect(first.type).toContain("application/x-ndjson");
    const header = JSON.parse(first.text.split("\n")[0] ?? "");
    expect(header).toMatchObject({ format: "vanguard-tenant", version: 1 });
    const tables = new Set(rowsOf(first.text).map((x) => x.t));
    expect([...tables]).toEqual(
      expect.arrayContaining([
        "orgs",
        "users",
        "memberships",
        "audit_log",
        "courses",
        "course_search_docs",
        "eval_schedules",
        "due_work",
      ]),
    );

    const loaded = await ops("other.test", "POST", "/import", first.text);
    expect(loaded.status).toBe(200);
    expect(JSON.parse(loaded.text).tables.users).toBe(rowsOf(first.text).filter((x) => x.t === "users").length);

    const second = await ops("other.test", "GET", "/export");
    expect(rowsOf(second.text)).toEqual(rowsOf(first.text));
    // Kept answers are derived: none in the dump, none in the tenant it was loaded into.
    for (const kept of ["kept_study_pages", "kept_roster_pages", "kept_report_pages", "kept_home_pages"]) {
      expect(await env.DB.prepare(`SELECT count(*) AS n FROM ${kept}`).first("n")).toBeGreaterThan(0);
      expect(await env.DB_OTHER.prepare(`SELECT count(*) AS n FROM ${kept}`).first("n")).toBe(0);
    }
    expect([...tables].filter((t) => t.startsWith("kept_"))).toEqual([]);
  });

  it("refuses to load into a tenant that is not empty, a different schema version, and junk, changing nothing", async () => {
    const dump = (await ops("app.test", "GET", "/export")).text;
    const before = (await ops("app.test", "GET", "/export")).text;
    expect((await ops("app.test", "POST", "/import", dump)).status).toBe(409);
    const [head, ...rest] = dump.split("\n");
    const old = JSON.parse(head ?? "{}");
    old.migrations = old.migrations.slice(0, -1);
    expect((await ops("app.test", "POST", "/import", [JSON.stringify(old), ...rest].join("\n"))).status).toBe(409);
    expect((await ops("fresh.test", "POST", "/import", "not json")).status).toBe(400);
    expect(rowsOf((await ops("app.test", "GET", "/export")).text)).toEqual(rowsOf(before));
  });

  it("takes a dump cut short or tampered with out again, leaving the empty tenant empty", async () => {
    const dump = (await ops("app.test", "GET", "/export")).text.trim().split("\n");
    const cut = dump.slice(0, -5).join("\n");
    expect(JSON.parse((await ops("fresh.test", "POST", "/import", cut)).text).error.message).toContain("cut short");
    const junk = [...dump.slice(0, -1), '{"t":"users","r":{"nope":1}}', dump.at(-1)].join("\n");
    expect((await ops("fresh.test", "POST", "/import", junk)).status).toBe(400);
    // Nothing but the operator's own audit of the export that checks it.
    expect(rowsOf((await ops("fresh.test", "GET", "/export")).text)).toEqual([]);
  });

  it("exists only with the operator's token", async () => {
    expect((await ops("app.test", "GET", "/export", undefined, "")).status).toBe(401);
    expect((await ops("app.test", "GET", "/export", undefined, "operator-secret-0123456788")).status).toBe(401);
    // A member's session is not the operator.
    const res = await worker.fetch(
      new Request("https://app.test/api/ops/export", {
        headers: { Cookie: (await as((await makeTree()).memA)).cookie },
      }) as never,
      opsEnv(),
      createExecutionContext(),
    );
    expect(res.status).toBe(401);
    expect((await ops("app.test", "GET", "/export", undefined, TOKEN, { OPERATOR_TOKEN: undefined })).status).toBe(404);
  });
});

describe("dead letters", () => {
  it("keeps a message that failed every retry in its tenant, lists it, and replays it once", async () => {
    const body: BranchMessage = { branchId: "b-dead", scheduleIds: ["s1"], now: 1, tenant: "other" };
    const batch = createMessageBatch(DEAD_LETTER_QUEUE, [{ id: "d1", timestamp: new Date(), attempts: 6, body }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as never, opsEnv(), ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["d1"]);
    expect(await getDb(env.DB).select().from(deadLetters)).toEqual([]);

    const list = JSON.parse((await ops("other.test", "GET", "/dead-letters")).text);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ queue: "vanguard-evaluations", body, attempts: 6 });
    // The home tenant's operator view does not see the other tenant's letter.
    expect(JSON.parse((await ops("app.test", "GET", "/dead-letters")).text).items).toEqual([]);

    sent.length = 0;
    expect((await ops("other.test", "POST", `/dead-letters/${list.items[0].id}/replay`)).status).toBe(200);
    expect(sent).toEqual([{ ...body, tenant: "other" }]);
    expect((await ops("other.test", "POST", `/dead-letters/${list.items[0].id}/replay`)).status).toBe(404);
    expect(sent).toHaveLength(1);
  });
});
