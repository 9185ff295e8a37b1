import {
  evalCycles,
  evalDecisions,
  evalFollowups,
  evalSchedules,
  serviceRecords,
  vanguardAdjustments,
  vanguardScores,
} from "../../schema";
import type { Grade } from "../../schema/evaluations/values";
import { dayOf, yearRange } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { type Client, db } from "../fixtures";

/** The year the tests run in: a round asks for this year's results. */
export const YEAR = Number(dayOf(Date.now()).slice(0, 4));
const [FROM, TO] = yearRange(YEAR);
const inYear = FROM + 40 * 86_400_000;

const memberRound = {
  name: `${YEAR}年度优秀共产党员`,
  kind: "excellent_member",
  year: YEAR,
  quota: 1,
  criteria: { vanguardMin: 80, appraisal: "excellent", serviceHours: 10 },
};

export async function openRound(admin: Client, committeeId: string, over: Record<string, unknown> = {}) {
  const r = await admin.post(`/api/orgs/${committeeId}/commendations`, { ...memberRound, ...over });
  if (r.status !== 201) throw new Error(`round: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export async function nominate(by: Client, roundId: string, subjectId: string) {
  const r = await by.post(`/api/commendations/${roundId}/nominees`, { subjectId, statement: "带头服务群众，事迹突出" });
  if (r.status !== 201) throw new Error(`nominate: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** A yearly cycle of a branch, as the evaluations feature opens it. */
export async function yearCycle(branch: { id: string; path: string }) {
  const scheduleId = newId();
  const cycleId = newId();
  const now = Date.now();
  await db().batch([
    db()
      .insert(evalSchedules)
      .values({
        id: scheduleId,
        orgId: branch.id,
        orgPath: branch.path,
        name: "年度民主评议",
        frequency: "yearly",
        phases: {},
        template: [],
        settings: { excellentQuota: 1 / 3, peerScope: "branch" },
        createdAt: now,
        updatedAt: now,
      }),
    db()
      .insert(evalCycles)
      .values({
        id: cycleId,
        scheduleId,
        branchId: branch.id,
        branchPath: branch.path,
        name: "年度民主评议",
        label: String(YEAR),
        periodStart: FROM,
        periodEnd: TO,
        closesAt: TO,
        windows: {},
        template: [],
        settings: { excellentQuota: 1 / 3, peerScope: "branch" },
        status: "closed",
        createdAt: now,
      }),
  ]);
  return cycleId;
}

/** The platform's results for a member in the year: a vanguard score, an appraisal grade, confirmed service. */
export async function results(
  memberId: string,
  branchId: string,
  cycleId: string,
  r: { score?: number; grade?: Grade; hours?: number },
) {
  const now = Date.now();
  const writes = [];
  if (r.score !== undefined)
    writes.push(
      db().insert(vanguardScores).values({
        id: newId(),
        memberId,
        orgId: branchId,
        periodStart: FROM,
        periodEnd: TO,
        modelId: "m",
        modelVersion: 1,
        score: r.score,
        status: "scored",
        inputs: {},
        explanation: {},
        computedAt: now,
      }),
    );
  if (r.grade)
    writes.push(
      db().insert(evalDecisions).values({ cycleId, memberId, grade: r.grade, decidedBy: "someone", decidedAt: now }),
    );
  if (r.hours !== undefined)
    writes.push(
      db()
        .insert(serviceRecords)
        .values({
          id: newId(),
          memberId,
          orgId: branchId,
          category: "volunteer",
          servedOn: dayOf(inYear),
          servedAt: inYear,
          hours: r.hours,
          place: "社区",
          peopleServed: 3,
          description: "志愿服务",
          status: "confirmed",
          createdAt: now,
        }),
    );
  for (const w of writes) await w;
}

export async function approvedVeto(memberId: string, branchId: string) {
  await db()
    .insert(vanguardAdjustments)
    .values({
      id: newId(),
      memberId,
      orgId: branchId,
      kind: "veto",
      points: 0,
      reason: "严重违纪",
      evidence: "处分决定",
      occurredOn: dayOf(inYear),
      occurredAt: inYear,
      status: "approved",
      recordedBy: "someone",
      createdAt: Date.now(),
    });
}

export async function openFollowup(memberId: string, branchId: string, cycleId: string) {
  await db().insert(evalFollowups).values({ id: newId(), cycleId, memberId, branchId, createdAt: Date.now() });
}
