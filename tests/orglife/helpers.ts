import type { Client } from "../fixtures";

/** A day n days from today in UTC+8, as "YYYY-MM-DD". */
export const dayFromToday = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
export const thisYear = () => Number(dayFromToday(0).slice(0, 4));

/** Plans a meeting that must succeed; returns its id. */
export async function plan(sec: Client, branchId: string, over: Record<string, unknown> = {}) {
  const r = await sec.post(`/api/orgs/${branchId}/orglife/meetings`, {
    kind: "lecture",
    topic: "学习党章",
    meetingOn: dayFromToday(-1),
    place: "党员活动室",
    ...over,
  });
  if (r.status !== 201) throw new Error(`plan: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export const present = (...ids: string[]) => ids.map((userId) => ({ userId, status: "present" }));

/** Records a meeting as held with the given attendance; returns the reply. */
export const record = (sec: Client, meetingId: string, attendance: unknown[], over: Record<string, unknown> = {}) =>
  sec.post(`/api/orglife/meetings/${meetingId}/record`, { content: "会议纪要", decisions: "", attendance, ...over });

/** Plans and records a held meeting of `kind` on `on`. */
export async function held(sec: Client, branchId: string, kind: string, on: string, attendance: unknown[] = []) {
  const id = await plan(sec, branchId, { kind, meetingOn: on });
  const r = await record(sec, id, attendance);
  if (r.status !== 200) throw new Error(`record: ${r.status} ${JSON.stringify(r.body)}`);
  return id;
}
