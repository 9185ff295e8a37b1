import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../schema";
import { loadCycle } from "../../worker/evaluations/access";
import { remindMissing } from "../../worker/evaluations/analyses";
import { dayIn } from "../../worker/lib/day";
import { as, type Client, db, makeTree, makeUser } from "../fixtures";
import { DAY, makeSchedule, setWindows } from "./helpers";

// The secretary reminds the members who have not submitted their self-analysis: at most once per member
// per day in the branch's zone, whatever the number of presses; the ballot plays no part in it.

let tree: Awaited<ReturnType<typeof makeTree>>;
let sec: Client;
let cycleId: string;
let late: { id: string; username: string };

const content = {
  theory: "理论学习体会",
  stance: "立场坚定",
  duty: "履职尽责",
  service: "服务群众",
  problems: "存在问题",
  rectification: "1. 加强学习",
};
const nudges = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "nudge")));

beforeAll(async () => {
  tree = await makeTree();
  const admin = await as(tree.admin);
  sec = await as(tree.secA);
  late = await makeUser("late", [[tree.branchA, "member"]]);
  const sid = await makeSchedule(admin, tree.committee.id);
  await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchA.id });
  cycleId = (await sec.get(`/api/orgs/${tree.branchA.id}/eval-cycles`)).body.items[0].id;
  await setWindows(cycleId, { analysis: [-1, 5], appraisal: [6, 8], decision: [9, 10] });
  // memA submits; secA and late do not.
  const mem = await as(tree.memA);
  await mem.request("PUT", `/api/eval-cycles/${cycleId}/analysis`, { content });
  expect((await mem.post(`/api/eval-cycles/${cycleId}/analysis/submit`)).status).toBe(200);
});

describe("reminding members about their self-analysis", () => {
  it("notifies only those who have not submitted, once a day: a second press sends nothing and says so", async () => {
    const first = await sec.post(`/api/eval-cycles/${cycleId}/remind`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ missing: 2, sent: 2 });
    expect(await nudges(tree.memA.id)).toHaveLength(0);
    const [notice] = await nudges(late.id);
    expect(notice).toMatchObject({ link: `/evaluations/cycle/${cycleId}/analysis`, params: { phase: "analysis" } });
    expect(notice!.dueAt).toBeGreaterThan(Date.now());

    const again = await sec.post(`/api/eval-cycles/${cycleId}/remind`);
    expect(again.body).toEqual({ missing: 2, sent: 0 });
    expect(await nudges(late.id)).toHaveLength(1);
    expect(await nudges(tree.secA.id)).toHaveLength(1);
    // The member reads it among their notifications.
    const list = await (await as(late)).get("/api/notifications");
    expect(list.body.items.filter((n: { kind: string }) => n.kind === "nudge")).toHaveLength(1);
  });

  it("a member who joins later gets their one reminder; nobody else gets a second", async () => {
    const newcomer = await makeUser("newcomer", [[tree.branchA, "member"]]);
    const r = await sec.post(`/api/eval-cycles/${cycleId}/remind`);
    expect(r.body).toEqual({ missing: 3, sent: 1 });
    expect(await nudges(newcomer.id)).toHaveLength(1);
    expect(await nudges(late.id)).toHaveLength(1);
  });

  it("the next day in the branch's zone reminds again, once: two presses that day make two notices in all", async () => {
    const cycle = await loadCycle(db(), cycleId);
    const tomorrow = Date.now() + DAY;
    expect(await remindMissing(db(), cycle, tomorrow)).toEqual({ missing: 3, sent: 3 });
    expect(await remindMissing(db(), cycle, tomorrow)).toEqual({ missing: 3, sent: 0 });
    expect(await nudges(late.id)).toHaveLength(2);
    expect(await nudges(tree.memA.id)).toHaveLength(0);
    const keys = (await nudges(late.id)).map((n) => n.key.slice(-10)).sort();
    expect(keys).toEqual([dayIn(Date.now(), "Asia/Shanghai"), dayIn(tomorrow, "Asia/Shanghai")]);
  });

  it("members and other branches' secretaries may not remind; outside the window it names the window", async () => {
    expect((await (await as(tree.memA)).post(`/api/eval-cycles/${cycleId}/remind`)).status).toBe(403);
    expect((await (await as(tree.secB)).post(`/api/eval-cycles/${cycleId}/remind`)).status).toBe(404);
    await setWindows(cycleId, { analysis: [-3, -1] });
    const closed = await sec.post(`/api/eval-cycles/${cycleId}/remind`);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe("outside_window");
    expect(closed.body.error.details).toMatchObject({ phase: "analysis" });
  });
});
