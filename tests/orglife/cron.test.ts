import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications, orgs } from "../../schema";
import { cron } from "../evaluations/helpers";
import { as, db, makeTree } from "../fixtures";
import { held } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
  // Branch B keeps New York time: 17:00 UTC on March 31st is still March there, April in Shanghai.
  await db().update(orgs).set({ timeZone: "America/New_York" }).where(eq(orgs.id, tree.branchB.id));
});

const notices = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.kind, "orglife_%")));

/** A first quarter on the rhythm except the party lecture: monthly meetings, one general meeting. */
async function quarterWithoutLecture(sec: Awaited<ReturnType<typeof as>>, branchId: string) {
  for (const m of ["01", "02", "03"]) {
    for (const kind of ["committee_meeting", "group_meeting", "theme_day"])
      await held(sec, branchId, kind, `2026-${m}-10`);
  }
  await held(sec, branchId, "general_meeting", "2026-02-20");
}

describe("the rhythm in the cron tick, in each org's time zone", () => {
  it("tells each secretary what is due this month and the committee who is behind, once a month", async () => {
    await quarterWithoutLecture(await as(tree.secA), tree.branchA.id);
    await quarterWithoutLecture(await as(tree.secB), tree.branchB.id);
    const tick = Date.parse("2026-03-31T17:00:00Z");
    await cron(tick);

    // Shanghai: April 1st. Q1 ended without a lecture; everything of April, Q2 and the year is due.
    const a = await notices(tree.secA.id);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ kind: "orglife_due", key: `orglife-due:${tree.branchA.id}:2026-04` });
    expect((a[0]!.params as { kinds: string[] }).kinds.sort()).toEqual(
      ["committee_meeting", "general_meeting", "group_meeting", "lecture", "life_meeting", "theme_day"].sort(),
    );
    // New York: still March 31st. March's meetings were held; the lecture (Q1) and the year's meeting are due.
    const b = await notices(tree.secB.id);
    expect(b.map((n) => [n.key, (n.params as { kinds: string[] }).kinds.sort()])).toEqual([
      [`orglife-due:${tree.branchB.id}:2026-03`, ["lecture", "life_meeting"]],
    ]);
    // The committee (Shanghai): one branch behind, branch A; B's quarter has not ended yet.
    const c = await notices(tree.admin.id);
    expect(c.map((n) => [n.kind, n.key, (n.params as { n: number }).n])).toEqual([
      ["orglife_behind", `orglife-behind:${tree.committee.id}:2026-04`, 1],
    ]);
    // Each links to the page that shows it: the branch's rhythm, the committee's overview.
    expect(a[0]!.link).toBe(`/orglife?org=${tree.branchA.id}`);
    expect(c[0]!.link).toBe(`/orglife/overview?org=${tree.committee.id}`);
    expect((await (await as(tree.secA)).get(`/api/orgs/${tree.branchA.id}/orglife?year=2026`)).status).toBe(200);
    expect((await (await as(tree.admin)).get(`/api/orgs/${tree.committee.id}/orglife/behind?year=2026`)).status).toBe(
      200,
    );
    // Members are told nothing.
    expect(await notices(tree.memA.id)).toEqual([]);

    // Later ticks in the same month send nothing twice.
    await cron(tick + 3_600_000);
    await cron(tick + 2 * 86_400_000);
    expect(await notices(tree.secA.id)).toHaveLength(1);
    expect(await notices(tree.admin.id)).toHaveLength(1);
    // New York reaches April a few hours later: branch B gets its April notice then.
    expect((await notices(tree.secB.id)).map((n) => n.key).sort()).toEqual([
      `orglife-due:${tree.branchB.id}:2026-03`,
      `orglife-due:${tree.branchB.id}:2026-04`,
    ]);
  });

  it("counts the periods that ended in the branch's own zone in the committee's subtree view", async () => {
    const admin = await as(tree.admin);
    const summary = (await admin.get(`/api/orgs/${tree.committee.id}/orglife/behind/summary?year=2026`)).body;
    expect(summary).toMatchObject({ year: 2026, branches: 2, behind: 2 });
    const view = (await admin.get(`/api/orgs/${tree.committee.id}/orglife/behind?year=2026&limit=1`)).body;
    expect(view.items).toHaveLength(1);
    expect(view.next).toBe(view.items[0].branchId);
    const next = (await admin.get(`/api/orgs/${tree.committee.id}/orglife/behind?year=2026&after=${view.next}`)).body;
    const all = [...view.items, ...next.items];
    expect(all.map((b: { branchId: string }) => b.branchId).sort()).toEqual([tree.branchA.id, tree.branchB.id].sort());
    const lecture = all[0].behind.find((k: { kind: string }) => k.kind === "lecture");
    // Today (December) Q1–Q3 ended with no lecture: three periods short.
    expect(lecture).toMatchObject({ periods: 3, held: 0 });
    const csv = await admin.get(`/api/orgs/${tree.committee.id}/orglife/behind/export?year=2026`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(String(csv.body)).toContain("党课 3/0");
    // A branch secretary has no committee view.
    expect((await (await as(tree.secA)).get(`/api/orgs/${tree.branchA.id}/orglife/behind`)).status).toBe(403);
  });
});
