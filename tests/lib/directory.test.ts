import { applyD1Migrations, createExecutionContext, env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Env } from "../../worker/env";
import worker from "../../worker/index";
import { DIRECTORY_TTL, type Tenant, tenantOfHost } from "../../worker/lib/tenants";
import { heldReads, putDirectory, putOldDirectory, recorded } from "./directory";

// The tenant directory is a D1 database of its own, read once per isolate and DIRECTORY_TTL: a
// province's hundreds of tenants resolve by host with no statement per request, a change is seen
// within the cache's lifetime, and an entry that cannot be served is refused (by the operator's PUT)
// or left out (when read) without stopping the others.

const TOKEN = "operator-secret-0123456789";

const entry = (i: number, over: Partial<Tenant> = {}): Tenant => ({
  id: `t${i}`,
  name: `县委 ${i}`,
  hosts: [`t${i}.test`],
  binding: `DB_T${i}`,
  root: "/",
  ...over,
});

/** n tenants' bindings, each a database object of its own (all over one local D1: only identity matters here). */
const bindings = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`DB_T${i + 1}`, recorded(env.DB_OTHER).proxy]));

// The operator's PUT is audited in the tenant of the host it is sent to.
beforeAll(() => applyD1Migrations(env.DB_OTHER, env.TEST_MIGRATIONS));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("a province's directory", () => {
  it("resolves 300 tenants by host with one directory statement for the isolate, none per request", async () => {
    await putDirectory(Array.from({ length: 300 }, (_, i) => entry(i + 1)));
    const directory = recorded(env.TEST_DIRECTORY);
    const dbs = bindings(300);
    const workerEnv = { ...env, ...dbs, DIRECTORY: directory.proxy } as unknown as Env;
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i <= 300; i++) {
        const t = await tenantOfHost(workerEnv, `t${i}.test`);
        expect(t.id).toBe(`t${i}`);
        expect(t.env.DB).toBe(dbs[`DB_T${i}`]);
      }
    }
    // Through the Worker too: a request on a tenant's host reads no directory once it is cached.
    const res = await worker.fetch(
      new Request("https://t217.test/api/health") as never,
      workerEnv,
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
    expect(directory.statements).toHaveLength(1);
    await expect(tenantOfHost(workerEnv, "t301.test")).rejects.toMatchObject({ code: "tenant_unknown" });
    expect(directory.statements).toHaveLength(1);
  });

  it("sees a change to the directory once the cache's lifetime has passed, not before", async () => {
    await putDirectory([entry(1)]);
    const workerEnv = { ...env, ...bindings(1), DIRECTORY: env.TEST_DIRECTORY } as unknown as Env;
    vi.useFakeTimers({ toFake: ["Date"] });
    expect((await tenantOfHost(workerEnv, "t1.test")).id).toBe("t1");
    // Written behind this isolate's back (another isolate's PUT, or `wrangler d1 execute`).
    await env.TEST_DIRECTORY.prepare("UPDATE tenants SET hosts = ? WHERE id = 't1'").bind('["moved.test"]').run();
    vi.advanceTimersByTime(DIRECTORY_TTL - 1_000);
    expect((await tenantOfHost(workerEnv, "t1.test")).id).toBe("t1");
    await expect(tenantOfHost(workerEnv, "moved.test")).rejects.toMatchObject({ code: "tenant_unknown" });
    vi.advanceTimersByTime(2_000);
    expect((await tenantOfHost(workerEnv, "moved.test")).id).toBe("t1");
    await expect(tenantOfHost(workerEnv, "t1.test")).rejects.toMatchObject({ code: "tenant_unknown" });
  });

  it("while one request re-reads an old directory, others serve the last one read and do not wait for that read", async () => {
    // Workers refuse I/O on behalf of another request: a read in flight must never be shared.
    await putDirectory([entry(1)]);
    const gate = heldReads(env.TEST_DIRECTORY);
    const workerEnv = { ...env, ...bindings(1), DIRECTORY: gate.proxy } as unknown as Env;
    vi.useFakeTimers({ toFake: ["Date"] });
    expect((await tenantOfHost(workerEnv, "t1.test")).id).toBe("t1");
    vi.advanceTimersByTime(DIRECTORY_TTL + 1_000);
    gate.hold();
    const refreshing = tenantOfHost(workerEnv, "t1.test");
    // A second request meanwhile answers at once from the last directory read.
    expect((await tenantOfHost(workerEnv, "t1.test")).id).toBe("t1");
    gate.release();
    expect((await refreshing).id).toBe("t1");
  });

  it("serves the good entries of a directory with bad ones, and logs why each bad one is not served", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // Written before the database refused a host or binding listed twice, and migrated since.
    await putOldDirectory([
      entry(1),
      entry(2, { binding: "DB_GONE" }),
      entry(3, { hosts: ["t3.test", "shared.test"] }),
      entry(4, { hosts: ["shared.test"] }),
      entry(5, { parent: "t6" }),
      entry(6, { parent: "t5" }),
      entry(7, { root: "org-without-slashes" }),
      entry(8, { parent: "t1" }),
      entry(9, { binding: "DB_T10" }),
      entry(10),
    ]);
    const workerEnv = { ...env, ...bindings(10), DIRECTORY: env.TEST_DIRECTORY } as unknown as Env;
    expect((await tenantOfHost(workerEnv, "t1.test")).id).toBe("t1");
    expect((await tenantOfHost(workerEnv, "t8.test")).id).toBe("t8");
    for (const host of ["t2.test", "t3.test", "shared.test", "t5.test", "t6.test", "t7.test", "t9.test", "t10.test"]) {
      await expect(tenantOfHost(workerEnv, host)).rejects.toMatchObject({ status: 404, code: "tenant_unknown" });
    }
    const logged = errors.mock.calls.map((c) => String(c[0])).join("\n");
    expect(logged).toContain("t2 is not served: this Worker has no D1 binding DB_GONE");
    expect(logged).toContain("t3 is not served: host shared.test is listed by t3, t4");
    expect(logged).toContain("t4 is not served: host shared.test is listed by t3, t4");
    expect(logged).toContain("t5 is not served: parents form a cycle: t5 → t6 → t5");
    expect(logged).toContain('t7 is not served: root "org-without-slashes" is not an org path');
    expect(logged).toContain("t9 is not served: binding DB_T10 is listed by t10, t9");
    expect(logged).toContain("t10 is not served: binding DB_T10 is listed by t10, t9");
    expect(logged).not.toMatch(/t1 is not served|t8 is not served/);
  });
});

describe("the operator's directory endpoint", () => {
  const opsEnv = (directory = env.TEST_DIRECTORY) =>
    ({ ...env, ...bindings(4), DIRECTORY: directory, OPERATOR_TOKEN: TOKEN }) as unknown as Env;
  async function put(id: string, body: unknown, token = TOKEN, directory = env.TEST_DIRECTORY) {
    const res = await worker.fetch(
      new Request(`https://t1.test/api/ops/tenants/${id}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }) as never,
      opsEnv(directory),
      createExecutionContext(),
    );
    return { status: res.status, body: (await res.json()) as any };
  }
  const stored = async () =>
    (await env.TEST_DIRECTORY.prepare("SELECT id, hosts, binding, root, parent FROM tenants ORDER BY id").all())
      .results;

  it("refuses an entry that could not be served, with the reason, and changes nothing", async () => {
    await putDirectory([entry(1), entry(2, { parent: "t1" })]);
    const before = await stored();
    const { id: _, ...good } = entry(3);
    const refusals = [
      [{ ...good, binding: "DB_MISSING" }, "binding", "no_such_binding"],
      [{ ...good, hosts: ["t3.test", "t2.test"] }, "hosts", "host_taken"],
      [{ ...good, binding: "DB_T2" }, "binding", "binding_taken"],
      [{ ...good, root: "t1" }, "root", "not_an_org_path"],
      [{ ...good, parent: "nowhere" }, "parent", "unknown_tenant"],
    ] as const;
    for (const [body, path, code] of refusals) {
      const res = await put("t3", body);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("tenant_entry_invalid");
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: [path], code })]);
    }
    // t1 made the child of its own child.
    const { id: __, ...one } = entry(1);
    const cycle = await put("t1", { ...one, parent: "t2" });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.details).toEqual([
      expect.objectContaining({ code: "parent_cycle", message: "parents form a cycle: t1 → t2 → t1" }),
    ]);
    // Not a directory entry's shape at all, and no operator token.
    expect((await put("t3", { ...good, hosts: [] })).status).toBe(400);
    expect((await put("t3", good, "wrong-token-wrong-token-00")).status).toBe(401);
    expect(await stored()).toEqual(before);
  });

  it("refuses a host or a binding written to a second tenant behind the operator's back, in the database itself", async () => {
    await putDirectory([entry(1), entry(2)]);
    const before = await stored();
    const write = (sql: string) => env.TEST_DIRECTORY.prepare(sql).run();
    await expect(write(`UPDATE tenants SET hosts = '["t2.test", "t1.test"]' WHERE id = 't2'`)).rejects.toThrow(
      /UNIQUE constraint failed: tenant_claims/,
    );
    await expect(write("UPDATE tenants SET binding = 'DB_T1' WHERE id = 't2'")).rejects.toThrow(/UNIQUE/);
    await expect(
      write(
        `INSERT INTO tenants (id, name, hosts, binding, root, updated_at) VALUES ('t3', 'x', '["t1.test"]', 'DB_T3', '/', 0)`,
      ),
    ).rejects.toThrow(/UNIQUE/);
    expect(await stored()).toEqual(before);
    // What a tenant lets go of another may take.
    await write(`UPDATE tenants SET hosts = '["t1.example"]', binding = 'DB_T3' WHERE id = 't1'`);
    await write(`UPDATE tenants SET hosts = '["t2.test", "t1.test"]', binding = 'DB_T1' WHERE id = 't2'`);
  });

  // Two operators at once: both requests read the directory before either writes, so both pass the check in
  // code; the directory database lets exactly one of them hold the host (or the database).
  for (const [what, taken, path, code] of [
    ["host", (i: number) => ({ hosts: [`t${i}.test`, "county.example"] }), "hosts", "host_taken"],
    ["binding", () => ({ binding: "DB_T3" }), "binding", "binding_taken"],
  ] as const) {
    it(`stores exactly one of two tenants given the same ${what} at once, and refuses the other whole`, async () => {
      await putDirectory([entry(1), entry(2)]);
      const gate = heldReads(env.TEST_DIRECTORY);
      expect((await tenantOfHost(opsEnv(gate.proxy), "t1.test")).id).toBe("t1");
      gate.hold();
      const bodies = [3, 4].map((i) => {
        const { id: _, ...body } = entry(i, taken(i));
        return body;
      });
      const racing = Promise.all([put("t3", bodies[0], TOKEN, gate.proxy), put("t4", bodies[1], TOKEN, gate.proxy)]);
      await vi.waitFor(() => expect(gate.waiting).toBe(2), { timeout: 10_000 });
      gate.release();
      const answers = await racing;
      expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
      const refused = answers.find((a) => a.status === 422)?.body.error;
      expect(refused.code).toBe("tenant_entry_invalid");
      expect(refused.details).toEqual([expect.objectContaining({ path: [path], code })]);
      const ids = (await stored()).map((t) => t.id);
      expect(ids).toHaveLength(3);
      expect(ids.slice(0, 2)).toEqual(["t1", "t2"]);
      expect(await tenantOfHost(opsEnv(), `${ids[2]}.test`)).toMatchObject({ id: ids[2] });
    });
  }

  it("adds a tenant that this isolate serves at once, and lists the directory", async () => {
    await putDirectory([entry(1)]);
    const { id: _, ...three } = entry(3, { parent: "t1" });
    expect((await put("t3", three)).status).toBe(200);
    expect((await tenantOfHost(opsEnv(), "t3.test")).id).toBe("t3");
    const res = await worker.fetch(
      new Request("https://t3.test/api/ops/tenants", { headers: { Authorization: `Bearer ${TOKEN}` } }) as never,
      opsEnv(),
      createExecutionContext(),
    );
    const listed = ((await res.json()) as any).items;
    expect(listed.map((t: Tenant) => [t.id, t.hosts, t.parent])).toEqual([
      ["t1", ["t1.test"], undefined],
      ["t3", ["t3.test"], "t1"],
    ]);
  });
});
