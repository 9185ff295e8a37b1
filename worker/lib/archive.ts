import { archiveEvents } from "../../schema";
import type { ArchiveKind } from "../../schema/archives/kinds";
import type { Db } from "./db";
import { newId } from "./ids";

export interface ArchiveEntry {
  memberId: string;
  orgId: string;
  kind: ArchiveKind;
  subjectType?: string;
  subjectId?: string;
  summary: Record<string, unknown>;
  occurredAt?: number;
  recordedBy?: string | null;
}

/**
 * The growth-archive insert to put in the same db.batch as the write it describes.
 * Events are never updated: a correction is a new event.
 */
export function archiveInsert(db: Db, e: ArchiveEntry, now = Date.now()) {
  return db.insert(archiveEvents).values({
    id: newId(),
    memberId: e.memberId,
    orgId: e.orgId,
    kind: e.kind,
    subjectType: e.subjectType ?? null,
    subjectId: e.subjectId ?? null,
    summary: e.summary,
    occurredAt: e.occurredAt ?? now,
    recordedBy: e.recordedBy ?? null,
    createdAt: now,
  });
}
