import { beforeAll, describe, expect, it } from "vitest";
import { cyclesOf, makeSchedule } from "../evaluations/helpers";
import { as, makeTree } from "../fixtures";
import { plan, present, record } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

describe("组织生活会 and the branch's appraisal cycle", () => {
  it("records that it was held and its resolutions, pointing at the branch's own cycle only", async () => {
    const admin = await as(tree.admin);
    const schedule = await makeSchedule(admin, tree.committee.id, { frequency: "yearly" });
    for (const branchId of [tree.branchA.id, tree.branchB.id]) {
      const opened = await admin.post(`/api/eval-schedules/${schedule}/open`, { branchId });
      if (opened.status !== 201) throw new Error(JSON.stringify(opened.body));
    }
    const [cycleA] = await cyclesOf(tree.branchA.id);
    const [cycleB] = await cyclesOf(tree.branchB.id);
    const sec = await as(tree.secA);
    const choices = (await sec.get(`/api/orgs/${tree.branchA.id}/orglife/cycles`)).body.items;
    expect(choices.map((c: { id: string }) => c.id)).toEqual([cycleA!.id]);

    const id = await plan(sec, tree.branchA.id, { kind: "life_meeting", topic: "年度组织生活会" });
    const foreign = await record(sec, id, present(tree.memA.id), { cycleId: cycleB!.id });
    expect(foreign.body.error.details).toEqual([{ path: "cycleId", code: "not_this_branch" }]);
    const ok = await record(sec, id, present(tree.memA.id, tree.secA.id), {
      cycleId: cycleA!.id,
      decisions: "针对批评意见逐条整改，年底前完成",
    });
    expect(ok.status).toBe(200);
    const detail = (await sec.get(`/api/orglife/meetings/${id}`)).body;
    expect(detail.meeting).toMatchObject({ status: "held", decisions: "针对批评意见逐条整改，年底前完成" });
    expect(detail.cycle.id).toBe(cycleA!.id);
    const year = (await sec.get(`/api/orgs/${tree.branchA.id}/orglife`)).body;
    expect(year.kinds.find((k: { kind: string }) => k.kind === "life_meeting")).toMatchObject({ held: 1, due: null });
  });
});
