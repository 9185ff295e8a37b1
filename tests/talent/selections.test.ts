import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, memberships } from "../../schema";
import { DEFAULT_RULE } from "../../schema/talent/values";
import { newId } from "../../worker/lib/ids";
import { as, db, makeTree, makeUser } from "../fixtures";
import { fullAssessment, nominated } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const evidence = DEFAULT_RULE.criteria.map((c) => ({ key: c.key, text: `${c.label}：有据可查` }));
const decision = (candidateId: string) => ({
  candidateId,
  on: "2026-05-01",
  reason: "一好双强突出，群众认可度高",
  duties: "抓党建促乡村振兴，年度目标：村集体经济收入增长10%",
  termStartsOn: "2026-05-01",
  termEndsOn: "2031-04-30",
});

describe("choosing a branch secretary", () => {
  it("candidates through channels with evidence per criterion; the higher committee decides; the role is granted; results read from the archive", async () => {
    const admin = await as(tree.admin);
    const reserve = await makeUser("reserveCand", [[tree.branchB, "member"]]);
    const veteran = await makeUser("veteranCand", [[tree.branchB, "member"]]);
    const poolId = await nominated(await as(tree.secB), reserve.id);
    await admin.post(`/api/talent/reserves/${poolId}/assessment`, fullAssessment());

    const sel = await admin.post(`/api/orgs/${tree.branchB.id}/talent/selections`, { on: "2026-04-01" });
    expect(sel.status).toBe(201);
    const a = await admin.post(`/api/talent/selections/${sel.body.id}/candidates`, {
      memberId: reserve.id,
      channel: "reserve_pool",
      evidence,
    });
    expect(a.status).toBe(201);
    const thin = await admin.post(`/api/talent/selections/${sel.body.id}/candidates`, {
      memberId: veteran.id,
      channel: "veteran",
      evidence: evidence.slice(0, 2),
    });
    expect(thin.status).toBe(422);
    expect(thin.body.error.code).toBe("criteria_unmet");
    const notPool = await admin.post(`/api/talent/selections/${sel.body.id}/candidates`, {
      memberId: veteran.id,
      channel: "reserve_pool",
      evidence,
    });
    expect(notPool.status).toBe(422);
    expect(
      (
        await admin.post(`/api/talent/selections/${sel.body.id}/candidates`, {
          memberId: veteran.id,
          channel: "veteran",
          evidence,
        })
      ).status,
    ).toBe(201);

    // The branch's own secretary neither adds candidates nor decides.
    const secB = await as(tree.secB);
    const bySec = await secB.post(`/api/talent/selections/${sel.body.id}/decision`, decision(a.body.id));
    expect(bySec.status).toBe(403);
    expect(bySec.body.error.code).toBe("higher_committee_only");
    expect((await (await as(tree.secA)).get(`/api/talent/selections/${sel.body.id}`)).status).toBe(404);

    // An appraisal during the term, recorded by evaluations in the archive, shows as the term's result.
    await db()
      .insert(archiveEvents)
      .values({
        id: newId(),
        memberId: reserve.id,
        orgId: tree.branchB.id,
        kind: "appraisal_grade",
        summary: { cycle: "2026年度民主评议", grade: "excellent" },
        occurredAt: Date.parse("2026-11-20T00:00:00+08:00"),
        createdAt: Date.now(),
      });
    const decided = await admin.post(`/api/talent/selections/${sel.body.id}/decision`, decision(a.body.id));
    expect(decided.status).toBe(200);
    expect((await admin.post(`/api/talent/selections/${sel.body.id}/decision`, decision(a.body.id))).status).toBe(409);
    const role = await db()
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, reserve.id),
          eq(memberships.orgId, tree.branchB.id),
          eq(memberships.role, "secretary"),
          isNull(memberships.endedAt),
        ),
      );
    expect(role).toHaveLength(1);
    const detail = await secB.get(`/api/talent/selections/${sel.body.id}`);
    expect(detail.body.chosenId).toBe(a.body.id);
    expect(detail.body.reason).toBe("一好双强突出，群众认可度高");
    expect(detail.body.candidates.map((c: { channel: string }) => c.channel)).toEqual(["reserve_pool", "veteran"]);
    expect(detail.body.results).toEqual([
      expect.objectContaining({ kind: "appraisal_grade", summary: { cycle: "2026年度民主评议", grade: "excellent" } }),
    ]);
    const own = await (await as(reserve)).get(`/api/archives/${reserve.id}`);
    expect(own.body.items.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(["talent.secretary_chosen", "role_granted"]),
    );
  });

  it("a candidate who is an admin of the committee does not decide their own selection", async () => {
    const adminCand = await makeUser("adminCand", [
      [tree.committee, "admin"],
      [tree.branchA, "member"],
    ]);
    const admin = await as(tree.admin);
    const sel = await admin.post(`/api/orgs/${tree.branchA.id}/talent/selections`, { on: "2026-04-01" });
    const cand = await admin.post(`/api/talent/selections/${sel.body.id}/candidates`, {
      memberId: adminCand.id,
      channel: "dispatched",
      evidence,
    });
    const own = await (await as(adminCand)).post(
      `/api/talent/selections/${sel.body.id}/decision`,
      decision(cand.body.id),
    );
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("own_case");
    // Only a branch has a secretary to choose.
    expect((await admin.post(`/api/orgs/${tree.committee.id}/talent/selections`, { on: "2026-04-01" })).status).toBe(
      422,
    );
  });
});
