import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { offlineCredits, orglifeAttendance } from "../../schema";
import { app } from "../../worker/app";
import { as, db, makeTree, makeUser } from "../fixtures";
import { dayFromToday, plan, present, record } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

describe("who keeps and reads organisational life", () => {
  it("the branch's secretary and the committees above, by subtree; members and other branches not", async () => {
    const secA = await as(tree.secA);
    const id = await plan(secA, tree.branchA.id);
    const paths = [`/api/orglife/meetings/${id}`, `/api/orgs/${tree.branchA.id}/orglife`];
    for (const p of paths) {
      expect((await secA.get(p)).status).toBe(200);
      expect((await (await as(tree.admin)).get(p)).status).toBe(200);
      // Another branch's secretary and another tree's committee learn nothing, not even that it exists.
      expect((await (await as(tree.secB)).get(p)).status).toBe(404);
      const stranger = await makeTree();
      expect((await (await as(stranger.admin)).get(p)).status).toBe(404);
      // A member of the branch sees it is there but may not read or keep it.
      expect((await (await as(tree.memA)).get(p)).status).toBe(403);
    }
    const secB = await as(tree.secB);
    expect((await record(secB, id, present(tree.memB.id))).status).toBe(404);
    expect(
      (
        await secB.post(`/api/orgs/${tree.branchA.id}/orglife/meetings`, {
          kind: "lecture",
          topic: "x",
          meetingOn: dayFromToday(0),
        })
      ).status,
    ).toBe(404);
    expect((await secB.post(`/api/orglife/meetings/${id}/cancel`)).status).toBe(404);
    // Meetings belong to a branch, not to a committee.
    const r = await (await as(tree.admin)).post(`/api/orgs/${tree.committee.id}/orglife/meetings`, {
      kind: "lecture",
      topic: "x",
      meetingOn: dayFromToday(0),
    });
    expect(r.body.error.details).toEqual([{ path: "orgId", code: "not_a_branch" }]);
  });

  it("no member checks in anywhere: every write the API has, tried by a member, marks no attendance", async () => {
    const secA = await as(tree.secA);
    const member = await makeUser("checkin", [[tree.branchA, "member"]]);
    const id = await plan(secA, tree.branchA.id, { studyHours: 2, meetingOn: dayFromToday(0) });
    const me = await as(member);
    const checkIn = {
      status: "present",
      userId: member.id,
      attendance: [{ userId: member.id, status: "present" }],
      content: "签到",
      latitude: 39.9,
      longitude: 116.4,
    };
    const writes = app.routes.filter(
      (r) =>
        ["POST", "PUT", "PATCH", "DELETE"].includes(r.method) &&
        r.path.startsWith("/api/") &&
        !r.path.startsWith("/api/auth"),
    );
    expect(writes.length).toBeGreaterThan(50);
    let tried = 0;
    for (const route of writes) {
      for (const target of [id, tree.branchA.id]) {
        const path = route.path.replace(/:\w+/g, target);
        const res = await me.request(route.method, path, checkIn);
        if (path.includes("orglife")) expect(res.status, `${route.method} ${path}`).toBeGreaterThanOrEqual(400);
        tried++;
      }
    }
    expect(tried).toBe(writes.length * 2);
    expect(await db().select().from(orglifeAttendance).where(eq(orglifeAttendance.meetingId, id))).toEqual([]);
    expect(await db().select().from(offlineCredits).where(eq(offlineCredits.userId, member.id))).toEqual([]);
    // The member is still signed in (nothing above logged them out) and their study shows no hours.
    expect((await me.get("/api/study/mine")).body.offlineHours).toBe(0);
  }, 90_000);
});
