import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Scheduled work by the moment it is next due: the cron claims what is due through the due_at index,
 * so a tick with nothing due is one indexed statement. `kind` names the job that owns the row;
 * `subject` and `ref` are its key (for evaluation cycles: the branch and the schedule).
 */
export const dueWork = sqliteTable(
  "due_work",
  {
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    ref: text("ref").notNull(),
    dueAt: integer("due_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subject, t.ref] }), index("due_work_due_idx").on(t.dueAt)],
);

/**
 * The cron times this tenant has ticked, or is ticking: a tick message delivered twice runs once.
 * `heldUntil` is the running delivery's lease (null once the tick is done); rows a day old go.
 */
export const cronTicks = sqliteTable("cron_ticks", {
  scheduledAt: integer("scheduled_at").primaryKey(),
  heldUntil: integer("held_until"),
});
