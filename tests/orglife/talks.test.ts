import { beforeAll, describe, expect, it } from "vitest";
import { as, makeTree } from "../fixtures";
import { dayFromToday } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const SECRET = "家中老人住院，经济困难，希望组织关心";

describe("谈心谈话: the content stays with the branch's committee", () => {
  it("a member, another branch's secretary and the higher committee cannot read it, by any way in", async () => {
    const secA = await as(tree.secA);
    const admin = await as(tree.admin);
    const talk = await secA.post(`/api/orgs/${tree.branchA.id}/orglife/talks`, {
      talkedOn: dayFromToday(-2),
      participants: [tree.secA.id, tree.memA.id],
      topic: "思想工作谈心",
      content: SECRET,
    });
    expect(talk.status).toBe(201);
    const list = `/api/orgs/${tree.branchA.id}/orglife/talks`;
    const one = `/api/orglife/talks/${talk.body.id}`;
    const own = (await secA.get(list)).body;
    expect(own.content).toBe(true);
    expect(own.items[0]).toMatchObject({ topic: "思想工作谈心", content: SECRET });
    expect((await secA.get(one)).body.content).toBe(SECRET);

    // The member who talked: no way to the record (it is the committee's, not a shared note).
    const memA = await as(tree.memA);
    expect((await memA.get(list)).status).toBe(403);
    expect((await memA.get(one)).status).toBe(403);
    // Another branch's secretary: 404, the talk's existence included.
    const secB = await as(tree.secB);
    expect((await secB.get(list)).status).toBe(404);
    expect((await secB.get(one)).status).toBe(404);
    // The higher committee sees that the talk happened (date, participants, topic) to check the yearly
    // rhythm, never what was said; nor can it write a talk it could not read back.
    const seen = (await admin.get(list)).body;
    expect(seen.content).toBe(false);
    expect(seen.items[0]).toMatchObject({ topic: "思想工作谈心", participants: expect.any(Array) });
    expect(seen.items[0]).not.toHaveProperty("content");
    expect((await admin.get(one)).status).toBe(403);
    expect(
      (await admin.post(list, { talkedOn: dayFromToday(0), participants: [tree.memA.id], topic: "x", content: "y" }))
        .status,
    ).toBe(403);
    // Every other read the committee has of the branch: the year at a glance, the audit log, the
    // subtree view and its CSV, notifications. None carries the words.
    const reads = [
      `/api/orgs/${tree.branchA.id}/orglife`,
      `/api/orgs/${tree.committee.id}/audit`,
      `/api/orgs/${tree.committee.id}/orglife/behind`,
      `/api/orgs/${tree.committee.id}/orglife/behind/export`,
      "/api/notifications",
      list,
    ];
    for (const path of reads) {
      const r = await admin.get(path);
      expect(r.status, path).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain("经济困难");
    }
    expect((await admin.get(`/api/orgs/${tree.branchA.id}/orglife`)).body.talks).toBe(1);
  });

  it("names only people of the branch", async () => {
    const secA = await as(tree.secA);
    const r = await secA.post(`/api/orgs/${tree.branchA.id}/orglife/talks`, {
      talkedOn: dayFromToday(0),
      participants: [tree.memB.id],
      topic: "x",
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([{ path: "participants.0", code: "not_a_member" }]);
  });
});
