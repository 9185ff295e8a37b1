import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Queue messages that failed every retry (the consumer's dead-letter queue stores them here, in the
 * tenant the message was for), kept until the operator replays them: nothing is dropped silently.
 */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    /** The queue the message failed on. */
    queue: text("queue").notNull(),
    body: text("body", { mode: "json" }).notNull(),
    attempts: integer("attempts").notNull(),
    failedAt: integer("failed_at").notNull(),
  },
  (t) => [index("dead_letters_failed_idx").on(t.failedAt)],
);
