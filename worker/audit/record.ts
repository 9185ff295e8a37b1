import { auditLog } from "../../schema";
import type { Db } from "../lib/db";
import { newId } from "../lib/ids";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: "org" | "membership" | "user" | "session" | (string & {});
  entityId: string;
  orgId?: string | null;
  detail?: unknown;
}

/** The audit insert to put in the same db.batch as the write it describes. */
export function auditInsert(db: Db, entry: AuditEntry, at = Date.now()) {
  return db
    .insert(auditLog)
    .values({ id: newId(), ...entry, orgId: entry.orgId ?? null, detail: entry.detail ?? null, at });
}
