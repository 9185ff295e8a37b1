import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orglifeRules } from "../../schema";
import { as, db, makeTree } from "../fixtures";
import { held, thisYear } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

interface KindReport {
  kind: string;
  rhythm: { period: string; min: number };
  behind: number;
}
const kindOf = (report: { kinds: KindReport[] }, kind: string) => report.kinds.find((k) => k.kind === kind)!;

describe("the rhythm: a versioned default per committee", () => {
  it("starts from the 条例 with its article, and a committee's version applies from its year on, never earlier", async () => {
    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const year = thisYear();
    const start = (await sec.get(`/api/orgs/${tree.branchA.id}/orglife/kinds`)).body;
    expect(start.current.version).toBe(0);
    expect(start.current.values.lecture).toEqual({ period: "quarter", min: 1 });
    expect(start.current.sources.lecture).toContain("《中国共产党支部工作条例（试行）》");
    expect(start.kinds.map((k: { id: string }) => k.id)).toEqual([
      "general_meeting",
      "committee_meeting",
      "group_meeting",
      "lecture",
      "theme_day",
      "life_meeting",
    ]);

    // Only a committee's admin sets a version (a branch's secretary does not even see the committee),
    // on a committee, and never for a past year.
    const body = {
      fromYear: year,
      values: { lecture: { period: "month", min: 1 } },
      sources: { lecture: "市委组织部 2026 年通知" },
      note: "党课每月一次",
    };
    expect((await sec.post(`/api/orgs/${tree.committee.id}/orglife/rules`, body)).status).toBe(404);
    expect((await sec.post(`/api/orgs/${tree.branchA.id}/orglife/rules`, body)).status).toBe(403);
    expect((await admin.post(`/api/orgs/${tree.branchA.id}/orglife/rules`, body)).status).toBe(422);
    const past = await admin.post(`/api/orgs/${tree.committee.id}/orglife/rules`, { ...body, fromYear: year - 1 });
    expect(past.body.error.details).toEqual([{ path: "fromYear", code: "past_year" }]);
    const unknown = await admin.post(`/api/orgs/${tree.committee.id}/orglife/rules`, {
      ...body,
      values: { karaoke: { period: "month", min: 1 } },
      sources: { karaoke: "x" },
    });
    expect(unknown.status).toBe(422);
    const v1 = await admin.post(`/api/orgs/${tree.committee.id}/orglife/rules`, body);
    expect(v1.status).toBe(201);
    expect(v1.body.version).toBe(1);

    const now = (await sec.get(`/api/orgs/${tree.branchA.id}/orglife/kinds`)).body;
    expect(now.current).toMatchObject({ version: 1, fromYear: year, note: "党课每月一次" });
    expect(now.current.values.lecture).toEqual({ period: "month", min: 1 });
    expect(now.current.sources.lecture).toBe("市委组织部 2026 年通知");
    // Kinds it did not name keep the 条例's rhythm and article.
    expect(now.current.values.theme_day).toEqual({ period: "month", min: 1 });

    // Last year's report keeps last year's rhythm; this year's follows the new version.
    const last = (await sec.get(`/api/orgs/${tree.branchA.id}/orglife?year=${year - 1}`)).body;
    expect(kindOf(last, "lecture").rhythm).toEqual({ period: "quarter", min: 1 });
    expect(kindOf(last, "lecture").behind).toBe(4);
    const current = (await sec.get(`/api/orgs/${tree.branchA.id}/orglife?year=${year}`)).body;
    expect(kindOf(current, "lecture").rhythm).toEqual({ period: "month", min: 1 });

    // A second version is a new row; the first stays as it was.
    await admin.post(`/api/orgs/${tree.committee.id}/orglife/rules`, { ...body, fromYear: year + 1, note: "明年" });
    const rows = await db().select().from(orglifeRules).where(eq(orglifeRules.orgId, tree.committee.id));
    expect(rows.map((r) => [r.version, r.fromYear, r.note]).sort()).toEqual([
      [1, year, "党课每月一次"],
      [2, year + 1, "明年"],
    ]);
    expect((await sec.get(`/api/orgs/${tree.branchA.id}/orglife/kinds`)).body.current.version).toBe(1);
  });

  it("a committee adds a kind; its branches hold it and a rhythm may name it", async () => {
    const admin = await as(tree.admin);
    const sec = await as(tree.secB);
    const added = await admin.post(`/api/orgs/${tree.committee.id}/orglife/kinds`, { name: "集中学习" });
    expect(added.status).toBe(201);
    expect((await sec.post(`/api/orgs/${tree.branchB.id}/orglife/kinds`, { name: "x" })).status).toBe(403);
    const kinds = (await sec.get(`/api/orgs/${tree.branchB.id}/orglife/kinds`)).body.kinds;
    expect(kinds.at(-1)).toEqual({ id: added.body.id, name: "集中学习" });
    await held(sec, tree.branchB.id, added.body.id, `${thisYear()}-01-15`);
    const v = await admin.post(`/api/orgs/${tree.committee.id}/orglife/rules`, {
      fromYear: thisYear(),
      values: { [added.body.id]: { period: "quarter", min: 2 } },
      sources: { [added.body.id]: "本委规定" },
    });
    expect(v.status).toBe(201);
    const report = (await sec.get(`/api/orgs/${tree.branchB.id}/orglife`)).body;
    const custom = report.kinds.find((k: { kind: string }) => k.kind === added.body.id);
    expect(custom).toMatchObject({ name: "集中学习", held: 1, rhythm: { period: "quarter", min: 2 } });
  });
});
