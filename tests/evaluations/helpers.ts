import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { dueWork, evalCycles, evalDecisions, evalFollowups, evalSchedules } from "../../schema";
import { DEFAULT_SETTINGS, DEFAULT_TEMPLATE, DEFAULT_WINDOWS } from "../../schema/evaluations/values";
import type { BranchMessage } from "../../worker/env";
import worker from "../../worker/index";
import { newId } from "../../worker/lib/ids";
import { type Client, db } from "../fixtures";
import { runCron } from "../lib/cron";

export const DAY = 86_400_000;

export const scheduleInput = (over: Record<string, unknown> = {}) => ({
  name: "年度民主评议",
  frequency: "monthly",
  phases: DEFAULT_WINDOWS,
  template: DEFAULT_TEMPLATE.map((s) => ({ ...s, minLength: 2 })),
  settings: DEFAULT_SETTINGS,
  ...over,
});

export async function makeSchedule(admin: Client, orgId: string, over: Record<string, unknown> = {}) {
  const r = await admin.post(`/api/orgs/${orgId}/eval-schedules`, scheduleInput(over));
  if (r.status !== 201) throw new Error(`schedule: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/**
 * Runs the cron (the scheduled handler, then its tick message) with a producer that records what the
 * tick sends; returns the messages per sendBatch call.
 */
export async function cron(now: number) {
  const calls: { body: BranchMessage }[][] = [];
  const queue = { sendBatch: async (msgs: { body: BranchMessage }[]) => void calls.push([...msgs]) };
  await runCron({ ...env, EVAL_QUEUE: queue } as never, now);
  return calls;
}

let seq = 0;
/** Delivers messages to the queue handler, as the Queues runtime would, and returns its ack/retry result. */
export async function deliver(bodies: BranchMessage[], workerEnv: unknown = env, attempts = 1) {
  const batch = createMessageBatch<BranchMessage>(
    "vanguard-evaluations",
    bodies.map((body) => ({ id: `m${++seq}`, timestamp: Date.now(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as never, workerEnv as never, ctx);
  return { batch, result: await getQueueResult(batch, ctx) };
}

/** The test env, its D1's batch throwing whenever `fails` says so (told each batch's statements and its number). */
export function flakyEnv(fails: (stmts: unknown[], call: number) => boolean) {
  let calls = 0;
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return async (stmts: unknown[]) => {
          if (fails(stmts, ++calls)) throw new Error("D1 is having a bad moment");
          return target.batch(stmts as never);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...env, DB };
}

/** A full tick: cron, then every message through the consumer. */
export async function tick(now: number) {
  const calls = await cron(now);
  const bodies = calls.flat().map((m) => m.body);
  await deliver(bodies);
  return bodies;
}

type Org = { id: string; path: string };

/**
 * A closed yearly 民主评议 cycle of `branch` (closed at its closing moment), under an inactive schedule of
 * `committee`, written straight to D1 as the evaluations feature leaves one; returns the cycle's id.
 */
export async function closedCycle(
  committee: Org,
  branch: Org,
  c: { label: string; periodStart: number; periodEnd: number; closesAt: number; createdAt: number },
) {
  const now = Date.now();
  const scheduleId = newId();
  await db().insert(evalSchedules).values({
    id: scheduleId,
    orgId: committee.id,
    orgPath: committee.path,
    name: "年度民主评议",
    frequency: "yearly",
    phases: DEFAULT_WINDOWS,
    template: DEFAULT_TEMPLATE,
    settings: DEFAULT_SETTINGS,
    active: false,
    createdAt: now,
    updatedAt: now,
  });
  const id = newId();
  await db()
    .insert(evalCycles)
    .values({
      id,
      scheduleId,
      branchId: branch.id,
      branchPath: branch.path,
      name: "年度民主评议",
      ...c,
      windows: {},
      template: DEFAULT_TEMPLATE,
      settings: DEFAULT_SETTINGS,
      status: "closed",
      closedAt: c.closesAt,
    });
  return id;
}

/** Sets a cycle's windows relative to now (in days); omitted phases keep theirs. */
export async function setWindows(cycleId: string, spec: Record<string, [number, number]>) {
  const [c] = await db().select().from(evalCycles).where(eq(evalCycles.id, cycleId));
  const now = Date.now();
  const windows = { ...c!.windows };
  for (const [phase, [a, b]] of Object.entries(spec)) {
    windows[phase as "analysis"] = { opensAt: now + a * DAY, closesAt: now + b * DAY };
  }
  const closesAt = Math.max(...Object.values(windows).map((w) => w!.closesAt));
  await db().update(evalCycles).set({ windows, closesAt, status: "open" }).where(eq(evalCycles.id, cycleId));
  // Windows moved behind the app's back: the cycle's branch is due at once, as the job would have stored.
  await db()
    .update(dueWork)
    .set({ dueAt: 0 })
    .where(and(eq(dueWork.subject, c!.branchId), eq(dueWork.ref, c!.scheduleId)));
}

export async function cyclesOf(branchId: string) {
  return db().select().from(evalCycles).where(eq(evalCycles.branchId, branchId));
}

/**
 * 不合格 for each member through the real path: the committee's schedule opens the branch's cycle, the
 * grade is decided, the cycle closes on a tick and opens the follow-ups. `daysAgo` moves their opening
 * back, so steps can be dated in the past. Returns the follow-up id per member.
 */
export async function followupsFor(
  admin: Client,
  committeeId: string,
  branchId: string,
  memberIds: string[],
  deciderId: string,
  daysAgo = 0,
) {
  await makeSchedule(admin, committeeId);
  await tick(Date.now());
  const [cycle] = await cyclesOf(branchId);
  await db()
    .insert(evalDecisions)
    .values(
      memberIds.map((memberId) => ({
        cycleId: cycle!.id,
        memberId,
        grade: "unqualified" as const,
        reason: "经支部大会讨论",
        decidedBy: deciderId,
        decidedAt: Date.now(),
      })),
    );
  await setWindows(cycle!.id, { analysis: [-10, -9], appraisal: [-8, -7], decision: [-2, -1] });
  await tick(Date.now());
  const rows = await db().select().from(evalFollowups).where(eq(evalFollowups.cycleId, cycle!.id));
  if (daysAgo) {
    await db()
      .update(evalFollowups)
      .set({ createdAt: Date.now() - daysAgo * DAY })
      .where(eq(evalFollowups.cycleId, cycle!.id));
  }
  return Object.fromEntries(rows.map((r) => [r.memberId, r.id])) as Record<string, string>;
}
