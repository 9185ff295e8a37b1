import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../schema";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { scheduleInput } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
});

describe("schedules", () => {
  it("creates, reads and updates a committee's schedule, audited", async () => {
    const r = await admin.post(`/api/orgs/${tree.committee.id}/eval-schedules`, scheduleInput({ frequency: "yearly" }));
    expect(r.status).toBe(201);
    const s = await admin.get(`/api/eval-schedules/${r.body.id}`);
    expect(s.body).toMatchObject({ frequency: "yearly", settings: { excellentQuota: 1 / 3, peerScope: "branch" } });
    expect(s.body.template.map((x: { title: string }) => x.title)).toEqual([
      "理论学习",
      "政治立场",
      "履职尽责",
      "服务群众",
      "存在问题",
      "整改措施",
    ]);
    const u = await admin.patch(
      `/api/eval-schedules/${r.body.id}`,
      scheduleInput({ name: "改名", frequency: "yearly" }),
    );
    expect(u.status).toBe(200);
    expect((await admin.get(`/api/orgs/${tree.committee.id}/eval-schedules`)).body.items[0].name).toBe("改名");
    const audits = await db().select().from(auditLog).where(eq(auditLog.entityId, r.body.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["eval_schedule_created", "eval_schedule_updated"]);
  });

  it("refuses bad windows, bad templates and non-committees", async () => {
    const post = (body: unknown, org = tree.committee.id) => admin.post(`/api/orgs/${org}/eval-schedules`, body);
    expect((await post(scheduleInput({ phases: { analysis: { from: 5, to: 5 } } }))).status).toBe(400);
    expect((await post(scheduleInput({ phases: { analysis: { from: 0, to: 40 } } }))).status).toBe(400);
    expect((await post(scheduleInput({ phases: { appraisal: { from: 0, to: 10 } } }))).status).toBe(400);
    // Decisions wait for the sealed ballot: the decision phase must stay open after the appraisal closes.
    const early = { appraisal: { from: 0, to: 10 }, decision: { from: 5, to: 10 } };
    expect((await post(scheduleInput({ phases: early }))).status).toBe(400);
    expect((await post(scheduleInput({ frequency: "weekly" }))).status).toBe(400);
    const dupKeys = scheduleInput();
    (dupKeys.template as { key: string }[])[1]!.key = "theory";
    expect((await post(dupKeys)).status).toBe(422);
    expect((await post(scheduleInput(), tree.branchA.id)).status).toBe(422);
  });

  it("only the committee's admins manage schedules: 403 for its secretaries, 404 elsewhere", async () => {
    const sec = await as(tree.secA);
    expect((await sec.post(`/api/orgs/${tree.committee.id}/eval-schedules`, scheduleInput())).status).toBe(404);
    expect((await sec.post(`/api/orgs/${tree.branchA.id}/eval-schedules`, scheduleInput())).status).toBe(403);
    const other = await makeOrg(null, "外市委", "committee");
    const otherAdmin = await as(await makeUser("other-admin", [[other, "admin"]]));
    const id = (await admin.get(`/api/orgs/${tree.committee.id}/eval-schedules`)).body.items[0].id;
    expect((await otherAdmin.get(`/api/eval-schedules/${id}`)).status).toBe(404);
    expect((await otherAdmin.post(`/api/eval-schedules/${id}/open`, { branchId: tree.branchA.id })).status).toBe(404);
  });

  it("opens a cycle by hand once per period, only for branches of the subtree", async () => {
    const id = (await admin.get(`/api/orgs/${tree.committee.id}/eval-schedules`)).body.items[0].id;
    const first = await admin.post(`/api/eval-schedules/${id}/open`, { branchId: tree.branchB.id });
    expect(first.status).toBe(201);
    expect((await admin.post(`/api/eval-schedules/${id}/open`, { branchId: tree.branchB.id })).status).toBe(409);
    expect((await admin.post(`/api/eval-schedules/${id}/open`, { branchId: tree.school.id })).status).toBe(422);
    const foreign = await makeOrg(await makeOrg(null, "x", "committee"), "y", "branch");
    expect((await admin.post(`/api/eval-schedules/${id}/open`, { branchId: foreign.id })).status).toBe(404);
    const cycles = await (await as(tree.secB)).get(`/api/orgs/${tree.branchB.id}/eval-cycles`);
    expect(cycles.body.items).toHaveLength(1);
    expect(cycles.body.items[0].closesAt).toBeGreaterThan(Date.now());
    const mine = await (await as(tree.memB)).get("/api/my/evaluations");
    expect(mine.body.items[0]).toMatchObject({ id: cycles.body.items[0].id, analysis: null, selfAppraised: false });
  });
});
