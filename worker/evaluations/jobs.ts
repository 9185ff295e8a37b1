import type { Message, MessageBatch } from "@cloudflare/workers-types";
import type { BranchMessage, Env } from "../env";
import type { DueRow } from "../lib/due";
import { EVAL_CYCLE_DUE, processBranch } from "./cycles";
import { followupWarnings } from "./followup-jobs";

const SEND_CHUNK = 100;

/**
 * The cron tick's share of the claimed due rows: one queue message per branch with something due,
 * naming its due schedules, sent 100 per call. Nothing due, nothing sent.
 */
export async function onCron(env: Env, now: number, due: readonly DueRow[]) {
  const perBranch = new Map<string, string[]>();
  for (const row of due) {
    if (row.kind !== EVAL_CYCLE_DUE) continue;
    const ids = perBranch.get(row.subject) ?? [];
    ids.push(row.ref);
    perBranch.set(row.subject, ids);
  }
  const messages = [...perBranch].map(([branchId, scheduleIds]) => ({
    body: { branchId, scheduleIds, now } satisfies BranchMessage,
  }));
  for (let i = 0; i < messages.length; i += SEND_CHUNK) {
    await env.EVAL_QUEUE.sendBatch(messages.slice(i, i + SEND_CHUNK));
  }
  return { branches: messages.length, followups: await followupWarnings(env.DB, now) };
}

/** The queue consumer: each branch's work is keyed, so a retried message does nothing twice. */
export async function onQueue(batch: MessageBatch<BranchMessage>, env: Env) {
  for (const msg of batch.messages as readonly Message<BranchMessage>[]) {
    try {
      await processBranch(env.DB, msg.body);
      msg.ack();
    } catch (err) {
      console.error("evaluation branch work failed", msg.body.branchId, err);
      msg.retry({ delaySeconds: 30 });
    }
  }
}
