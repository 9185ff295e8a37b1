import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../lib/db";

/** db.batch over a computed list (one round trip, atomic); nothing to do for an empty list. */
export function batchAll(db: Db, items: BatchItem<"sqlite">[]) {
  if (items.length === 0) return Promise.resolve([]);
  return db.batch(items as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}
