import { beforeAll, describe, expect, it } from "vitest";
import { as, type Client, makeTree, makeUser } from "../fixtures";
import { makeSchedule, setWindows } from "./helpers";

// The secret ballot as an attacker sees it: the secretary and the committee read everything they can
// about a cycle before and after one member submits, and may learn only "n of m have submitted".

let tree: Awaited<ReturnType<typeof makeTree>>;
let cycleId: string;
let sec: Client;
let admin: Client;
const people: { id: string; c: Client }[] = [];

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  sec = await as(tree.secA);
  const sid = await makeSchedule(admin, tree.committee.id);
  await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchA.id });
  cycleId = (await sec.get(`/api/orgs/${tree.branchA.id}/eval-cycles`)).body.items[0].id;
  for (const u of [tree.secA, tree.memA]) people.push({ id: u.id, c: await as(u) });
  for (let i = 0; i < 3; i++) {
    const u = await makeUser(`v${i}`, [[tree.branchA, "member"]]);
    people.push({ id: u.id, c: await as(u) });
  }
  await setWindows(cycleId, { analysis: [-3, -2], appraisal: [-1, 2], decision: [-1, 5] });
});

const year = new Date().getUTCFullYear();

/** Everything a manager can read that touches this cycle, its members' archives and their index. */
async function readAll(c: Client) {
  const paths = [
    `/api/eval-cycles/${cycleId}`,
    `/api/eval-cycles/${cycleId}/tally`,
    `/api/orgs/${tree.branchA.id}/eval-cycles`,
    `/api/orgs/${tree.committee.id}/eval-cycles`,
    `/api/notifications`,
    `/api/my/evaluations`,
    ...people.flatMap((p) => [
      `/api/archives/${p.id}`,
      `/api/archives/${p.id}/facets`,
      `/api/archives/${p.id}/export`,
      `/api/archives/${p.id}/export?format=csv`,
      `/api/vanguard/members/${p.id}/preview?from=${year}-01-01&to=${year}-12-31`,
    ]),
  ];
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    const r = await c.get(p);
    out[p] = { status: r.status, body: r.body };
  }
  // Decisions that would test the vote (a grade without a reason, 优秀 over the quota) must say nothing either.
  for (const p of people) {
    for (const grade of ["excellent", "unqualified"]) {
      const r = await c.request("PUT", `/api/eval-cycles/${cycleId}/decisions`, {
        decisions: [{ memberId: p.id, grade }],
      });
      out[`decide ${p.id} ${grade}`] = { status: r.status, body: r.body };
    }
  }
  return out;
}

/** The one thing allowed to change, taken out; and the clock. */
function withoutProgress(all: Record<string, unknown>) {
  const progress: unknown[] = [];
  const json = JSON.stringify(all, (k, v) => {
    if (k === "progress" || k === "appraisal" || k === "peerVotes" || k === "selfAppraised") {
      progress.push(v);
      return undefined;
    }
    return k === "exportedAt" ? 0 : v;
  });
  return { rest: JSON.parse(json), progress };
}

describe("secret peer ballot", () => {
  it("while the ballot is open, one member's sheet changes nothing a secretary or the committee can read but n of m", async () => {
    const voter = people[1]!;
    const before = { sec: withoutProgress(await readAll(sec)), admin: withoutProgress(await readAll(admin)) };

    await voter.c.request("PUT", `/api/eval-cycles/${cycleId}/appraisal/self`, { grade: "qualified", reason: "按时" });
    const votes = people
      .filter((p) => p !== voter)
      .map((p, i) => ({ rateeId: p.id, grade: i === 0 ? "excellent" : "unqualified", comment: "意见" }));
    expect((await voter.c.post(`/api/eval-cycles/${cycleId}/appraisal/peers`, { votes })).status).toBe(201);

    const after = { sec: withoutProgress(await readAll(sec)), admin: withoutProgress(await readAll(admin)) };
    expect(after.sec.rest).toEqual(before.sec.rest);
    expect(after.admin.rest).toEqual(before.admin.rest);
    // The reads are real: every one answers (the archive and index of each member included).
    for (const [who, reads] of Object.entries(before)) {
      for (const [path, r] of Object.entries(reads.rest)) {
        const outside = who === "sec" && path.includes(tree.committee.id);
        expect((r as { status: number }).status, `${who} ${path}`).toBe(
          path.startsWith("decide") ? 409 : outside ? 404 : 200,
        );
      }
    }
    const t1 = (await sec.get(`/api/eval-cycles/${cycleId}/tally`)).body;
    expect(t1.released).toBe(false);
    expect(t1.progress).toEqual({ total: 5, submitted: 1, selfAppraised: 1 });
    expect(t1.members.every((m: { tally: unknown }) => m.tally === null)).toBe(true);
    const dash = (await sec.get(`/api/eval-cycles/${cycleId}`)).body;
    expect(dash.appraisal).toEqual({ total: 5, submitted: 1, selfAppraised: 1 });
    // A decision is refused outright, whatever it tests: 409 naming when the ballot closes.
    const probe = await sec.request("PUT", `/api/eval-cycles/${cycleId}/decisions`, {
      decisions: [{ memberId: people[2]!.id, grade: "basic" }],
    });
    expect(probe.status).toBe(409);
    expect(probe.body.error.code).toBe("ballots_sealed");
    expect(probe.body.error.message).toContain("截止前不公布测评结果");
  });

  it("after the ballot closes the tally is readable, never names a voter, and no vote or extension can change it", async () => {
    for (const p of people.slice(2)) {
      const votes = people.filter((q) => q !== p).map((q) => ({ rateeId: q.id, grade: "qualified" }));
      await p.c.post(`/api/eval-cycles/${cycleId}/appraisal/peers`, { votes });
    }
    await setWindows(cycleId, { appraisal: [-2, -1], decision: [-1, 5] });
    const first = await sec.get(`/api/eval-cycles/${cycleId}/tally`);
    expect(first.body.released).toBe(true);
    expect(first.body.progress).toEqual({ total: 5, submitted: 4, selfAppraised: 1 });
    const row = first.body.members.find((m: { memberId: string }) => m.memberId === people[0]!.id);
    expect(row.tally.counts).toEqual({ excellent: 1, qualified: 3, basic: 0, unqualified: 0 });
    expect(JSON.stringify(first.body)).not.toContain("意见");
    expect(JSON.stringify(first.body)).not.toContain("voters");

    const late = await people[0]!.c.post(`/api/eval-cycles/${cycleId}/appraisal/peers`, {
      votes: [{ rateeId: people[1]!.id, grade: "basic" }],
    });
    expect(late.status).toBe(409);
    const closesAt = Date.now() + 3 * 86_400_000;
    const extend = await admin.post(`/api/eval-cycles/${cycleId}/extend`, { phase: "appraisal", closesAt });
    expect(extend.status).toBe(409);
    expect(extend.body.error.code).toBe("tally_fixed");
    expect((await sec.get(`/api/eval-cycles/${cycleId}/tally`)).body).toEqual(first.body);
  });
});
