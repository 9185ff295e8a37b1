import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { evalAnalyses, evalCycles, evalDecisions, evalSchedules, memberships } from "../../schema";
import { cycleWindows, periodOf } from "../../schema/evaluations/periods";
import {
  DEFAULT_SETTINGS,
  DEFAULT_TEMPLATE,
  DEFAULT_WINDOWS,
  type Grade,
  type PhaseWindows,
} from "../../schema/evaluations/values";
import { newId } from "../../worker/lib/ids";
import { scoreBranch } from "../../worker/vanguard/branch";
import { db, makeTree, makeUser } from "../fixtures";

// Indicators fed by evaluation cycles (党性分析, 民主评议), against hand-computed values.
const TZ = "Asia/Shanghai";
const q1 = periodOf(Date.UTC(2025, 1, 10), "quarterly", TZ);
const q2 = periodOf(Date.UTC(2025, 4, 10), "quarterly", TZ);
const year = { start: q1.start, end: periodOf(Date.UTC(2025, 11, 10), "quarterly", TZ).end };
let tree: Awaited<ReturnType<typeof makeTree>>;
let scheduleId: string;
const u: Record<string, { id: string; username: string }> = {};
let q1Cycle: string;

async function cycle(branchId: string, period: typeof q1, status: "open" | "closed", phases: PhaseWindows) {
  const w = cycleWindows(period, phases, TZ);
  const id = newId();
  await db()
    .insert(evalCycles)
    .values({
      id,
      scheduleId,
      branchId,
      branchPath: branchId === tree.branchA.id ? tree.branchA.path : tree.branchB.path,
      name: "季度评议",
      label: period.label,
      periodStart: period.start,
      periodEnd: period.end,
      closesAt: w.closesAt,
      windows: w.windows,
      template: DEFAULT_TEMPLATE,
      settings: DEFAULT_SETTINGS,
      status,
      createdAt: period.start,
      closedAt: status === "closed" ? w.closesAt : null,
    });
  return { id, windows: w.windows };
}
const analysis = (cycleId: string, memberId: string, status: "accepted" | "returned" | "submitted") => ({
  id: newId(),
  cycleId,
  memberId,
  status,
  draft: {},
  reports: {},
  version: 1,
  updatedAt: q1.start,
});
const decision = (cycleId: string, memberId: string, grade: Grade) => ({
  cycleId,
  memberId,
  grade,
  decidedBy: tree.secA.id,
  decidedAt: q1.start + 86_400_000,
});

beforeAll(async () => {
  tree = await makeTree();
  for (const name of ["excellent", "qualified", "basic", "unqualified", "silent"]) {
    u[name] = await makeUser(`sa-${name}`, [[tree.branchA, "member"]]);
  }
  // Everyone so far joined long before the fixture's cycles.
  await db().update(memberships).set({ startedAt: 0 });
  scheduleId = newId();
  await db().insert(evalSchedules).values({
    id: scheduleId,
    orgId: tree.committee.id,
    orgPath: tree.committee.path,
    name: "季度评议",
    frequency: "quarterly",
    phases: DEFAULT_WINDOWS,
    template: DEFAULT_TEMPLATE,
    settings: DEFAULT_SETTINGS,
    active: false,
    createdAt: 0,
    updatedAt: 0,
  });
  const c1 = await cycle(tree.branchA.id, q1, "closed", DEFAULT_WINDOWS);
  q1Cycle = c1.id;
  // Joined after Q1's self-analysis window had closed: Q1's analysis is not theirs to miss.
  u.late = await makeUser("sa-late", [[tree.branchA, "member"]]);
  await db()
    .update(memberships)
    .set({ startedAt: c1.windows.analysis!.closesAt + 1 })
    .where(eq(memberships.userId, u.late.id));
  await db()
    .insert(evalAnalyses)
    .values([
      analysis(q1Cycle, u.excellent!.id, "accepted"),
      analysis(q1Cycle, u.qualified!.id, "accepted"),
      analysis(q1Cycle, u.basic!.id, "returned"),
      analysis(q1Cycle, u.unqualified!.id, "submitted"),
    ]);
  await db()
    .insert(evalDecisions)
    .values([
      decision(q1Cycle, u.excellent!.id, "excellent"),
      decision(q1Cycle, u.qualified!.id, "qualified"),
      decision(q1Cycle, u.basic!.id, "basic"),
      decision(q1Cycle, u.unqualified!.id, "unqualified"),
    ]);
  // Q2: an open cycle (nobody accepted yet), and one without a self-analysis phase.
  const c2 = await cycle(tree.branchA.id, q2, "open", DEFAULT_WINDOWS);
  await db()
    .insert(evalAnalyses)
    .values(analysis(c2.id, u.basic!.id, "submitted"));
  const noAnalysis = { appraisal: DEFAULT_WINDOWS.appraisal!, decision: DEFAULT_WINDOWS.decision! };
  await cycle(tree.branchB.id, q1, "closed", noAnalysis);
});

const inputsOf = async (start: number, end: number, branchId = tree.branchA.id) => {
  const r = await scoreBranch(db(), branchId, start, end, Date.now(), { store: false });
  return new Map(r.members.map((m) => [m.memberId, m]));
};

describe("self_analysis indicator", () => {
  it("1 when accepted, 0 when the cycle held one and theirs was not, missing without a cycle", async () => {
    const m = await inputsOf(q1.start, q1.end);
    const ex = m.get(u.excellent!.id)!.inputs.self_analysis as any;
    expect(ex).toMatchObject({ value: 1, unit: "ratio" });
    const [accepted] = await db().select().from(evalAnalyses).where(eq(evalAnalyses.memberId, u.excellent!.id));
    expect(ex.sources).toEqual([{ type: "eval_analysis", id: accepted!.id, value: 1 }]);
    expect(m.get(u.qualified!.id)!.inputs.self_analysis).toMatchObject({ value: 1 });
    // Returned, only submitted, never written: 0 (a real value, with the record it comes from).
    expect(m.get(u.basic!.id)!.inputs.self_analysis).toMatchObject({ value: 0 });
    expect(m.get(u.unqualified!.id)!.inputs.self_analysis).toMatchObject({ value: 0 });
    const silent = m.get(u.silent!.id)!.inputs.self_analysis as any;
    expect(silent).toMatchObject({ value: 0 });
    expect(silent.sources).toEqual([{ type: "eval_cycle", id: q1Cycle, value: 0, note: "not_submitted" }]);
    expect(m.get(u.late!.id)!.inputs.self_analysis).toMatchObject({ missing: true, reason: "no_cycle" });
    // Another quarter without a cycle: missing, never zero.
    const q3 = periodOf(Date.UTC(2025, 7, 10), "quarterly", TZ);
    const none = await inputsOf(q3.start, q3.end);
    expect(none.get(u.excellent!.id)!.inputs.self_analysis).toEqual({
      missing: true,
      reason: "no_cycle",
      detail: { pending: 0 },
    });
  });

  it("an open cycle is pending, not a 0; a cycle without the phase does not count; a year is the share", async () => {
    const m = await inputsOf(q2.start, q2.end);
    expect(m.get(u.basic!.id)!.inputs.self_analysis).toMatchObject({ missing: true, reason: "in_progress" });
    const b = await inputsOf(q1.start, q1.end, tree.branchB.id);
    expect(b.get(tree.memB.id)!.inputs.self_analysis).toMatchObject({ missing: true, reason: "no_cycle" });
    const y = await inputsOf(year.start, year.end);
    expect(y.get(u.excellent!.id)!.inputs.self_analysis).toMatchObject({ value: 1, detail: { cycles: 1, pending: 1 } });
  });
});

describe("appraisal indicator", () => {
  it("each final grade maps to the default model's ratio; no decision is missing", async () => {
    const m = await inputsOf(q1.start, q1.end);
    const expected: [string, Grade, number][] = [
      ["excellent", "excellent", 1],
      ["qualified", "qualified", 0.8],
      ["basic", "basic", 0.5],
      ["unqualified", "unqualified", 0],
    ];
    for (const [who, grade, value] of expected) {
      const input = m.get(u[who]!.id)!.inputs.appraisal as any;
      expect(input).toMatchObject({ value, unit: "ratio" });
      expect(input.sources).toEqual([{ type: "eval_decision", id: `${q1Cycle}:${u[who]!.id}`, value, note: grade }]);
    }
    expect(m.get(u.silent!.id)!.inputs.appraisal).toEqual({ missing: true, reason: "no_decision" });
    const q2m = await inputsOf(q2.start, q2.end);
    expect(q2m.get(u.excellent!.id)!.inputs.appraisal).toMatchObject({ missing: true, reason: "no_decision" });
  });

  it("scores by hand: self-analysis 10 × 1 and appraisal 15 × 0.8 = 22 of 25 present base points -> 52.8", async () => {
    const m = await inputsOf(q1.start, q1.end);
    const q = m.get(u.qualified!.id)!;
    const lines = Object.fromEntries(q.explanation.lines.map((l) => [l.key, l]));
    expect(lines.self_analysis).toMatchObject({ points: 10, contribution: 24 });
    expect(lines.appraisal).toMatchObject({ points: 12, contribution: 28.8 });
    expect(q.score).toBe(52.8);
    // 不合格 and not accepted: present zeros, so the score is 0, not "insufficient data".
    expect(m.get(u.unqualified!.id)!).toMatchObject({ score: 0, status: "scored" });
    expect(m.get(u.late!.id)!).toMatchObject({ score: null, status: "insufficient_data" });
  });
});
