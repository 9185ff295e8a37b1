import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, notifications } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { as, db, makeTree, makeUser } from "../fixtures";

// A service record awaiting review tells the branch's secretaries, in the batch that records it.

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const pendingNotices = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "service_pending")));

describe("a service record awaiting review", () => {
  it("tells the branch's secretaries once, not the member, not other branches or the committee", async () => {
    const sec2 = await makeUser("sec2", [[tree.branchA, "secretary"]]);
    const mem = await as(tree.memA);
    const created = await mem.post("/api/services", {
      category: "legal_aid",
      servedOn: "2026-03-02",
      hours: 3,
      place: "社区活动室",
      peopleServed: 12,
      description: "法律咨询",
    });
    expect(created.status).toBe(201);
    for (const u of [tree.secA, sec2]) {
      const [notice, ...more] = await pendingNotices(u.id);
      expect(more).toHaveLength(0);
      expect(notice).toMatchObject({
        // Opens on the branch the record belongs to, not on the reader's first org.
        link: `/services?org=${tree.branchA.id}`,
        key: `service:${created.body.id}`,
        params: { person: "memA" },
      });
    }
    for (const u of [tree.memA, tree.secB, tree.admin]) expect(await pendingNotices(u.id)).toHaveLength(0);
    // The link's page lists it for the secretary.
    const pending = await (await as(tree.secA)).get(`/api/orgs/${tree.branchA.id}/services?status=pending`);
    expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
  });

  it("a secretary's own record goes to the other secretaries only; a refused record notifies nobody", async () => {
    await db()
      .insert(memberships)
      .values({ id: newId(), userId: tree.secB.id, orgId: tree.branchA.id, role: "secretary", startedAt: Date.now() });
    const before = (await pendingNotices(tree.secB.id)).length;
    const own = await (await as(tree.secA)).post("/api/services", {
      category: "legal_aid",
      servedOn: "2026-03-03",
      hours: 1,
      place: "社区",
      peopleServed: 2,
      description: "义诊",
    });
    expect(own.status).toBe(201);
    expect((await pendingNotices(tree.secA.id)).map((n) => n.key)).not.toContain(`service:${own.body.id}`);
    expect(await pendingNotices(tree.secB.id)).toHaveLength(before + 1);
    const future = await (await as(tree.memA)).post("/api/services", {
      category: "legal_aid",
      servedOn: "2999-01-01",
      hours: 1,
      place: "社区",
      peopleServed: 2,
      description: "x",
    });
    expect(future.status).toBe(422);
    expect(await pendingNotices(tree.secB.id)).toHaveLength(before + 1);
  });
});
