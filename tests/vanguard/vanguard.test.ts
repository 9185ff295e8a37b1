import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, memberships, serviceRecords, users, vanguardAdjustments, vanguardScores } from "../../schema";
import { DEFAULT_MODEL } from "../../schema/vanguard/values";
import { dayEnd, dayStart } from "../../worker/lib/day";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { scoreBranch } from "../../worker/vanguard/branch";
import { computeScore } from "../../worker/vanguard/score";
import { nameSources } from "../../worker/vanguard/sources";
import { as, Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { meterStatements, tally } from "../lib/scale";

let tree: Awaited<ReturnType<typeof makeTree>>;
let y: { id: string; username: string };
let z: { id: string; username: string };
let q: { id: string; username: string };
let w: { id: string; username: string };
const year = new Date().getUTCFullYear();
const from = `${year}-01-01`;
const to = `${year}-12-31`;
const start = dayStart(from);
const end = dayEnd(to);
const inPeriod = start + 10 * 86_400_000;
const future = "2999-12-31";
const all = (a: string) => ({ attitude: a, example: a, solving: a, integrity: a });
let ip = 0;
const rate = (token: string, answer: string) =>
  new Client().request(
    "POST",
    `/api/public/ratings/${token}`,
    { answers: all(answer) },
    { "CF-Connecting-IP": `10.1.0.${++ip}` },
  );

function service(memberId: string, hours: number, status: "confirmed" | "pending", servedAt = inPeriod) {
  return {
    id: newId(),
    memberId,
    orgId: tree.branchA.id,
    category: "volunteer" as const,
    servedOn: "x",
    servedAt,
    hours,
    place: "p",
    peopleServed: 1,
    description: "d",
    status,
    createdAt: Date.now(),
  };
}
function adjustment(
  memberId: string,
  kind: "bonus" | "deduction" | "veto",
  points: number,
  status: "approved" | "pending" = "approved",
) {
  return {
    id: newId(),
    memberId,
    orgId: tree.branchA.id,
    kind,
    points,
    reason: `${kind} ${points}`,
    evidence: "e",
    occurredOn: "x",
    occurredAt: inPeriod,
    status,
    recordedBy: tree.secA.id,
    createdAt: Date.now(),
  };
}

beforeAll(async () => {
  tree = await makeTree();
  y = await makeUser("y-nodata", [[tree.branchA, "member"]]);
  z = await makeUser("z-caps", [[tree.branchA, "member"]]);
  q = await makeUser("q-belowk", [[tree.branchA, "member"]]);
  w = await makeUser("w-veto", [[tree.branchA, "member"]]);
  // memA: 3 + 5.5 confirmed in the period; pending and last year's do not count.
  await db()
    .insert(serviceRecords)
    .values([
      service(tree.memA.id, 3, "confirmed"),
      service(tree.memA.id, 5.5, "confirmed"),
      service(tree.memA.id, 4, "pending"),
      service(tree.memA.id, 2, "confirmed", start - 86_400_000),
      service(z.id, 20, "confirmed"),
    ]);
  await db()
    .insert(vanguardAdjustments)
    .values([
      adjustment(tree.memA.id, "bonus", 3),
      adjustment(tree.memA.id, "bonus", 5, "pending"),
      adjustment(tree.memA.id, "deduction", 2),
      adjustment(z.id, "bonus", 15),
      adjustment(z.id, "deduction", 15),
      adjustment(z.id, "deduction", 10),
      adjustment(w.id, "veto", 0),
      adjustment(w.id, "bonus", 5),
    ]);
  const sec = await as(tree.secA);
  const round = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
    title: "民评",
    target: "member",
    rateeIds: [tree.memA.id, z.id, q.id],
    tokensPerRatee: 5,
    closesOn: future,
  });
  const tok = (id: string) =>
    round.body.tokens.filter((t: { rateeId: string }) => t.rateeId === id).map((t: { token: string }) => t.token);
  // memA: 3 satisfied, 1 basic, 1 unsatisfied -> 16 of 20 answers good = 0.8
  const a = tok(tree.memA.id);
  for (const [i, ans] of ["satisfied", "satisfied", "satisfied", "basic", "unsatisfied"].entries()) {
    expect((await rate(a[i], ans)).status).toBe(201);
  }
  for (const t of tok(z.id)) expect((await rate(t, "satisfied")).status).toBe(201);
  for (const t of tok(q.id).slice(0, 4)) expect((await rate(t, "satisfied")).status).toBe(201);
  // Ratings count once their round has closed (before, each new one would show by difference).
  expect((await sec.post(`/api/rating-rounds/${round.body.round.id}/close`)).status).toBe(200);
});

const sum = (e: any) =>
  Math.round(
    (e.lines.reduce((s: number, l: any) => s + l.contribution, 0) +
      e.adjustments.reduce((s: number, a: any) => s + a.contribution, 0)) *
      100,
  ) / 100;

describe("vanguard index", () => {
  it("each indicator and the score match the hand computation; explanation adds up", async () => {
    const r = await scoreBranch(db(), tree.branchA.id, start, end, Date.now(), { store: false });
    const a = r.members.find((m) => m.memberId === tree.memA.id)!;
    expect(a.inputs.service).toMatchObject({ value: 8.5, unit: "hours" });
    expect((a.inputs.service as any).sources.map((s: any) => s.value).sort()).toEqual([3, 5.5]);
    expect(a.inputs.masses).toMatchObject({ value: 0.8, unit: "ratio" });
    expect((a.inputs.masses as any).sources).toHaveLength(1);
    expect(a.inputs.manual_bonus).toMatchObject({ value: 3 });
    expect(a.inputs.manual_deduction).toMatchObject({ value: 2 });
    expect(a.inputs.veto).toMatchObject({ value: 0 });
    // No course assigned to the branch: missing, never zero. No quiz or exam required: missing too.
    expect(a.inputs.study).toEqual({ missing: true, reason: "no_assignments" });
    expect(a.inputs.mastery).toEqual({ missing: true, reason: "no_required_quizzes" });
    // Registered, but no evaluation cycle in the period: missing too.
    expect(a.inputs.self_analysis).toMatchObject({ missing: true, reason: "no_cycle" });
    expect(a.inputs.appraisal).toMatchObject({ missing: true, reason: "no_decision" });
    // masses 10 × 0.8 = 8 of 10 present base points -> 48 of 60; bonus 8.5 × 0.5 + 3 = 7.25; minus 2.
    expect(a.score).toBe(53.25);
    expect(a.status).toBe("scored");
    const byKey = Object.fromEntries(a.explanation.lines.map((l) => [l.key, l]));
    expect(byKey.masses).toMatchObject({ points: 8, contribution: 48 });
    expect(byKey.service).toMatchObject({ points: 4.25, contribution: 4.25 });
    expect(byKey.study).toMatchObject({ status: "missing", contribution: 0 });
    expect(a.explanation.coverage).toBeCloseTo(10 / 60, 3);
    expect(sum(a.explanation)).toBe(a.score);
  });

  it("names every source as the member knows it (never a bare id), in one query for any number", async () => {
    const me = await as(tree.memA);
    const r = await me.get(`/api/vanguard/members/${tree.memA.id}/preview?from=${from}&to=${to}`);
    expect(r.status).toBe(200);
    const sources = r.body.explanation.lines.flatMap((l: { sources: unknown[] }) => l.sources);
    expect(sources.length).toBeGreaterThan(3);
    for (const s of sources) {
      expect(s.name).not.toBe("");
      expect(s.name).not.toContain(s.id);
      expect(JSON.stringify(s)).not.toMatch(/"(label|title)":/);
    }
    const of = (type: string) => sources.filter((s: { type: string }) => s.type === type);
    expect(of("service_record").map((s: any) => [s.category, s.value, s.at, s.link])).toEqual([
      ["volunteer", 3, inPeriod, "/services"],
      ["volunteer", 5.5, inPeriod, "/services"],
    ]);
    expect(of("rating_round")).toMatchObject([{ name: "民评", value: 5 }]);
    expect(of("rating_round")[0].link).toMatch(/^\/masses\/[^/]+$/);
    expect(of("vanguard_adjustment").map((s: any) => [s.name, s.link])).toEqual(
      expect.arrayContaining([
        ["bonus 3", null],
        ["deduction 2", null],
      ]),
    );
    // Naming costs one round trip (one read per kind of record) for one explanation or the whole branch's.
    const all = await scoreBranch(db(), tree.branchA.id, start, end, Date.now(), { store: false });
    const one = await meterStatements(() => nameSources(db(), all.members.slice(0, 1)));
    const many = await meterStatements(() => nameSources(db(), [...all.members, ...all.members, ...all.members]));
    expect(one.roundTrips).toBe(1);
    expect(tally(many)).toEqual({ roundTrips: 1, statements: 3 });
  });

  it("missing data, k threshold, caps and veto", async () => {
    const r = await scoreBranch(db(), tree.branchA.id, start, end, Date.now(), { store: false });
    const get = (id: string) => r.members.find((m) => m.memberId === id)!;
    const none = get(y.id);
    expect(none.status).toBe("insufficient_data");
    expect(none.score).toBeNull();
    expect(none.inputs.service).toMatchObject({ value: 0 });
    expect(none.inputs.masses).toEqual({ missing: true, reason: "no_ratings", detail: { ratings: 0 } });
    expect(get(q.id).inputs.masses).toMatchObject({ missing: true, reason: "below_k" });
    const caps = get(z.id);
    // base 60 (all satisfied); bonus 10 + 15 = 25 capped to 20; deductions 25 clipped to the item max 20.
    expect(caps.score).toBe(60);
    expect(caps.explanation.adjustments).toEqual([{ kind: "bonus_cap", contribution: -5 }]);
    expect(sum(caps.explanation)).toBe(60);
    const veto = get(w.id);
    expect(veto).toMatchObject({ status: "vetoed", score: 0 });
    expect(sum(veto.explanation)).toBe(0);
    // A model with a small deduction cap: the cap line gives points back, and totals still add up.
    const model = { ...DEFAULT_MODEL, deductionCap: 5 };
    const e = computeScore(model, caps.inputs);
    expect(e.adjustments).toContainEqual({ kind: "deduction_cap", contribution: 15 });
    expect(e.score).toBe(75);
    expect(sum(e)).toBe(75);
  });

  it("stores scores with the model version and inputs; recomputes; one archive event per period", async () => {
    const admin = await as(tree.admin);
    const model = {
      ...DEFAULT_MODEL,
      items: DEFAULT_MODEL.items.map((i) => (i.key === "service" ? { ...i, rule: { kind: "linear", perUnit: 1 } } : i)),
    };
    const saved = await admin.post(`/api/orgs/${tree.committee.id}/vanguard/models`, {
      name: "市委 2026",
      definition: model,
    });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toBe(1);
    expect(
      (
        await admin.post(`/api/orgs/${tree.committee.id}/vanguard/models`, {
          name: "bad",
          definition: { ...model, base: 50 },
        })
      ).status,
    ).toBe(422);
    for (let i = 0; i < 2; i++) {
      const r = await admin.post(`/api/orgs/${tree.branchA.id}/vanguard/score`, { from, to });
      expect(r.status).toBe(200);
      expect(r.body.model.version).toBe(1);
    }
    const [row] = await db()
      .select()
      .from(vanguardScores)
      .where(and(eq(vanguardScores.memberId, tree.memA.id), eq(vanguardScores.periodStart, start)));
    expect(row).toMatchObject({ modelVersion: 1, modelId: saved.body.id, score: 57.5, status: "scored" });
    expect(computeScore(model as any, row!.inputs as any).score).toBe(57.5);
    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.memberId, tree.memA.id), eq(archiveEvents.kind, "vanguard")));
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toMatchObject({ score: 57.5, modelVersion: 1 });
    // The member reads their own index and its explanation.
    const me = await as(tree.memA);
    const mine = await me.get(`/api/vanguard/members/${tree.memA.id}/scores`);
    expect(mine.body.items[0]).toMatchObject({ score: 57.5, modelVersion: 1 });
    expect(sum(mine.body.items[0].explanation)).toBe(57.5);
    const preview = await me.get(`/api/vanguard/members/${tree.memA.id}/preview?from=${from}&to=${to}`);
    expect(preview.body).toMatchObject({ score: 57.5, model: { version: 1 } });
  });

  it("rights by subtree, no ranking, committee sees counts per band and no mean standing for the branch", async () => {
    const me = await as(tree.memA);
    expect((await me.get(`/api/vanguard/members/${tree.secA.id}/scores`)).status).toBe(403);
    expect((await me.get(`/api/orgs/${tree.branchA.id}/vanguard?from=${from}&to=${to}`)).status).toBe(403);
    expect((await me.get(`/api/orgs/${tree.branchA.id}/vanguard/preview?from=${from}&to=${to}`)).status).toBe(403);
    const secB = await as(tree.secB);
    expect((await secB.get(`/api/vanguard/members/${tree.memA.id}/scores`)).status).toBe(404);
    expect((await secB.get(`/api/orgs/${tree.branchA.id}/vanguard?from=${from}&to=${to}`)).status).toBe(404);
    const secA = await as(tree.secA);
    expect((await secA.post(`/api/orgs/${tree.branchA.id}/vanguard/score`, { from, to })).status).toBe(403);
    const branch = await secA.get(`/api/orgs/${tree.branchA.id}/vanguard?from=${from}&to=${to}`);
    expect(branch.body.kind).toBe("branch");
    const names = branch.body.members.map((m: { name: string }) => m.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    // No ranking field anywhere (matched as keys: random ids may contain the letters "rank").
    expect(JSON.stringify(branch.body)).not.toMatch(/"(rank|ranking|position|place)"\s*:/i);
    // The branch's own index is the bastion feature's: no mean of members stands in for it.
    expect(branch.body.branch).not.toHaveProperty("mean");
    const counted = Object.values(branch.body.branch.distribution as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(counted).toBe(branch.body.branch.members);
    const admin = await as(tree.admin);
    const sub = await admin.get(`/api/orgs/${tree.committee.id}/vanguard?from=${from}&to=${to}`);
    expect(sub.body.kind).toBe("subtree");
    expect(sub.body.subtree.branches).toHaveLength(1);
    expect(sub.body.subtree.distribution.missing).toBeGreaterThan(0);
    expect(JSON.stringify(sub.body)).not.toContain("memA");
  });

  it("manual items: secretary records with evidence, committee approves, not self-approved", async () => {
    const secA = await as(tree.secA);
    const r = await secA.post("/api/vanguard/adjustments", {
      memberId: y.id,
      kind: "bonus",
      points: 2,
      reason: "抗洪",
      evidence: "照片",
      occurredOn: from,
    });
    expect(r.status).toBe(201);
    expect((await secA.post(`/api/vanguard/adjustments/${r.body.id}/review`, { approve: true })).status).toBe(403);
    const secB = await as(tree.secB);
    expect(
      (
        await secB.post("/api/vanguard/adjustments", {
          memberId: y.id,
          kind: "bonus",
          points: 2,
          reason: "x",
          evidence: "x",
          occurredOn: from,
        })
      ).status,
    ).toBe(404);
    const admin = await as(tree.admin);
    const pending = await admin.get(`/api/orgs/${tree.committee.id}/vanguard/adjustments`);
    expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(r.body.id);
    expect((await admin.post(`/api/vanguard/adjustments/${r.body.id}/review`, { approve: true })).body.status).toBe(
      "approved",
    );
    expect((await admin.post(`/api/vanguard/adjustments/${r.body.id}/review`, { approve: true })).status).toBe(409);
    const ev = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, r.body.id));
    expect(ev).toHaveLength(1);
  });

  it("scores a branch of 200 members in a fixed number of queries", async () => {
    const big = await makeOrg(tree.committee, "大支部", "branch");
    const now = Date.now();
    const people = Array.from({ length: 200 }, (_, i) => ({
      id: newId(),
      username: `bulk-${i}-${newId().slice(0, 4)}`,
      displayName: `党员${i}`,
      createdAt: now,
      updatedAt: now,
    }));
    await db().batch(chunkedInserts(db(), users, people) as [any, ...any[]]);
    await db().batch(
      chunkedInserts(
        db(),
        memberships,
        people.map((p) => ({ id: newId(), userId: p.id, orgId: big.id, role: "member" as const, startedAt: now })),
      ) as [any, ...any[]],
    );
    const small = await meterStatements(() => scoreBranch(db(), tree.branchA.id, start, end, now, { store: true }));
    const t0 = performance.now();
    const large = await meterStatements(() => scoreBranch(db(), big.id, start, end, now, { store: true }));
    const ms = performance.now() - t0;
    const r = large.result;
    expect(r.members).toHaveLength(200);
    // 1 org + (members, models, 11 indicators, the pledges and practice ones among them) + (2 × ceil(200/100) + 1) writes
    expect(tally(large)).toEqual({ statements: 19, roundTrips: 3 });
    expect(tally(small)).toEqual({ statements: 17, roundTrips: 3 });
    const stored = await db().select().from(vanguardScores).where(eq(vanguardScores.orgId, big.id));
    expect(stored).toHaveLength(200);
    console.log(
      `scoreBranch 200 members: ${ms.toFixed(1)} ms, ${large.statements.length} statements, ${large.roundTrips} round trips`,
    );
  });
});
