import type { D1Database, Message, MessageBatch } from "@cloudflare/workers-types";
import type { BranchMessage, Env } from "../env";
import { subtreeEnd } from "../lib/paths";
import { processBranch } from "./cycles";
import { followupWarnings } from "./followup-jobs";

const SEND_CHUNK = 100;
const ROOTS_PER_QUERY = 45; // two bound parameters per subtree range, under D1's 100

/** Active schedules and the branches under them, grouped per branch: two indexed queries (more only past 45 roots). */
async function dueBranches(d1: D1Database) {
  const { results: schedules } = await d1
    .prepare("SELECT id, org_path FROM eval_schedules WHERE active = 1")
    .all<{ id: string; org_path: string }>();
  const paths = [...new Set(schedules.map((s) => s.org_path))];
  const roots = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  const perBranch = new Map<string, string[]>();
  for (let i = 0; i < roots.length; i += ROOTS_PER_QUERY) {
    const chunk = roots.slice(i, i + ROOTS_PER_QUERY);
    const where = chunk.map((_, j) => `(path >= ?${2 * j + 1} AND path < ?${2 * j + 2})`).join(" OR ");
    const { results } = await d1
      .prepare(`SELECT id, path FROM orgs WHERE (${where}) AND kind = 'branch' AND archived_at IS NULL`)
      .bind(...chunk.flatMap((p) => [p, subtreeEnd(p)]))
      .all<{ id: string; path: string }>();
    for (const b of results) {
      const ids = schedules.filter((s) => b.path.startsWith(s.org_path)).map((s) => s.id);
      if (ids.length) perBranch.set(b.id, ids);
    }
  }
  return perBranch;
}

/** The cron tick: one queue message per branch under an active schedule, sent 100 per call; follow-up warnings. */
export async function onCron(env: Env, now: number) {
  const perBranch = await dueBranches(env.DB);
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
