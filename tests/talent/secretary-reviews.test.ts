import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents } from "../../schema";
import { DEFAULT_RULE } from "../../schema/talent/values";
import { dayOf } from "../../worker/lib/day";
import { as, db, makeTree, makeUser } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const evidence = DEFAULT_RULE.criteria.map((c) => ({ key: c.key, text: `${c.label}：有据可查` }));
const today = () => dayOf(Date.now());
const thisYear = () => Number(today().slice(0, 4));
const review = (over: Record<string, unknown> = {}) => ({
  year: thisYear(),
  on: today(),
  performance: "村集体经济收入增长12%，完成年度目标",
  rewards: "县级优秀党务工作者",
  penalties: "无",
  ...over,
});

/** A selection for branch B, opened and (unless told not to) decided with a term from this year's 1 January. */
async function selection(decided = true) {
  const admin = await as(tree.admin);
  const veteran = await makeUser(`vet${Math.random().toString(36).slice(2, 8)}`, [[tree.branchB, "member"]]);
  const start = `${thisYear()}-01-01`;
  const sel = await admin.post(`/api/orgs/${tree.branchB.id}/talent/selections`, { on: start });
  const cand = await admin.post(`/api/talent/selections/${sel.body.id}/candidates`, {
    memberId: veteran.id,
    channel: "veteran",
    evidence,
  });
  if (decided) {
    const d = await admin.post(`/api/talent/selections/${sel.body.id}/decision`, {
      candidateId: cand.body.id,
      on: start,
      reason: "一好双强突出",
      duties: "抓党建促乡村振兴",
      termStartsOn: start,
      termEndsOn: `${thisYear() + 4}-12-31`,
    });
    if (d.status !== 200) throw new Error(`decide: ${d.status} ${JSON.stringify(d.body)}`);
  }
  return { id: sel.body.id as string, secretary: veteran };
}

describe("the secretary's yearly review (绩、奖、惩)", () => {
  it("the committee above records a year once, dated, in the secretary's archive", async () => {
    const { id, secretary } = await selection();
    const admin = await as(tree.admin);
    const r = await admin.post(`/api/talent/selections/${id}/reviews`, review());
    expect(r.status).toBe(201);
    const twice = await admin.post(`/api/talent/selections/${id}/reviews`, review({ penalties: "诫勉谈话" }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("conflict");
    const detail = await admin.get(`/api/talent/selections/${id}`);
    expect(detail.body.reviews).toEqual([expect.objectContaining({ year: thisYear(), on: today(), penalties: "无" })]);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.memberId, secretary.id));
    const reviewed = events.filter((e) => e.kind === "talent.secretary_reviewed");
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]!.summary).toMatchObject({ year: thisYear(), rewards: "县级优秀党务工作者", penalties: "无" });
    const own = await (await as(secretary)).get(`/api/archives/${secretary.id}`);
    expect(own.body.items.map((e: { kind: string }) => e.kind)).toContain("talent.secretary_reviewed");
  });

  it("refusals: undecided, a year outside the term or not yet begun, a future date, the branch itself, another subtree", async () => {
    const admin = await as(tree.admin);
    const open = await selection(false);
    const undecided = await admin.post(`/api/talent/selections/${open.id}/reviews`, review());
    expect(undecided.status).toBe(409);
    expect(undecided.body.error.code).toBe("out_of_order");
    const { id } = await selection();
    const before = await admin.post(`/api/talent/selections/${id}/reviews`, review({ year: thisYear() - 1 }));
    expect(before.status).toBe(422);
    expect(before.body.error.code).toBe("out_of_order");
    const next = await admin.post(`/api/talent/selections/${id}/reviews`, review({ year: thisYear() + 1 }));
    expect(next.status).toBe(422);
    expect(next.body.error.code).toBe("out_of_order");
    const future = await admin.post(`/api/talent/selections/${id}/reviews`, review({ on: `${thisYear() + 1}-01-05` }));
    expect(future.status).toBe(422);
    const bySec = await (await as(tree.secB)).post(`/api/talent/selections/${id}/reviews`, review());
    expect(bySec.status).toBe(403);
    expect(bySec.body.error.code).toBe("higher_committee_only");
    expect((await (await as(tree.secA)).post(`/api/talent/selections/${id}/reviews`, review())).status).toBe(404);
    // Nothing was recorded by the refused attempts.
    expect((await admin.get(`/api/talent/selections/${id}`)).body.reviews).toEqual([]);
  });
});
