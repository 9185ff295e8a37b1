import type { D1Database } from "@cloudflare/workers-types";
import { and, desc, eq } from "drizzle-orm";
import { evalSchedules, orgs } from "../../schema";
import { cycleWindows, periodOf } from "../../schema/evaluations/periods";
import type { AppraisalSettings, Frequency, PhaseWindows, TemplateSection } from "../../schema/evaluations/values";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { conflict, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import type { OrgRow } from "../orgs";
import { cycleInsert, processBranch } from "./cycles";

export interface ScheduleInput {
  name: string;
  frequency: Frequency;
  phases: PhaseWindows;
  template: TemplateSection[];
  settings: AppraisalSettings;
  active?: boolean | undefined;
}

export type ScheduleRow = typeof evalSchedules.$inferSelect;

function checkTemplate(t: TemplateSection[]) {
  const keys = new Set(t.map((s) => s.key));
  if (keys.size !== t.length) throw invalid("section keys must be unique", [{ path: "template", code: "duplicate" }]);
  const bad = t.findIndex((s) => s.minLength > s.maxLength);
  if (bad >= 0) throw invalid("minimum length above maximum", [{ path: `template.${bad}.minLength`, code: "range" }]);
}

export function listSchedules(db: Db, org: OrgRow) {
  return db.select().from(evalSchedules).where(eq(evalSchedules.orgId, org.id)).orderBy(desc(evalSchedules.createdAt));
}

export async function createSchedule(db: Db, actorId: string, org: OrgRow, input: ScheduleInput) {
  if (org.kind !== "committee") throw invalid("schedules belong to a committee", [{ path: "orgId", code: "kind" }]);
  checkTemplate(input.template);
  const id = newId();
  const now = Date.now();
  await db.batch([
    db.insert(evalSchedules).values({
      id,
      orgId: org.id,
      orgPath: org.path,
      name: input.name,
      frequency: input.frequency,
      phases: input.phases,
      template: input.template,
      settings: input.settings,
      active: input.active ?? true,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
    }),
    auditInsert(db, { actorId, action: "eval_schedule_created", entity: "eval_schedule", entityId: id, orgId: org.id }),
  ]);
  return { id };
}

export async function getSchedule(db: Db, id: string) {
  const [row] = await db.select().from(evalSchedules).where(eq(evalSchedules.id, id));
  if (!row) throw notFound("schedule");
  return row;
}

/** Changes apply to cycles opened afterwards; open cycles keep the windows and template they opened with. */
export async function updateSchedule(db: Db, actorId: string, s: ScheduleRow, input: ScheduleInput) {
  checkTemplate(input.template);
  await db.batch([
    db
      .update(evalSchedules)
      .set({ ...input, active: input.active ?? s.active, updatedAt: Date.now() })
      .where(eq(evalSchedules.id, s.id)),
    auditInsert(db, {
      actorId,
      action: "eval_schedule_updated",
      entity: "eval_schedule",
      entityId: s.id,
      orgId: s.orgId,
      detail: input,
    }),
  ]);
}

/**
 * A committee opens the current period's cycle for a branch by hand. When the period's windows have
 * already passed, the offsets count from today instead. Then the branch work announces it.
 */
export async function openByHand(db: Db, d1: D1Database, actorId: string, s: ScheduleRow, branchId: string) {
  const [branch] = await db
    .select({ id: orgs.id, path: orgs.path, time_zone: orgs.timeZone, kind: orgs.kind, archived_at: orgs.archivedAt })
    .from(orgs)
    .where(and(eq(orgs.id, branchId)));
  if (!branch?.path.startsWith(s.orgPath)) throw notFound("branch");
  if (branch.kind !== "branch" || branch.archived_at) throw invalid("cycles open for branches", [{ path: "branchId" }]);
  const now = Date.now();
  const period = periodOf(now, s.frequency, branch.time_zone);
  let w = cycleWindows(period, s.phases, branch.time_zone);
  if (now >= w.closesAt) {
    const today = periodOf(now, "monthly", branch.time_zone);
    const day = Math.floor((now - today.start) / 86_400_000);
    const shifted = Object.fromEntries(
      Object.entries(s.phases).map(([k, v]) => [k, { from: v.from + day, to: v.to + day }]),
    ) as PhaseWindows;
    w = cycleWindows(today, shifted, branch.time_zone);
  }
  const res = await cycleInsert(d1, branch, s, period, w, now, actorId).run();
  if (!res.meta.changes) throw conflict("this period's cycle is already open for the branch");
  await db.batch([
    auditInsert(db, {
      actorId,
      action: "eval_cycle_opened",
      entity: "eval_schedule",
      entityId: s.id,
      orgId: branch.id,
      detail: { periodStart: period.start, label: period.label },
    }),
  ]);
  await processBranch(d1, { branchId: branch.id, scheduleIds: [s.id], now });
  return { label: period.label };
}
