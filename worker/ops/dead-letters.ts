import type { Message, Queue } from "@cloudflare/workers-types";
import { desc, eq } from "drizzle-orm";
import { deadLetters } from "../../schema";
import type { Db } from "../lib/db";
import { notFound } from "../lib/errors";
import { newId } from "../lib/ids";

/** The dead-letter queue of the evaluation queue (wrangler.toml `dead_letter_queue`). */
export const DEAD_LETTER_QUEUE = "vanguard-dead-letters";
/** The queue whose failed messages land there, where a replay sends them again. */
const SOURCE_QUEUE = "vanguard-evaluations";

/** Keeps each dead message of one tenant's share of a batch, then acknowledges it. */
export async function keepDeadLetters(db: Db, messages: readonly Message<unknown>[], now: number) {
  if (messages.length === 0) return;
  await db.batch(
    messages.map((m) =>
      db
        .insert(deadLetters)
        .values({ id: newId(), queue: SOURCE_QUEUE, body: m.body, attempts: m.attempts, failedAt: now }),
    ) as never,
  );
  for (const m of messages) m.ack();
}

export async function listDeadLetters(db: Db, limit: number, offset: number) {
  return db
    .select()
    .from(deadLetters)
    .orderBy(desc(deadLetters.failedAt), desc(deadLetters.id))
    .limit(limit + 1)
    .offset(offset);
}

/** Sends a dead message to its queue again and forgets it; a second replay finds nothing. */
export async function replayDeadLetter(db: Db, queue: Queue<unknown>, id: string) {
  const [gone] = await db.delete(deadLetters).where(eq(deadLetters.id, id)).returning();
  if (!gone) throw notFound("dead letter");
  try {
    await queue.send(gone.body);
  } catch (err) {
    // Not sent: keep it for the next replay.
    await db.insert(deadLetters).values(gone);
    throw err;
  }
  return gone;
}
