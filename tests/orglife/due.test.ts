import { and, eq, inArray, like, min } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dueWork, notifications, orgs } from "../../schema";
import { plansBeyondKeys } from "../development/recorded";
import { as, db, makeOrg, makeTree } from "../fixtures";
import { CLAIM, recordedTick } from "../lib/cron";
import { thisYear } from "./helpers";

// The rhythm through the due index: each branch and committee has a row due at its next month in its own
// zone (every period starts on one); a tick reads only the orgs whose moment came and the branches in them.

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
  await db().update(orgs).set({ timeZone: "America/New_York" }).where(eq(orgs.id, tree.branchB.id));
});

const T0 = Date.parse("2026-07-15T00:00:00Z");
const SHANGHAI_AUGUST = Date.parse("2026-07-31T16:00:00Z");
const NEW_YORK_AUGUST = Date.parse("2026-08-01T04:00:00Z");
const rowOf = async (orgId: string) =>
  (
    await db()
      .select()
      .from(dueWork)
      .where(and(eq(dueWork.kind, "orglife_rhythm"), eq(dueWork.subject, orgId)))
  )[0]?.dueAt ?? null;
const told = (userId: string) =>
  db()
    .select({ key: notifications.key })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.kind, "orglife_%")))
    .then((rows) => rows.map((r) => r.key).sort());
const ours = (ran: { sql: string }[]) => ran.filter((s) => /due_work|orglife_/.test(s.sql));

describe("the rhythm grows only with what is due", () => {
  it("each org waits for its next month in its own zone; a committee for its own and its branches'", async () => {
    await recordedTick(T0);
    expect(await told(tree.secA.id)).toEqual([`orglife-due:${tree.branchA.id}:2026-07`]);
    expect(await rowOf(tree.branchA.id)).toBe(SHANGHAI_AUGUST);
    expect(await rowOf(tree.branchB.id)).toBe(NEW_YORK_AUGUST);
    expect(await rowOf(tree.committee.id)).toBe(SHANGHAI_AUGUST);
  });

  it("an idle tick is the one claim and no message", async () => {
    const [next] = await db()
      .select({ at: min(dueWork.dueAt) })
      .from(dueWork);
    const idle = await recordedTick(next!.at! - 1);
    expect(idle.messages).toEqual([]);
    expect(ours(idle.ran).map((s) => s.sql)).toEqual([CLAIM]);
  });

  it("a busy tick takes the orgs whose month came, each told once; the committee again when New York's comes", async () => {
    const shanghai = await recordedTick(SHANGHAI_AUGUST + 60_000);
    expect(shanghai.messages).toEqual([]);
    // The claim, one read batch (orgs, rules, officers, held meetings), notices and the next moments.
    expect(ours(shanghai.ran).length).toBeLessThanOrEqual(8);
    // Each walks the claimed orgs by key and the branches inside them by path: no index of every org.
    expect(
      await plansBeyondKeys(shanghai.ran.filter((s) => /due_work|orglife_|json_each/.test(s.sql)).slice(1)),
    ).toEqual([]);
    expect(await told(tree.secA.id)).toEqual([
      `orglife-due:${tree.branchA.id}:2026-07`,
      `orglife-due:${tree.branchA.id}:2026-08`,
    ]);
    expect(await told(tree.secB.id)).toEqual([`orglife-due:${tree.branchB.id}:2026-07`]);
    expect(await told(tree.admin.id)).toEqual([
      `orglife-behind:${tree.committee.id}:2026-07`,
      `orglife-behind:${tree.committee.id}:2026-08`,
    ]);
    // Branch B was not due: its row is where it was; the committee's waits for New York's month.
    expect(await rowOf(tree.branchB.id)).toBe(NEW_YORK_AUGUST);
    expect(await rowOf(tree.committee.id)).toBe(NEW_YORK_AUGUST);

    // Two overlapping ticks at New York's month: B is told once, the committee nothing twice.
    await Promise.all([recordedTick(NEW_YORK_AUGUST + 60_000), recordedTick(NEW_YORK_AUGUST + 60_000)]);
    expect(await told(tree.secB.id)).toEqual([
      `orglife-due:${tree.branchB.id}:2026-07`,
      `orglife-due:${tree.branchB.id}:2026-08`,
    ]);
    expect(await told(tree.admin.id)).toHaveLength(2);
    expect(await rowOf(tree.branchB.id)).toBe(Date.parse("2026-09-01T04:00:00Z"));
    expect(await rowOf(tree.committee.id)).toBe(Date.parse("2026-08-31T16:00:00Z"));
  });

  it("a branch created, and a rhythm version saved, make what they change due at once", async () => {
    const added = await makeOrg(tree.committee, "新建支部", "branch");
    const path = [tree.committee.id, added.id];
    const rows = await db()
      .select()
      .from(dueWork)
      .where(and(eq(dueWork.kind, "orglife_rhythm"), inArray(dueWork.subject, path)));
    expect(rows.map((r) => [r.subject, r.dueAt]).sort()).toEqual(path.map((id) => [id, 0]).sort());
    await recordedTick(NEW_YORK_AUGUST + 3_600_000);
    expect(await rowOf(tree.branchA.id)).toBe(Date.parse("2026-08-31T16:00:00Z"));

    const admin = await as(tree.admin);
    const saved = await admin.post(`/api/orgs/${tree.committee.id}/orglife/rules`, {
      fromYear: thisYear(),
      values: { lecture: { period: "month", min: 1 } },
      sources: { lecture: "市委组织部通知" },
      note: "每月党课",
    });
    expect(saved.status).toBe(201);
    for (const id of [tree.committee.id, tree.branchA.id, tree.branchB.id, added.id]) expect(await rowOf(id)).toBe(0);
  });
});
