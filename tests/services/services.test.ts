import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents } from "../../schema";
import { as, db, makeTree } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const body = (over: Record<string, unknown> = {}) => ({
  category: "legal_aid",
  servedOn: "2026-03-02",
  hours: 3,
  place: "社区活动室",
  peopleServed: 12,
  description: "法律咨询",
  ...over,
});

describe("service records", () => {
  it("member records, secretary confirms, archive event written, lists paginated", async () => {
    const mem = await as(tree.memA);
    const created = await mem.post("/api/services", body());
    expect(created.status).toBe(201);
    const second = await mem.post("/api/services", body({ servedOn: "2026-03-01", hours: 1.5 }));
    expect(second.status).toBe(201);
    const mine = await mem.get("/api/services/mine?limit=1");
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.nextOffset).toBe(1);
    expect(mine.body.items[0].servedOn).toBe("2026-03-02");

    const sec = await as(tree.secA);
    const pending = await sec.get(`/api/orgs/${tree.branchA.id}/services?status=pending`);
    expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect((await sec.post(`/api/services/${created.body.id}/confirm`)).body.status).toBe("confirmed");
    expect((await sec.post(`/api/services/${created.body.id}/confirm`)).status).toBe(409);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, created.body.id));
    expect(events).toHaveLength(1);
    expect(events[0]?.kind).toBe("service");
    expect(events[0]?.memberId).toBe(tree.memA.id);

    const rejected = await sec.post(`/api/services/${second.body.id}/reject`, { reason: "无证明材料" });
    expect(rejected.body.status).toBe("rejected");
    const after = await mem.get("/api/services/mine");
    expect(after.body.items.find((i: { id: string }) => i.id === second.body.id).rejectReason).toBe("无证明材料");
    expect((await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, second.body.id))).length).toBe(0);
  });

  it("refuses bad input, future dates, reviews out of scope and self-review", async () => {
    const mem = await as(tree.memA);
    expect((await mem.post("/api/services", body({ hours: 0 }))).status).toBe(400);
    expect((await mem.post("/api/services", body({ category: "x" }))).status).toBe(400);
    expect((await mem.post("/api/services", body({ servedOn: "2026-02-30" }))).status).toBe(422);
    expect((await mem.post("/api/services", body({ servedOn: "2999-01-01" }))).status).toBe(422);
    const r = await mem.post("/api/services", body());
    // A plain member cannot review, another branch's secretary cannot even see it.
    expect((await mem.post(`/api/services/${r.body.id}/confirm`)).status).toBe(403);
    const secB = await as(tree.secB);
    expect((await secB.post(`/api/services/${r.body.id}/confirm`)).status).toBe(404);
    expect((await secB.get(`/api/orgs/${tree.branchA.id}/services`)).status).toBe(404);
    expect((await secB.post("/api/services/guessed-id/confirm")).status).toBe(404);
    // The committee sees the subtree and may review.
    const admin = await as(tree.admin);
    const all = await admin.get(`/api/orgs/${tree.committee.id}/services?status=pending`);
    expect(all.body.items.map((i: { id: string }) => i.id)).toContain(r.body.id);
    // A secretary's own record goes to the committee.
    const secA = await as(tree.secA);
    const own = await secA.post("/api/services", body());
    expect((await secA.post(`/api/services/${own.body.id}/confirm`)).status).toBe(403);
    expect((await admin.post(`/api/services/${own.body.id}/confirm`)).status).toBe(200);
    // Withdraw a pending record: only the author, only while pending.
    expect((await secB.request("DELETE", `/api/services/${r.body.id}`)).status).toBe(404);
    expect((await mem.request("DELETE", `/api/services/${r.body.id}`)).status).toBe(200);
  });
});
