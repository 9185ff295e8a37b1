import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, auditLog, evalRectifications } from "../../schema";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { makeSchedule, setWindows } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let sec: Client;
let mem: Client;
let cycleId: string;

const text = (s: string) => ({
  theory: `${s}理论学习体会`,
  stance: "立场坚定",
  duty: "履职尽责",
  service: "服务群众",
  problems: "存在问题",
  rectification: "1. 加强学习\n2. 多走访群众",
});

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  sec = await as(tree.secA);
  mem = await as(tree.memA);
  const sid = await makeSchedule(admin, tree.committee.id);
  const r = await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchA.id });
  expect(r.status).toBe(201);
  const list = await sec.get(`/api/orgs/${tree.branchA.id}/eval-cycles`);
  cycleId = list.body.items[0].id;
  await setWindows(cycleId, { analysis: [-1, 5], appraisal: [6, 8], decision: [9, 10] });
});

describe("self-analysis", () => {
  it("autosaves drafts, refuses unknown sections and checks lengths on submit", async () => {
    const path = `/api/eval-cycles/${cycleId}/analysis`;
    const form = await mem.get(path);
    expect(form.status).toBe(200);
    expect(form.body.template.map((s: { title: string }) => s.title)).toContain("整改措施");
    expect((await mem.request("PUT", path, { content: { theory: "半" } })).status).toBe(200);
    expect((await mem.request("PUT", path, { content: { nope: "x" } })).status).toBe(422);
    const early = await mem.post(`${path}/submit`);
    expect(early.status).toBe(422);
    expect(early.body.error.details.map((d: { path: string }) => d.path)).toContain("content.stance");
    expect((await mem.request("PUT", path, { content: text("第一版") })).status).toBe(200);
    expect((await mem.get(path)).body.analysis).toMatchObject({ status: "draft", content: text("第一版") });
    expect((await mem.post(`${path}/submit`)).body).toEqual({ version: 1 });
    expect((await mem.request("PUT", path, { content: text("改") })).status).toBe(409);
  });

  it("return needs a submission before accept; versions are kept; acceptance archives and carries items", async () => {
    const dash = await sec.get(`/api/eval-cycles/${cycleId}`);
    const row = dash.body.members.find((m: { id: string }) => m.id === tree.memA.id);
    expect(row).toMatchObject({ analysis: "submitted", version: 1 });
    const id = row.analysisId;
    expect((await sec.post(`/api/eval-analyses/${id}/return`, { comment: "请具体些" })).status).toBe(200);
    const refused = await sec.post(`/api/eval-analyses/${id}/accept`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("not_resubmitted");
    const path = `/api/eval-cycles/${cycleId}/analysis`;
    expect((await mem.get(path)).body.analysis).toMatchObject({ status: "returned", comment: "请具体些" });
    await mem.request("PUT", path, { content: text("第二版") });
    expect((await mem.post(`${path}/submit`)).body).toEqual({ version: 2 });
    const review = await sec.get(`/api/eval-analyses/${id}`);
    expect(
      review.body.versions.map((v: { version: number; outcome: string | null }) => [v.version, v.outcome]),
    ).toEqual([
      [1, "returned"],
      [2, null],
    ]);
    expect(review.body.versions[0].content.theory).toBe("第一版理论学习体会");
    const ok = await sec.post(`/api/eval-analyses/${id}/accept`, { comment: "好" });
    expect(ok.body).toEqual({ status: "accepted", rectifications: 2 });
    expect((await sec.post(`/api/eval-analyses/${id}/accept`, {})).status).toBe(409);
    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.memberId, tree.memA.id), eq(archiveEvents.kind, "self_analysis_accepted")));
    expect(events).toHaveLength(1);
    const items = await db().select().from(evalRectifications).where(eq(evalRectifications.memberId, tree.memA.id));
    expect(items.map((i) => i.text)).toEqual(["加强学习", "多走访群众"]);
  });

  it("carries the rectification items into the next cycle, where the member reports on each", async () => {
    const sid = await makeSchedule(admin, tree.committee.id, { name: "季度", frequency: "quarterly" });
    await admin.post(`/api/eval-schedules/${sid}/open`, { branchId: tree.branchA.id });
    const list = await sec.get(`/api/orgs/${tree.branchA.id}/eval-cycles?status=open`);
    const next = list.body.items.find((c: { name: string }) => c.name === "季度").id;
    await setWindows(next, { analysis: [-1, 5], appraisal: [6, 8], decision: [9, 10] });
    const path = `/api/eval-cycles/${next}/analysis`;
    const form = await mem.get(path);
    expect(form.body.items.map((i: { text: string }) => i.text)).toEqual(["加强学习", "多走访群众"]);
    await mem.request("PUT", path, { content: text("下期") });
    const missing = await mem.post(`${path}/submit`);
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.filter((d: { code: string }) => d.code === "required")).toHaveLength(2);
    const reports = Object.fromEntries(form.body.items.map((i: { id: string }) => [i.id, "已落实"]));
    await mem.request("PUT", path, { content: text("下期"), reports });
    expect((await mem.post(`${path}/submit`)).status).toBe(200);
    const dash = await sec.get(`/api/eval-cycles/${next}`);
    const id = dash.body.members.find((m: { id: string }) => m.id === tree.memA.id).analysisId;
    expect((await sec.post(`/api/eval-analyses/${id}/accept`, {})).status).toBe(200);
    const items = await db().select().from(evalRectifications).where(eq(evalRectifications.memberId, tree.memA.id));
    expect(items.filter((i) => i.reportedInCycleId === next).map((i) => i.report)).toEqual(["已落实", "已落实"]);
    // Only this cycle's new items are still open.
    expect(items.filter((i) => !i.reportedInCycleId)).toHaveLength(2);
  });

  it("refuses outside the window with 409 naming the window; a committee can extend or reopen one form", async () => {
    const other = await makeUser("late", [[tree.branchA, "member"]]);
    const late = await as(other);
    await setWindows(cycleId, { analysis: [-5, -1] });
    const path = `/api/eval-cycles/${cycleId}/analysis`;
    const r = await late.request("PUT", path, { content: text("迟") });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("outside_window");
    expect(r.body.error.message).toMatch(/analysis is open from \d{4}-\d\d-\d\dT.* to \d{4}-/);
    // Secretaries cannot reopen; the committee can, for one member, and it is audited.
    const until = Date.now() + 86_400_000;
    expect((await sec.post(`/api/eval-cycles/${cycleId}/reopen`, { memberId: other.id, until })).status).toBe(403);
    expect((await admin.post(`/api/eval-cycles/${cycleId}/reopen`, { memberId: other.id, until })).status).toBe(200);
    expect((await late.request("PUT", path, { content: text("迟") })).status).toBe(200);
    expect((await mem.request("PUT", path, { content: text("x") })).status).toBe(409);
    // Extending the window opens it for everyone.
    const cycle = await sec.get(`/api/eval-cycles/${cycleId}`);
    const closesAt = cycle.body.cycle.windows.analysis.closesAt;
    expect(
      (await admin.post(`/api/eval-cycles/${cycleId}/extend`, { phase: "analysis", closesAt: closesAt - 1 })).status,
    ).toBe(422);
    expect(
      (await admin.post(`/api/eval-cycles/${cycleId}/extend`, { phase: "analysis", closesAt: until })).status,
    ).toBe(200);
    const audits = await db().select().from(auditLog).where(eq(auditLog.entityId, cycleId));
    expect(audits.map((a) => a.action).sort()).toEqual(["eval_form_reopened", "eval_window_extended"]);
  });

  it("answers 404 on other branches' cycles and analyses, 403 to the wrong role", async () => {
    const memB = await as(tree.memB);
    const secB = await as(tree.secB);
    expect((await memB.get(`/api/eval-cycles/${cycleId}/analysis`)).status).toBe(404);
    expect((await secB.get(`/api/eval-cycles/${cycleId}`)).status).toBe(404);
    const dash = await sec.get(`/api/eval-cycles/${cycleId}`);
    const id = dash.body.members.find((m: { id: string }) => m.id === tree.memA.id).analysisId;
    expect((await secB.get(`/api/eval-analyses/${id}`)).status).toBe(404);
    expect((await secB.post(`/api/eval-analyses/${id}/return`, { comment: "x" })).status).toBe(404);
    expect((await mem.get(`/api/eval-analyses/${id}`)).status).toBe(403);
    expect((await mem.get(`/api/eval-cycles/${cycleId}`)).status).toBe(403);
    expect((await sec.get(`/api/eval-cycles/nonexistent`)).status).toBe(404);
  });

  it("refuses extend and reopen to a secretary (403) and to another subtree's admin (404), changing nothing", async () => {
    const before = (await sec.get(`/api/eval-cycles/${cycleId}`)).body;
    const closesAt = before.cycle.windows.analysis.closesAt + 86_400_000;
    const until = Date.now() + 3_600_000;
    const elsewhere = await makeOrg(null, "别的市委", "committee");
    const strangers = [await as(await makeUser("outsider", [[elsewhere, "admin"]])), await as(tree.secB)];
    const extend = (c: Client) => c.post(`/api/eval-cycles/${cycleId}/extend`, { phase: "analysis", closesAt });
    const reopen = (c: Client) => c.post(`/api/eval-cycles/${cycleId}/reopen`, { memberId: tree.memA.id, until });
    expect((await extend(sec)).status).toBe(403);
    expect((await reopen(sec)).status).toBe(403);
    for (const c of strangers) {
      expect((await extend(c)).status).toBe(404);
      expect((await reopen(c)).status).toBe(404);
    }
    // Guessed ids answer 404 too.
    expect((await admin.post(`/api/eval-cycles/nope/extend`, { phase: "analysis", closesAt })).status).toBe(404);
    // A member outside the branch cannot be reopened: 422 on memberId.
    const wrong = await admin.post(`/api/eval-cycles/${cycleId}/reopen`, { memberId: tree.memB.id, until });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details[0]).toMatchObject({ path: "memberId", code: "not_a_member" });
    const after = (await sec.get(`/api/eval-cycles/${cycleId}`)).body;
    expect(after.cycle.windows).toEqual(before.cycle.windows);
    expect(after.members).toEqual(before.members);
    const audits = await db().select().from(auditLog).where(eq(auditLog.entityId, cycleId));
    expect(audits).toHaveLength(2);
  });

  it("shows on the dashboard until when a member's form was reopened", async () => {
    const until = Date.now() + 7_200_000;
    const late = await makeUser("later", [[tree.branchA, "member"]]);
    expect((await admin.post(`/api/eval-cycles/${cycleId}/reopen`, { memberId: late.id, until })).status).toBe(200);
    const dash = await sec.get(`/api/eval-cycles/${cycleId}`);
    expect(dash.body.members.find((m: { id: string }) => m.id === late.id).reopenedUntil).toBe(until);
    expect(dash.body.cycle.periodEnd).toBeGreaterThan(dash.body.cycle.periodStart);
  });
});
