import { desc, eq } from "drizzle-orm";
import { auditLog, orgs } from "../../schema";
import type { Db } from "./db";
import { newId } from "./ids";
import { subtreeRange } from "./paths";

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

/** One page of the audit log of an org's whole subtree, newest first. */
export async function auditPage(db: Db, orgPath: string, limit: number, offset: number) {
  const rows = await db
    .select({ entry: auditLog })
    .from(auditLog)
    .innerJoin(orgs, eq(orgs.id, auditLog.orgId))
    .where(subtreeRange(orgs.path, orgPath))
    .orderBy(desc(auditLog.at))
    .limit(limit + 1)
    .offset(offset);
  return rows.map((r) => r.entry);
}
