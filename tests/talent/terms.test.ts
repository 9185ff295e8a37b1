import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents } from "../../schema";
import { as, db, makeTree, makeUser } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const practice = (memberId: string, over: Record<string, unknown> = {}) => ({
  kind: "practice",
  memberId,
  title: "驻村工作队队员",
  place: "village",
  host: "红旗村委会",
  duties: "协助村级产业项目，每月驻村不少于20天",
  startsOn: "2026-03-01",
  endsOn: "2026-08-31",
  ...over,
});

describe("practice posts", () => {
  it("the committee assigns, the host assesses at the end, both in the member's archive (visible to them)", async () => {
    const member = await makeUser("practiser", [[tree.branchB, "member"]]);
    const admin = await as(tree.admin);
    const opened = await admin.post("/api/talent/terms", practice(member.id));
    expect(opened.status).toBe(201);
    const listed = await (await as(tree.secB)).get(`/api/orgs/${tree.branchB.id}/talent/terms?kind=practice`);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(opened.body.id);
    const before = await admin.post(`/api/talent/terms/${opened.body.id}/close`, {
      on: "2026-02-01",
      grade: "excellent",
      assessment: "x",
    });
    expect(before.status).toBe(422);
    expect(before.body.error.code).toBe("out_of_order");
    const closed = await admin.post(`/api/talent/terms/${opened.body.id}/close`, {
      on: "2026-09-01",
      grade: "excellent",
      assessment: "产业项目按期落地",
    });
    expect(closed.status).toBe(200);
    const twice = await admin.post(`/api/talent/terms/${opened.body.id}/close`, {
      on: "2026-09-02",
      grade: "basic",
      assessment: "x",
    });
    expect(twice.status).toBe(409);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.subjectId, opened.body.id));
    expect(events.map((e) => e.kind).sort()).toEqual(["talent.term_closed", "talent.term_opened"]);
    const own = await (await as(member)).get(`/api/archives/${member.id}`);
    const closedEvent = own.body.items.find((e: { kind: string }) => e.kind === "talent.term_closed");
    expect(closedEvent.summary).toMatchObject({ grade: "excellent", assessment: "产业项目按期落地" });
  });

  it("refusals: a secretary does not hand out practice posts, nor to themself; bad dates; another subtree", async () => {
    const member = await makeUser("p2", [[tree.branchB, "member"]]);
    const secB = await as(tree.secB);
    expect((await secB.post("/api/talent/terms", practice(member.id))).status).toBe(403);
    const admin = await as(tree.admin);
    const bad = await admin.post("/api/talent/terms", practice(member.id, { endsOn: "2026-02-01" }));
    expect(bad.status).toBe(422);
    expect((await admin.post("/api/talent/terms", practice(member.id, { place: undefined }))).status).toBe(422);
    expect((await admin.post("/api/talent/terms", practice(member.id, { startsOn: "2026-02-30" }))).status).toBe(400);
    expect(
      (await (await as(tree.secA)).post("/api/talent/terms", { ...practice(member.id), kind: "advisor" })).status,
    ).toBe(404);
    const adminMember = await makeUser("adminMember", [
      [tree.committee, "admin"],
      [tree.branchB, "member"],
    ]);
    const own = await (await as(adminMember)).post("/api/talent/terms", practice(adminMember.id));
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("own_case");
  });
});

describe("rotating advisors (轮职参事)", () => {
  it("a branch gives a member without a post one term at a time, and closes it with an assessment", async () => {
    const member = await makeUser("advisor", [[tree.branchA, "member"]]);
    const sec = await as(tree.secA);
    const term = {
      ...practice(member.id),
      kind: "advisor",
      title: "轮职参事",
      place: undefined,
      host: "社区支部委员会",
      duties: "列席支委会，牵头楼栋议事",
    };
    const opened = await sec.post("/api/talent/terms", term);
    expect(opened.status).toBe(201);
    const second = await sec.post("/api/talent/terms", { ...term, startsOn: "2026-09-01", endsOn: "2026-12-31" });
    expect(second.status).toBe(409);
    expect(
      (
        await sec.post(`/api/talent/terms/${opened.body.id}/close`, {
          on: "2026-08-31",
          grade: "competent",
          assessment: "按时列席，提出3条建议",
        })
      ).status,
    ).toBe(200);
    expect(
      (await sec.post("/api/talent/terms", { ...term, startsOn: "2026-09-01", endsOn: "2026-12-31" })).status,
    ).toBe(201);
  });

  it("a member with a post is not an advisor; a member does not close their own term", async () => {
    const sec = await as(tree.secA);
    const officer = await makeUser("officer", [
      [tree.branchA, "member"],
      [tree.school, "school"],
    ]);
    const term = { ...practice(officer.id), kind: "advisor", title: "轮职参事", place: undefined, host: "支委会" };
    const r = await sec.post("/api/talent/terms", term);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("has_post");
    const plain = await makeUser("plain", [[tree.branchA, "member"]]);
    const opened = await sec.post("/api/talent/terms", { ...term, memberId: plain.id });
    const mine = await (await as(plain)).post(`/api/talent/terms/${opened.body.id}/close`, {
      on: "2026-09-01",
      grade: "excellent",
      assessment: "x",
    });
    expect(mine.status).toBe(403);
  });
});
