import type { D1Database } from "@cloudflare/workers-types";
import type { Env, TickMessage } from "../env";
import { releaseClaimed } from "./due";
import { tenantEnvs } from "./tenants";

/** The cron's interval (wrangler.toml's crons). */
const TICK = 15 * 60_000;

/** Whether `now` is the first tick of each `period` counted from `offset`: the tick of a once-a-period job. */
export const firstTickOf = (now: number, period: number, offset = 0) => (now - offset) % period < TICK;

/** One sendBatch call carries at most 100 messages (Queues limits). */
const SEND_CHUNK = 100;
/**
 * How long a delivery holds its tenant's tick: far longer than a tick runs (seconds), so only a delivery
 * that died mid-tick (no catch ran) lets it lapse, and one of its retries (a minute apart) then ticks.
 */
const TICK_LEASE = 2 * 60_000;
/** Marks this old go: a duplicate or retry arrives within minutes (a dead letter replayed later runs again). */
const KEEP_TICKS = 86_400_000;

/**
 * The cron's whole work, without touching any database: one tick message per tenant on the tick queue
 * (whose consumer takes one message an invocation), 100 a sendBatch call.
 */
export async function sendTicks(env: Env, now: number) {
  const messages = (await tenantEnvs(env)).map((t) => ({
    body: { kind: "tick", tenant: t.id, now } satisfies TickMessage,
  }));
  for (let i = 0; i < messages.length; i += SEND_CHUNK) {
    await env.TICK_QUEUE.sendBatch(messages.slice(i, i + SEND_CHUNK));
  }
}

/** "ran": this delivery ticked; "done": another did, nothing to do; "held": another is ticking (try later). */
type TickRun = "ran" | "done" | "held";

/**
 * Runs a tenant's tick at `now` once, however often its message is delivered: the first delivery takes
 * the tick's row in `cron_ticks` and marks it done when the tick finishes. A tick that throws gives its
 * row back, with the due rows it claimed that no job stored a next moment for, so its retry does the
 * work again, then throws on.
 */
export async function onceATick(d1: D1Database, now: number, tick: () => Promise<void>): Promise<TickRun> {
  const wall = Date.now();
  const taken = await d1
    .prepare(
      `INSERT INTO cron_ticks (scheduled_at, held_until) VALUES (?1, ?2)
       ON CONFLICT (scheduled_at) DO UPDATE SET held_until = excluded.held_until
       WHERE cron_ticks.held_until <= ?3 RETURNING scheduled_at`,
    )
    .bind(now, wall + TICK_LEASE, wall)
    .first();
  if (!taken) {
    const row = await d1
      .prepare("SELECT held_until AS heldUntil FROM cron_ticks WHERE scheduled_at = ?1")
      .bind(now)
      .first<{ heldUntil: number | null }>();
    return row && row.heldUntil === null ? "done" : "held";
  }
  try {
    await tick();
  } catch (err) {
    await d1
      .batch([d1.prepare("DELETE FROM cron_ticks WHERE scheduled_at = ?1").bind(now), releaseClaimed(d1, now)])
      // Not given back: the tick's lease and its due rows' lapse on their own.
      .catch((release) => console.error("could not give back a failed tick", now, release));
    throw err;
  }
  await d1.batch([
    d1.prepare("UPDATE cron_ticks SET held_until = NULL WHERE scheduled_at = ?1").bind(now),
    d1.prepare("DELETE FROM cron_ticks WHERE scheduled_at < ?1").bind(now - KEEP_TICKS),
  ]);
  return "ran";
}
