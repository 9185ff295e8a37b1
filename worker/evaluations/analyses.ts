import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { evalAnalyses, evalAnalysisVersions, evalCycles, evalRectifications, orgs, users } from "../../schema";
import { archiveInsert } from "../lib/archive";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError, conflict, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { dailyKey, notifyStatements } from "../lib/notify";
import { assertOpen, assertWindow, type CycleRow } from "./access";
import { branchMembers, distinctMembers } from "./appraisals";

export type AnalysisRow = typeof evalAnalyses.$inferSelect;

/** Rectification items the member still has to report on (from earlier accepted analyses). */
function openItems(db: Db, memberId: string, cycleId: string) {
  return db
    .select({ id: evalRectifications.id, text: evalRectifications.text, report: evalRectifications.report })
    .from(evalRectifications)
    .innerJoin(evalAnalyses, eq(evalAnalyses.id, evalRectifications.sourceAnalysisId))
    .where(
      and(
        eq(evalRectifications.memberId, memberId),
        or(isNull(evalRectifications.reportedInCycleId), eq(evalRectifications.reportedInCycleId, cycleId)),
        // Not the items this very cycle produced.
        ne(evalAnalyses.cycleId, cycleId),
      ),
    )
    .orderBy(asc(evalRectifications.createdAt));
}

/** The member's form: template, draft, status, versions' comments and the items to report on. One round trip. */
export async function myAnalysis(db: Db, cycle: CycleRow, memberId: string) {
  const [rows, items] = await db.batch([
    db
      .select()
      .from(evalAnalyses)
      .where(and(eq(evalAnalyses.cycleId, cycle.id), eq(evalAnalyses.memberId, memberId))),
    openItems(db, memberId, cycle.id),
  ]);
  const a = rows[0];
  return {
    cycle: { id: cycle.id, name: cycle.name, label: cycle.label, windows: cycle.windows, status: cycle.status },
    template: cycle.template,
    analysis: a
      ? {
          id: a.id,
          status: a.status,
          content: a.draft,
          reports: a.reports,
          version: a.version,
          comment: a.comment,
          updatedAt: a.updatedAt,
          reopenedUntil: a.reopenedUntil,
        }
      : null,
    items,
  };
}

function checkKeys(cycle: CycleRow, content: Record<string, string>) {
  const keys = new Set(cycle.template.map((s) => s.key));
  const unknown = Object.keys(content).filter((k) => !keys.has(k));
  if (unknown.length)
    throw invalid(
      "unknown sections",
      unknown.map((k) => ({ path: `content.${k}`, code: "unknown" })),
    );
}

async function current(db: Db, cycleId: string, memberId: string) {
  const [a] = await db
    .select()
    .from(evalAnalyses)
    .where(and(eq(evalAnalyses.cycleId, cycleId), eq(evalAnalyses.memberId, memberId)));
  return a;
}

function assertEditable(a: AnalysisRow | undefined) {
  if (a?.status === "submitted") throw conflict("the analysis is submitted and waits for review");
  if (a?.status === "accepted") throw conflict("the analysis has been accepted");
}

/** Autosave: the draft is overwritten as the member types; nothing is versioned until submitted. */
export async function saveDraft(
  db: Db,
  cycle: CycleRow,
  memberId: string,
  body: { content: Record<string, string>; reports: Record<string, string> },
) {
  const now = Date.now();
  const a = await current(db, cycle.id, memberId);
  assertWindow(cycle, "analysis", now, a?.reopenedUntil);
  assertEditable(a);
  checkKeys(cycle, body.content);
  await db
    .insert(evalAnalyses)
    .values({ id: newId(), cycleId: cycle.id, memberId, draft: body.content, reports: body.reports, updatedAt: now })
    .onConflictDoUpdate({
      target: [evalAnalyses.cycleId, evalAnalyses.memberId],
      set: { draft: body.content, reports: body.reports, updatedAt: now },
    });
  return { savedAt: now };
}

/** Submits the saved draft as a new version after checking every section's length and every item's report. */
export async function submit(db: Db, cycle: CycleRow, memberId: string) {
  const now = Date.now();
  const [rows, items] = await db.batch([
    db
      .select()
      .from(evalAnalyses)
      .where(and(eq(evalAnalyses.cycleId, cycle.id), eq(evalAnalyses.memberId, memberId))),
    openItems(db, memberId, cycle.id),
  ]);
  const a = rows[0];
  assertWindow(cycle, "analysis", now, a?.reopenedUntil);
  if (!a) throw invalid("save a draft first", [{ path: "content", code: "empty" }]);
  assertEditable(a);
  // Each problem names its section and its numbers, so the form can say how much is missing.
  const problems: { path: string; code: string; min?: number; max?: number; length?: number }[] = [];
  for (const s of cycle.template) {
    const n = [...(a.draft[s.key] ?? "").trim()].length;
    if (n < s.minLength || n > s.maxLength) {
      problems.push({
        path: `content.${s.key}`,
        code: n < s.minLength ? "too_short" : "too_long",
        min: s.minLength,
        max: s.maxLength,
        length: n,
      });
    }
  }
  for (const i of items)
    if (!(a.reports[i.id] ?? "").trim()) problems.push({ path: `reports.${i.id}`, code: "required" });
  if (problems.length) throw invalid("some sections are incomplete", problems);
  const version = a.version + 1;
  const [res] = await db.batch([
    db
      .update(evalAnalyses)
      .set({ status: "submitted", version, submittedAt: now, updatedAt: now })
      .where(and(eq(evalAnalyses.id, a.id), eq(evalAnalyses.version, a.version))),
    db.insert(evalAnalysisVersions).values({
      analysisId: a.id,
      version,
      content: a.draft,
      reports: a.reports,
      submittedAt: now,
    }),
  ]);
  if (!res.meta.changes) throw conflict("the analysis changed meanwhile; reload");
  return { version };
}

/** The secretary's view: the member, every submitted version (oldest first) and the draft state. */
export async function analysisForReview(db: Db, id: string) {
  // Single-table selects: drizzle's D1 batch maps joined rows by column name, which collides.
  const ofAnalysis = db.select({ c: evalAnalyses.cycleId }).from(evalAnalyses).where(eq(evalAnalyses.id, id));
  const memberOf = db.select({ m: evalAnalyses.memberId }).from(evalAnalyses).where(eq(evalAnalyses.id, id));
  const [rows, cycles, names, versions] = await db.batch([
    db.select().from(evalAnalyses).where(eq(evalAnalyses.id, id)),
    db
      .select()
      .from(evalCycles)
      .where(eq(evalCycles.id, sql`(${ofAnalysis})`)),
    db
      .select({ name: users.displayName })
      .from(users)
      .where(eq(users.id, sql`(${memberOf})`)),
    db
      .select()
      .from(evalAnalysisVersions)
      .where(eq(evalAnalysisVersions.analysisId, id))
      .orderBy(asc(evalAnalysisVersions.version)),
  ]);
  const a = rows[0];
  const cycle = cycles[0];
  if (!a || !cycle) throw notFound("analysis");
  return { a, cycle, memberName: names[0]?.name ?? "", versions };
}

type Review = Awaited<ReturnType<typeof analysisForReview>>;

function assertSubmitted(r: Review) {
  if (r.a.status === "returned") {
    throw new ApiError(409, "not_resubmitted", "a returned analysis cannot be accepted without a new submission");
  }
  if (r.a.status !== "submitted") throw conflict(`the analysis is ${r.a.status}, not waiting for review`);
}

const rectLines = (text: string | undefined) =>
  (text ?? "")
    .split(/\n+/)
    .map((l) => l.replace(/^\s*(?:\d+[.、)）]|[-*•])\s*/, "").trim())
    .filter(Boolean)
    .slice(0, 30);

/** Accepts the latest version: closes the reported items, carries new 整改措施 forward, writes the archive. */
export async function accept(db: Db, actorId: string, r: Review, comment: string | undefined) {
  assertSubmitted(r);
  const now = Date.now();
  assertOpen(r.cycle, now);
  const latest = r.versions[r.versions.length - 1]!;
  const items = r.cycle.template.filter((s) => s.rectification).flatMap((s) => rectLines(latest.content[s.key]));
  const reported = Object.entries(latest.reports);
  const [res] = await db.batch([
    db
      .update(evalAnalyses)
      .set({ status: "accepted", comment: comment ?? null, reviewedBy: actorId, reviewedAt: now, updatedAt: now })
      .where(
        and(
          eq(evalAnalyses.id, r.a.id),
          eq(evalAnalyses.status, "submitted"),
          eq(evalAnalyses.version, latest.version),
        ),
      ),
    db
      .update(evalAnalysisVersions)
      .set({ outcome: "accepted", comment: comment ?? null })
      .where(and(eq(evalAnalysisVersions.analysisId, r.a.id), eq(evalAnalysisVersions.version, latest.version))),
    ...reported.map(([itemId, report]) =>
      db
        .update(evalRectifications)
        .set({ report, reportedInCycleId: r.cycle.id })
        .where(and(eq(evalRectifications.id, itemId), eq(evalRectifications.memberId, r.a.memberId))),
    ),
    ...(items.length
      ? [
          db.insert(evalRectifications).values(
            items.map((text) => ({
              id: newId(),
              memberId: r.a.memberId,
              sourceAnalysisId: r.a.id,
              text,
              createdAt: now,
            })),
          ),
        ]
      : []),
    archiveInsert(
      db,
      {
        memberId: r.a.memberId,
        orgId: r.cycle.branchId,
        kind: "self_analysis_accepted",
        subjectType: "eval_analysis",
        subjectId: r.a.id,
        summary: { cycle: r.cycle.name, label: r.cycle.label, version: latest.version, rectifications: items.length },
        recordedBy: actorId,
      },
      now,
    ),
  ]);
  if (!res.meta.changes) throw conflict("the analysis changed meanwhile; reload");
  return { status: "accepted" as const, rectifications: items.length };
}

/** Returns the latest version with comments: the member revises and submits a new version. */
export async function returnAnalysis(db: Db, actorId: string, r: Review, comment: string) {
  assertSubmitted(r);
  const now = Date.now();
  assertOpen(r.cycle, now);
  const latest = r.versions[r.versions.length - 1]!;
  const [res] = await db.batch([
    db
      .update(evalAnalyses)
      .set({ status: "returned", comment, reviewedBy: actorId, reviewedAt: now, updatedAt: now })
      .where(
        and(
          eq(evalAnalyses.id, r.a.id),
          eq(evalAnalyses.status, "submitted"),
          eq(evalAnalyses.version, latest.version),
        ),
      ),
    db
      .update(evalAnalysisVersions)
      .set({ outcome: "returned", comment })
      .where(and(eq(evalAnalysisVersions.analysisId, r.a.id), eq(evalAnalysisVersions.version, latest.version))),
    ...notifyStatements(
      db,
      [
        {
          userId: r.a.memberId,
          key: `${r.a.id}:returned:${latest.version}`,
          kind: "returned",
          params: { cycleId: r.cycle.id, cycle: r.cycle.name, label: r.cycle.label },
          link: `/evaluations/cycle/${r.cycle.id}`,
        },
      ],
      now,
    ),
  ]);
  if (!res.meta.changes) throw conflict("the analysis changed meanwhile; reload");
  return { status: "returned" as const };
}

/** A committee reopens one member's form past the window (a submitted, unreviewed one goes back to them). */
export async function reopenForm(db: Db, actorId: string, cycle: CycleRow, memberId: string, until: number) {
  const now = Date.now();
  assertOpen(cycle, now);
  if (until <= now || until > cycle.closesAt) {
    throw invalid("reopen until a time before the cycle closes", [{ path: "until", code: "range" }]);
  }
  const a = await current(db, cycle.id, memberId);
  if (a?.status === "accepted") throw conflict("the analysis has been accepted");
  await db.batch([
    db
      .insert(evalAnalyses)
      .values({
        id: newId(),
        cycleId: cycle.id,
        memberId,
        draft: {},
        reports: {},
        reopenedUntil: until,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [evalAnalyses.cycleId, evalAnalyses.memberId],
        set: { reopenedUntil: until, status: a?.status === "submitted" ? "returned" : (a?.status ?? "draft") },
      }),
    auditInsert(db, {
      actorId,
      action: "eval_form_reopened",
      entity: "eval_cycle",
      entityId: cycle.id,
      orgId: cycle.branchId,
      detail: { memberId, until },
    }),
  ]);
}

/**
 * The secretary's reminder to members who have not submitted their self-analysis (its status is on the
 * dashboard; nothing about the ballot is used): at most one notice per member per day in the branch's
 * zone, keyed by the day, so pressing again that day sends nothing to anyone already reminded. Two
 * round trips.
 */
export async function remindMissing(db: Db, cycle: CycleRow, now: number) {
  assertWindow(cycle, "analysis", now);
  const [members, done, branch] = await db.batch([
    branchMembers(db, cycle),
    db
      .select({ memberId: evalAnalyses.memberId })
      .from(evalAnalyses)
      .where(and(eq(evalAnalyses.cycleId, cycle.id), inArray(evalAnalyses.status, ["submitted", "accepted"]))),
    db.select({ timeZone: orgs.timeZone }).from(orgs).where(eq(orgs.id, cycle.branchId)),
  ]);
  const submitted = new Set(done.map((d) => d.memberId));
  const missing = distinctMembers(members).filter((m) => !submitted.has(m.id));
  if (!missing.length) return { missing: 0, sent: 0 };
  const key = dailyKey(`${cycle.id}:nudge:analysis`, now, branch[0]!.timeZone);
  const params = { cycleId: cycle.id, cycle: cycle.name, label: cycle.label, phase: "analysis" };
  const notices = missing.map((m) => ({
    userId: m.id,
    key,
    kind: "nudge" as const,
    params,
    link: `/evaluations/cycle/${cycle.id}/analysis`,
    dueAt: cycle.windows.analysis!.closesAt,
  }));
  const results = await db.batch(notifyStatements(db, notices, now) as [any, ...any[]]);
  return { missing: missing.length, sent: results.reduce((n, r) => n + (r.meta?.changes ?? 0), 0) };
}
