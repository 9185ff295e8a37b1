import type { Message } from "@cloudflare/workers-types";
import { and, eq, isNull } from "drizzle-orm";
import { orgs } from "../../schema";
import type { BastionMessage, Env } from "../env";
import { cycleClosed } from "../evaluations";
import { type Db, getDb } from "../lib/db";
import { subtreeRange } from "../lib/paths";
import { scoreBastion } from "./score";

const SEND_CHUNK = 100;

// A branch's evaluation cycle closed (in its own queue message): score its bastion index for that period.
cycleClosed.on(({ db, branchId, periodStart, periodEnd, now }) =>
  scoreBastion(db, { branchId, periodStart, periodEnd, now }),
);

/** On demand for a committee: one queue message per branch of its subtree (1 query, sends of 100). */
export async function enqueueSubtree(
  db: Db,
  env: Env,
  path: string,
  periodStart: number,
  periodEnd: number,
  now: number,
) {
  const branches = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(subtreeRange(orgs.path, path), eq(orgs.kind, "branch"), isNull(orgs.archivedAt)));
  const messages = branches.map((b) => ({
    body: { kind: "bastion", branchId: b.id, periodStart, periodEnd, now } satisfies BastionMessage,
  }));
  for (let i = 0; i < messages.length; i += SEND_CHUNK)
    await env.EVAL_QUEUE.sendBatch(messages.slice(i, i + SEND_CHUNK));
  return { queued: messages.length };
}

/** The queue consumer's share: 2 round trips per message (reads, upsert); a retry overwrites the same row. */
export async function onQueue(messages: readonly Message<BastionMessage>[], env: Env) {
  const db = getDb(env.DB);
  for (const msg of messages) {
    try {
      const { branchId, periodStart, periodEnd, now } = msg.body;
      await scoreBastion(db, { branchId, periodStart, periodEnd, now });
      msg.ack();
    } catch (err) {
      console.error("bastion scoring failed", msg.body.branchId, err);
      msg.retry({ delaySeconds: 30 });
    }
  }
}
