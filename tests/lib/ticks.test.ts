import { applyD1Migrations, createExecutionContext, createMessageBatch, env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cronTicks, deadLetters, dueWork } from "../../schema";
import type { BranchMessage, Env, TickMessage } from "../../worker/env";
import { EVAL_CYCLE_DUE } from "../../worker/evaluations/cycles";
import worker from "../../worker/index";
import { getDb } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { DEAD_LETTER_QUEUE } from "../../worker/ops/dead-letters";
import { CLAIM, deliverTick, scheduledTicks } from "./cron";
import { putDirectory } from "./directory";

// The cron fans out: the scheduled invocation sends one tick message per tenant and touches no database;
// the tick queue's consumer runs one tenant's tick, once per scheduled time, and a failing tenant's tick
// retries on its own.

const BINDINGS = ["DB", "DB_OTHER", "DB_T3", "DB_T4", "DB_T5"] as const;
type Binding = (typeof BINDINGS)[number];
const tenantOf = (binding: Binding) => `t${BINDINGS.indexOf(binding) + 1}`;

/**
 * `n` tenants (t1 on DB, t2 on DB_OTHER, …) whose databases record the statements prepared on them, and
 * whose evaluation messages are kept in `sent`.
 */
async function tenants(n: number) {
  const statements = Object.fromEntries(BINDINGS.map((b) => [b, [] as string[]])) as Record<Binding, string[]>;
  const sent: BranchMessage[] = [];
  const dbs = Object.fromEntries(
    BINDINGS.map((b) => [
      b,
      new Proxy(env[b], {
        get(target, prop) {
          if (prop === "prepare")
            return (sql: string) => {
              statements[b].push(sql.replace(/\s+/g, " ").trim());
              return target.prepare(sql);
            };
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
    ]),
  );
  const directory = BINDINGS.slice(0, n).map((binding) => ({
    id: tenantOf(binding),
    name: `租户 ${tenantOf(binding)}`,
    hosts: [`${tenantOf(binding)}.test`],
    binding,
    root: "/",
  }));
  const queue = { sendBatch: async (msgs: { body: BranchMessage }[]) => void sent.push(...msgs.map((m) => m.body)) };
  await putDirectory(directory);
  const tenantsEnv = { ...env, ...dbs, DIRECTORY: env.TEST_DIRECTORY, EVAL_QUEUE: queue } as unknown as Env;
  const total = () => BINDINGS.reduce((sum, b) => sum + statements[b].length, 0);
  return { env: tenantsEnv, statements, sent, total };
}

/** A branch's evaluation work due just before `now` in the tenant's database; returns the branch. */
async function dueIn(binding: Binding, now: number) {
  const branch = `branch-${newId()}`;
  await getDb(env[binding])
    .insert(dueWork)
    .values({ kind: EVAL_CYCLE_DUE, subject: branch, ref: newId(), dueAt: now - 1 });
  return branch;
}

/** The evaluation messages sent for these branches, as [tenant, branch], in the branches' order. */
const sentFor = (sent: BranchMessage[], branches: string[]) =>
  sent
    .filter((m) => branches.includes(m.branchId))
    .map((m) => [m.tenant, m.branchId])
    .sort((a, b) => branches.indexOf(a[1] as string) - branches.indexOf(b[1] as string));

beforeAll(async () => {
  for (const b of BINDINGS.slice(1)) await applyD1Migrations(env[b], env.TEST_MIGRATIONS);
});

describe("the cron fans out one tick per tenant", () => {
  it("runs no D1 statement in the scheduled invocation, with 2 tenants or 5", async () => {
    const now = Date.UTC(2032, 0, 1);
    const two = await tenants(2);
    const twoTicks = await scheduledTicks(two.env, now);
    const five = await tenants(5);
    const fiveTicks = await scheduledTicks(five.env, now);
    expect([two.total(), five.total()]).toEqual([0, 0]);
    expect(twoTicks).toEqual(["t1", "t2"].map((tenant) => ({ kind: "tick", tenant, now })));
    expect(fiveTicks.map((t) => t.tenant)).toEqual(["t1", "t2", "t3", "t4", "t5"]);
  });

  it("ticks each tenant exactly once per scheduled time, even when its message comes twice or at once", async () => {
    const now = Date.UTC(2032, 0, 2);
    const branches = await Promise.all(BINDINGS.map((b) => dueIn(b, now)));
    const t = await tenants(5);
    const ticks = await scheduledTicks(t.env, now);
    // t1's message twice at the same moment (both delivered before either finished), every tenant's once,
    // then every message again.
    const [first, second] = await Promise.all([deliverTick(t.env, ticks[0]!), deliverTick(t.env, ticks[0]!)]);
    for (const tick of ticks.slice(1)) expect((await deliverTick(t.env, tick)).acked).toBe(true);
    const again = await Promise.all(ticks.map((tick) => deliverTick(t.env, tick, 2)));

    // A copy that finds t1's tick still running asks to come back (and is then told it is done).
    expect(first.acked || second.acked).toBe(true);
    expect(again.every((d) => d.acked)).toBe(true);
    for (const b of BINDINGS) expect(t.statements[b].filter((s) => s === CLAIM)).toHaveLength(1);
    // Each tenant's due branch went out once, stamped with its tenant.
    expect(sentFor(t.sent, branches)).toEqual(BINDINGS.map((b, i) => [tenantOf(b), branches[i]]));
    const [mark] = await getDb(env.DB_T5).select().from(cronTicks).where(eq(cronTicks.scheduledAt, now));
    expect(mark).toEqual({ scheduledAt: now, heldUntil: null });
  });

  it("a tenant whose tick throws stops no other; its message retries, does the work again, and ends in the dead letters", async () => {
    const now = Date.UTC(2032, 0, 3);
    const branches = await Promise.all(BINDINGS.map((b) => dueIn(b, now)));
    // t3's database loses a table its last job reads: its tick throws after claiming its due work.
    await env.DB_T3.exec("ALTER TABLE chain_seals RENAME TO chain_seals_gone");
    const t = await tenants(5);
    const ticks = await scheduledTicks(t.env, now);
    const deliveries = [];
    for (const tick of ticks) deliveries.push(await deliverTick(t.env, tick));
    expect(deliveries.map((d) => (d.acked ? "acked" : "retried"))).toEqual([
      "acked",
      "acked",
      "retried",
      "acked",
      "acked",
    ]);
    // The failed tick gave its claim back: its branch is due again and the tick is not marked.
    const [row] = await getDb(env.DB_T3).select().from(dueWork).where(eq(dueWork.subject, branches[2]!));
    expect(row?.dueAt).toBe(now);
    expect(await getDb(env.DB_T3).select().from(cronTicks).where(eq(cronTicks.scheduledAt, now))).toEqual([]);

    // The fault mended, the retry ticks t3 in full; the others are not ticked again. (t3's branch went
    // out before the fault as well: the evaluation consumer is keyed, so twice is once.)
    await env.DB_T3.exec("ALTER TABLE chain_seals_gone RENAME TO chain_seals");
    const before = t.sent.length;
    expect((await deliverTick(t.env, ticks[2]!, 2)).acked).toBe(true);
    for (const b of BINDINGS) expect(t.statements[b].filter((s) => s === CLAIM)).toHaveLength(b === "DB_T3" ? 2 : 1);
    expect(sentFor(t.sent.slice(before), branches)).toEqual([["t3", branches[2]]]);

    // A tick that failed every retry reaches the dead-letter queue, which keeps it in its tenant.
    const dead: TickMessage = { kind: "tick", tenant: "t3", now: now + 15 * 60_000 };
    const batch = createMessageBatch(DEAD_LETTER_QUEUE, [
      { id: "dead-tick", timestamp: new Date(), attempts: 6, body: dead },
    ]);
    await worker.queue(batch as never, t.env, createExecutionContext());
    const kept = await getDb(env.DB_T3).select().from(deadLetters);
    expect(kept.map((d) => d.body)).toContainEqual(dead);
  });
});
