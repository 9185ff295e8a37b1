import { type Client, makeUser } from "../fixtures";

let n = 0;

/** A new applicant registered by the branch's secretary: returns the case id and the person's login. */
export async function applicant(sec: Client, branchId: string, appliedOn: string, over: Record<string, unknown> = {}) {
  n += 1;
  const username = `applicant-${Date.now().toString(36)}-${n}`;
  const r = await sec.post(`/api/orgs/${branchId}/development`, {
    displayName: `申请人${n}`,
    username,
    password: "applicant-pass-1",
    gender: "female",
    appliedOn,
    ...over,
  });
  if (r.status !== 201) throw new Error(`applicant: ${r.status} ${JSON.stringify(r.body)}`);
  return { caseId: r.body.id as string, userId: r.body.userId as string, username, password: "applicant-pass-1" };
}

export const step = (c: Client, caseId: string, name: string, takenOn: string, extra: Record<string, unknown> = {}) =>
  c.post(`/api/development/cases/${caseId}/steps`, {
    step: name,
    takenOn,
    actor: "支部委员会",
    decision: "同意",
    evidence: "会议记录",
    ...extra,
  });

/** Records a step that must succeed. */
export async function ok(
  c: Client,
  caseId: string,
  name: string,
  takenOn: string,
  extra: Record<string, unknown> = {},
) {
  const r = await step(c, caseId, name, takenOn, extra);
  if (r.status !== 201) throw new Error(`${name} on ${takenOn}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const blockers = (r: { body: any }) =>
  (r.body.error?.details?.blockers ?? []).map((b: { code: string }) => b.code);

/** Two full members of the branch to act as mentors and sponsors. */
export async function fullMembers(branch: { id: string }) {
  const a = await makeUser("sponsorA", [[branch, "member"]]);
  const b = await makeUser("sponsorB", [[branch, "member"]]);
  return [a.id, b.id];
}

/** Takes a case from application (2024-01-10) to a candidate who passed the committee's pre-review. */
export async function toPrereview(sec: Client, admin: Client, caseId: string, people: string[]) {
  await ok(sec, caseId, "talk", "2024-01-20");
  await ok(sec, caseId, "activist", "2024-02-01", { mentorIds: [people[0]], recommendedBy: "members" });
  await ok(sec, caseId, "assessment", "2024-08-01");
  await ok(sec, caseId, "assessment", "2025-02-01");
  await ok(sec, caseId, "candidate", "2025-02-05", { sponsorIds: people });
  await ok(sec, caseId, "political_review", "2025-03-01");
  await ok(sec, caseId, "training", "2025-03-10", { hours: 24, days: 3 });
  await ok(admin, caseId, "prereview", "2025-04-01");
  await ok(sec, caseId, "notice", "2025-04-02", { startOn: "2025-04-02", endOn: "2025-04-08" });
}

export const vote = (entitled: number, yes: number, against = 0, abstain = 0) => ({
  entitled,
  for: yes,
  against,
  abstain,
});
