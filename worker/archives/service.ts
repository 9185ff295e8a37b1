import { and, desc, eq, gte, lt, notInArray, type SQL, sql } from "drizzle-orm";
import { archiveEvents, orgs } from "../../schema";
import { type ArchiveKind, BRANCH_HELD_KINDS } from "../../schema/archives/kinds";
import type { SessionUser } from "../auth";
import { LocalTime } from "../lib/csv";
import { DEFAULT_ZONE, yearRange } from "../lib/day";
import { type Db, outer } from "../lib/db";
import { containing, likeEscaped } from "../lib/like";
import { subtreeEnd } from "../lib/paths";
import type { Table } from "../lib/xlsx";
import { archiveHead, detailText, kindLabel } from "./labels";

type Locale = SessionUser["locale"];

export interface ArchiveFilter {
  kind?: ArchiveKind | undefined;
  year?: number | undefined;
  /** Text in a summary's values (titles, labels, notes; never its field names). */
  q?: string | undefined;
  /** Kinds the reader may not see (the member reading their own: ORG_HELD_KINDS). */
  hidden?: readonly ArchiveKind[] | undefined;
  /** Someone else reading: the subtrees they keep, outside which BRANCH_HELD_KINDS are not shown. */
  keptPaths?: readonly string[] | undefined;
}

/** Export cap: far above a lifetime archive, so one export stays one bounded query. */
const EXPORT_MAX = 20_000;

function where(memberId: string, f: ArchiveFilter) {
  const filters: SQL[] = [eq(archiveEvents.memberId, memberId)];
  if (f.kind) filters.push(eq(archiveEvents.kind, f.kind));
  if (f.hidden?.length) filters.push(notInArray(archiveEvents.kind, [...f.hidden]));
  if (f.keptPaths) {
    const kept = f.keptPaths.length
      ? sql.join(
          f.keptPaths.map((p) => sql`(o.path >= ${p} AND o.path < ${subtreeEnd(p)})`),
          sql` OR `,
        )
      : sql`false`;
    filters.push(
      sql`(${notInArray(archiveEvents.kind, [...BRANCH_HELD_KINDS])} OR EXISTS (SELECT 1 FROM orgs o WHERE o.id = ${outer(archiveEvents.orgId)} AND (${kept})))`,
    );
  }
  if (f.year) {
    const [start, end] = yearRange(f.year);
    filters.push(gte(archiveEvents.occurredAt, start), lt(archiveEvents.occurredAt, end));
  }
  if (f.q) {
    // Within one member's events (archive_member_at_idx), so the text test runs on a lifetime, not the table.
    const value = sql`v.value`;
    filters.push(
      sql`EXISTS (SELECT 1 FROM json_tree(${archiveEvents.summary}) v WHERE v.type = 'text' AND ${likeEscaped(value, containing(f.q))})`,
    );
  }
  return and(...filters);
}

const columns = {
  id: archiveEvents.id,
  kind: archiveEvents.kind,
  orgId: archiveEvents.orgId,
  orgName: orgs.name,
  subjectType: archiveEvents.subjectType,
  subjectId: archiveEvents.subjectId,
  summary: archiveEvents.summary,
  occurredAt: archiveEvents.occurredAt,
  recordedBy: archiveEvents.recordedBy,
};

/** One query (index archive_member_at_idx): a page of one member's timeline, newest first. */
export function archivePage(db: Db, memberId: string, f: ArchiveFilter & { limit: number; offset: number }) {
  return db
    .select(columns)
    .from(archiveEvents)
    .leftJoin(orgs, eq(orgs.id, archiveEvents.orgId))
    .where(where(memberId, f))
    .orderBy(desc(archiveEvents.occurredAt), desc(archiveEvents.id))
    .limit(f.limit + 1)
    .offset(f.offset);
}

/** The development story (发展党员), oldest step first: the archive opens with how the person became a member. */
export function developmentStory(db: Db, memberId: string) {
  return db
    .select(columns)
    .from(archiveEvents)
    .leftJoin(orgs, eq(orgs.id, archiveEvents.orgId))
    .where(and(eq(archiveEvents.memberId, memberId), eq(archiveEvents.kind, "development")))
    .orderBy(archiveEvents.occurredAt, archiveEvents.id)
    .limit(EXPORT_MAX);
}

/** One query: every event of the member (filtered), for print and export. */
export function archiveAll(db: Db, memberId: string, f: ArchiveFilter) {
  return (
    db
      .select({ ...columns, timeZone: orgs.timeZone })
      .from(archiveEvents)
      .leftJoin(orgs, eq(orgs.id, archiveEvents.orgId))
      .where(where(memberId, f))
      // The development story first, oldest step first; then everything else, newest first.
      .orderBy(
        sql`${archiveEvents.kind} = 'development' DESC`,
        sql`CASE WHEN ${archiveEvents.kind} = 'development' THEN ${archiveEvents.occurredAt} ELSE -${archiveEvents.occurredAt} END`,
        desc(archiveEvents.id),
      )
      .limit(EXPORT_MAX)
  );
}

/** One query: counts per kind and year, for the filters. */
export function archiveFacets(db: Db, memberId: string, f: ArchiveFilter) {
  const year = sql<number>`cast(strftime('%Y', (${archiveEvents.occurredAt} + 28800000) / 1000, 'unixepoch') as integer)`;
  return db
    .select({ kind: archiveEvents.kind, year, n: sql<number>`count(*)` })
    .from(archiveEvents)
    .where(where(memberId, { hidden: f.hidden, keptPaths: f.keptPaths }))
    .groupBy(archiveEvents.kind, year);
}

type Row = Awaited<ReturnType<typeof archiveAll>>[number];

/**
 * One row per event in the reader's language: the time on the wall clock of the event's org, the kind's
 * label, the org and the details as a readable line (the JSON export keeps the fields as recorded).
 */
export function archiveTable(rows: Row[], locale: Locale): Table {
  return {
    header: archiveHead(locale),
    rows: rows.map((r) => {
      const zone = r.timeZone ?? DEFAULT_ZONE;
      return [
        new LocalTime(r.occurredAt, zone),
        kindLabel(locale, r.kind as ArchiveKind),
        r.orgName,
        detailText(locale, r.summary as Record<string, unknown>, zone),
      ];
    }),
  };
}
