import { applyD1Migrations, createExecutionContext, env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Env } from "../../worker/env";
import worker from "../../worker/index";
import { DIRECTORY_TTL, type Tenant, tenantOfHost } from "../../worker/lib/tenants";
import { putDirectory, recorded } from "./directory";

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
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    const gated = new Proxy(env.TEST_DIRECTORY, {
      get(target, prop) {
        if (prop === "prepare") {
          return (sql: string) => {
            const statement = target.prepare(sql);
            if (!holding) return statement;
            return {
              all: async () => {
                await held;
                return statement.all();
              },
            };
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const workerEnv = { ...env, ...bindings(1), DIRECTORY: gated } as unknown as Env;
    vi.useFakeTimers({ toFake: ["Date"] });
    expect((await tenantOfHost(workerEnv, "t1.test")).id).toBe("t1");
    vi.advanceTimersByTime(DIRECTORY_TTL + 1_000);
    holding = true;
    const refreshing = tenantOfHost(workerEnv, "t1.test");
    // A second request meanwhile answers at once from the last directory read.
    expect((await tenantOfHost(workerEnv, "t1.test")).id).toBe("t1");
    release();
    expect((await refreshing).id).toBe("t1");
  });

  it("serves the good entries of a directory with bad ones, and logs why each bad one is not served", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await putDirectory([
      entry(1),
      entry(2, { binding: "DB_GONE" }),
      entry(3, { hosts: ["t3.test", "shared.test"] }),
      entry(4, { hosts: ["shared.test"] }),
      entry(5, { parent: "t6" }),
      entry(6, { parent: "t5" }),
      entry(7, { root: "org-without-slashes" }),
      entry(8, { parent: "t1" }),
    ]);
    const workerEnv = { ...env, ...bindings(8), DIRECTORY: env.TEST_DIRECTORY } as unknown as Env;
    expect((await tenantOfHost(workerEnv, "t1.test")).id).toBe("t1");
    expect((await tenantOfHost(workerEnv, "t8.test")).id).toBe("t8");
    for (const host of ["t2.test", "t3.test", "shared.test", "t5.test", "t6.test", "t7.test"]) {
      await expect(tenantOfHost(workerEnv, host)).rejects.toMatchObject({ status: 404, code: "tenant_unknown" });
    }
    const logged = errors.mock.calls.map((c) => String(c[0])).join("\n");
    expect(logged).toContain("t2 is not served: this Worker has no D1 binding DB_GONE");
    expect(logged).toContain("t3 is not served: host shared.test is listed by t3, t4");
    expect(logged).toContain("t4 is not served: host shared.test is listed by t3, t4");
    expect(logged).toContain("t5 is not served: parents form a cycle: t5 → t6 → t5");
    expect(logged).toContain('t7 is not served: root "org-without-slashes" is not an org path');
    expect(logged).not.toMatch(/t1 is not served|t8 is not served/);
  });
});

describe("the operator's directory endpoint", () => {
  const opsEnv = () =>
    ({ ...env, ...bindings(3), DIRECTORY: env.TEST_DIRECTORY, OPERATOR_TOKEN: TOKEN }) as unknown as Env;
  async function put(id: string, body: unknown, token = TOKEN) {
    const res = await worker.fetch(
      new Request(`https://t1.test/api/ops/tenants/${id}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }) as never,
      opsEnv(),
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
