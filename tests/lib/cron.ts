import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  env as testEnv,
} from "cloudflare:test";
import type { BranchMessage, Env, TickMessage } from "../../worker/env";
import worker from "../../worker/index";
import { meterStatements } from "./scale";

/** The tick queue's name in wrangler.toml. */
const TICK_QUEUE = "vanguard-ticks";

/** The scheduled handler alone, with a tick queue that keeps what it is sent; returns the tick messages. */
export async function scheduledTicks(env: Env, scheduledTime: number) {
  const ticks: TickMessage[] = [];
  const queue = { sendBatch: async (msgs: { body: TickMessage }[]) => void ticks.push(...msgs.map((m) => m.body)) };
  await worker.scheduled(
    createScheduledController({ scheduledTime, cron: "*/15 * * * *" }),
    { ...env, TICK_QUEUE: queue } as never,
    createExecutionContext(),
  );
  return ticks;
}

/** One tick message delivered as the tick queue delivers it (a batch of one); returns whether it was acked. */
export async function deliverTick(env: Env, body: TickMessage, attempts = 1) {
  const batch = createMessageBatch(TICK_QUEUE, [
    { id: `${body.tenant}-${body.now}`, timestamp: new Date(), attempts, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch as never, env, ctx);
  const result = await getQueueResult(batch, ctx);
  return { acked: result.explicitAcks.length === 1, retried: result.retryMessages.length === 1 };
}

/**
 * The cron as Cloudflare runs it: the scheduled handler, then the tick queue's consumer on every message
 * it sent, each with `env` (a test's own D1 or queue stand-ins reach the tick). Returns each delivery:
 * one retried failed (its error is logged) or found the same tick still running elsewhere.
 */
export async function runCron(env: Env, scheduledTime: number) {
  const deliveries = [];
  for (const body of await scheduledTicks(env, scheduledTime)) deliveries.push(await deliverTick(env, body));
  return deliveries;
}

/**
 * The whole cron (the scheduled handler, then its tick message) on the real local D1: every statement it
 * made, with the rows each read, and every queue message it sent.
 */
export async function recordedTick(now: number) {
  const messages: BranchMessage[] = [];
  const queue = {
    sendBatch: async (msgs: { body: BranchMessage }[]) => void messages.push(...msgs.map((m) => m.body)),
  };
  const { statements } = await meterStatements(() => runCron({ ...testEnv, EVAL_QUEUE: queue } as never, now));
  return { ran: statements, messages };
}

/** The claim every tick runs on the due index. */
export const CLAIM = "UPDATE due_work SET due_at = ?2 WHERE due_at <= ?1 RETURNING kind, subject, ref";
