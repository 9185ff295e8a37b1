import { describe, expect, it } from "vitest";
import { devCases, devSteps, users } from "../../schema";
import { planReport } from "../../worker/development/plan";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { as, db, makeOrg, makeTree } from "../fixtures";
import { addBranches, meterStatements } from "../lib/scale";
import { applicant, fullMembers, ok } from "./helpers";

const year = 2024;

describe("the annual development plan and its structure report", () => {
  it("counts the year's activists by age, gender, education and occupation against the committee's plan; CSV too", async () => {
    const t = await makeTree();
    const sec = await as(t.secA);
    const admin = await as(t.admin);
    const people = await fullMembers(t.branchA);
    const activist = async (over: Record<string, unknown>, on: string) => {
      const a = await applicant(sec, t.branchA.id, "2024-01-10", over);
      await ok(sec, a.caseId, "talk", "2024-01-20");
      await ok(sec, a.caseId, "activist", on, { mentorIds: [people[0]] });
      return a;
    };
    await activist(
      { gender: "female", birthOn: "1995-03-01", education: "bachelor", occupation: "farmer" },
      "2024-03-01",
    );
    await activist(
      { gender: "male", birthOn: "1980-03-01", education: "high_school", occupation: "frontline_worker" },
      "2024-04-01",
    );
    // 35 on the day of the step is not "under 35".
    await activist({ gender: "male", birthOn: "1989-05-01", occupation: "frontline_worker" }, "2024-05-01");
    // Another year does not count.
    const secB = await as(t.secB);
    const other = await applicant(secB, t.branchB.id, "2023-01-10", { gender: "female" });
    await ok(secB, other.caseId, "talk", "2023-01-20");
    await ok(secB, other.caseId, "activist", "2023-12-31", { mentorIds: [t.secB.id] });

    const plan = { target: 5, structure: { young: 2, women: 2, frontline: 1 }, note: "控制总量、优化结构" };
    expect((await sec.put(`/api/orgs/${t.branchA.id}/development/plans/${year}`, plan)).status).toBe(403);
    expect((await admin.put(`/api/orgs/${t.branchA.id}/development/plans/${year}`, plan)).status).toBe(422);
    expect(
      (await admin.put(`/api/orgs/${t.committee.id}/development/plans/${year}`, { ...plan, target: -1 })).status,
    ).toBe(400);
    expect((await admin.put(`/api/orgs/${t.committee.id}/development/plans/${year}`, plan)).status).toBe(200);
    // Saving again updates the one plan of the year.
    expect(
      (await admin.put(`/api/orgs/${t.committee.id}/development/plans/${year}`, { ...plan, target: 6 })).status,
    ).toBe(200);

    const r = await admin.get(`/api/orgs/${t.committee.id}/development/plans/${year}`);
    expect(r.status).toBe(200);
    expect(r.body.plan).toEqual({ ...plan, target: 6 });
    const row = r.body.rows.find((x: { step: string }) => x.step === "activist");
    expect(row).toMatchObject({ total: 3, young: 1, women: 1, frontline: 2, farmers: 1, higherEducation: 1 });
    expect(row.education).toMatchObject({ bachelor: 1, high_school: 1, unknown: 1 });
    expect(r.body.rows.find((x: { step: string }) => x.step === "approval").total).toBe(0);
    // A branch's secretary reads the report of their branch only; another branch's sees nothing.
    const mine = await sec.get(`/api/orgs/${t.branchA.id}/development/plans/${year}`);
    expect(mine.body.plan).toBeNull();
    expect((await secB.get(`/api/orgs/${t.branchA.id}/development/plans/${year}`)).status).toBe(404);
    expect((await admin.get(`/api/orgs/${t.committee.id}/development/plans/20x4`)).status).toBe(400);

    const csv = await admin.get(`/api/orgs/${t.committee.id}/development/plans/${year}/export`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (csv.body as string).trim().split("\r\n");
    // Every column and row by its name in the reader's language, no codes.
    expect(lines[0]).toContain("环节,人数,35岁以下,女性,一线工人,农牧渔民,大专及以上,按学历·研究生");
    expect(lines[0]).toContain("按职业·其他职业,按职业·未填写");
    expect(lines[0]).not.toMatch(/[a-z]_|young|unknown/);
    expect(lines[1]).toMatch(/^新确定入党积极分子,3,1,1,2,1,1,/);
    expect(lines.at(-1)).toMatch(/^计划,6,2,2,1,,/);
  });
});

/** Two people a branch who became activists in `year`, each with the two steps before: a case and three steps each. */
const activists = (branches: { id: string }[]) => {
  const people = branches.flatMap((b) =>
    [0, 1].map((i) => ({ user: newId(), caseId: newId(), orgId: b.id, female: i === 0 })),
  );
  const step = (caseId: string, s: "application" | "talk" | "activist", takenOn: string) => ({
    id: newId(),
    caseId,
    step: s,
    takenOn,
    actor: "seed",
    decision: "",
    evidence: "",
    data: {},
    recordedBy: "seed",
    createdAt: 0,
  });
  return [
    ...chunkedInserts(
      db(),
      users,
      people.map((p) => ({
        id: p.user,
        username: p.user,
        displayName: "积极分子",
        gender: p.female ? ("female" as const) : ("male" as const),
        createdAt: 0,
        updatedAt: 0,
      })),
    ),
    ...chunkedInserts(
      db(),
      devCases,
      people.map((p) => ({
        id: p.caseId,
        userId: p.user,
        orgId: p.orgId,
        stage: "activist" as const,
        createdAt: 0,
        updatedAt: 0,
      })),
    ),
    ...chunkedInserts(
      db(),
      devSteps,
      people.flatMap((p) => [
        step(p.caseId, "application", `${year}-01-10`),
        step(p.caseId, "talk", `${year}-01-20`),
        step(p.caseId, "activist", `${year}-03-01`),
      ]),
    ),
  ];
};

describe("the structure report at the size of a city", () => {
  it("reads its own subtree's cases, whatever the rest of the tenant holds; two statements in one round trip", async () => {
    const town = await makeOrg(null, "结构报告镇党委", "committee");
    const city = await makeOrg(null, "结构报告市委", "committee");
    const measure = async (org: { id: string; path: string }) => {
      const { result: report, ...meter } = await meterStatements(() => planReport(db(), org, year));
      return { meter, activist: report.rows.find((r) => r.step === "activist")! };
    };
    await addBranches(town, 20, activists);
    const alone = await measure(town);
    await addBranches(city, 2000, activists);
    const beside = await measure(town);
    const big = await measure(city);
    expect([alone.activist.total, beside.activist.total, big.activist.total]).toEqual([40, 40, 4000]);
    expect([big.activist.women, beside.meter.statements.length, big.meter.statements.length]).toEqual([2000, 2, 2]);
    // 4,000 more cases elsewhere in the tenant: the town's report reads the same rows.
    expect(Math.abs(beside.meter.rowsRead - alone.meter.rowsRead)).toBeLessThanOrEqual(2);
    // An aggregate of the subtree's own cases: about ten rows a case (its branch, the case, its entry steps,
    // the person, and the CTE's and the grouping's own rows).
    const perCase = big.meter.rowsRead / 4000;
    console.log(
      `plan report: ${alone.meter.rowsRead} rows for 40 cases (${beside.meter.rowsRead} beside 4,000 more), ${big.meter.rowsRead} for 4,000 (${perCase.toFixed(1)} a case)`,
    );
    expect(perCase).toBeLessThanOrEqual(10.5);
  }, 120_000);
});
