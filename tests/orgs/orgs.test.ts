import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, orgs } from "../../schema";
import { as, db, makeTree } from "../fixtures";
import { postOrg } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

describe("org tree", () => {
  it("an admin sees the whole subtree; a member sees only their branch", async () => {
    const admin = await as(tree.admin);
    const all = await admin.get("/api/orgs");
    const ids = all.body.items.map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([tree.committee.id, tree.school.id, tree.branchA.id, tree.branchB.id]));
    const member = await as(tree.memA);
    const mine = await member.get("/api/orgs");
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([tree.branchA.id]);
    expect((await member.get(`/api/orgs/${tree.branchB.id}`)).status).toBe(404);
  });

  it("creates, renames and archives with audit; refuses bad input without writing", async () => {
    const admin = await as(tree.admin);
    const created = await postOrg(admin, tree.committee.id, "  新兴领域党支部 ", "branch", "network");
    expect(created.status).toBe(201);
    expect(created.body.name).toBe("新兴领域党支部");
    expect(created.body.path).toBe(`${tree.committee.path}${created.body.id}/`);
    expect(created.body.timeZone).toBe("Asia/Shanghai");
    const before = (await db().select().from(orgs)).length;
    for (const bad of [
      { parentId: tree.committee.id, name: "", kind: "branch", orgType: "network" },
      { parentId: tree.committee.id, name: "x", kind: "castle", orgType: "network" },
      { parentId: tree.committee.id, name: "x", kind: "branch", orgType: "network", timeZone: "Mars/Base" },
    ]) {
      const r = await admin.post("/api/orgs", bad);
      expect(r.status).toBe(400);
      expect(r.body.error.details.length).toBeGreaterThan(0);
    }
    expect((await db().select().from(orgs)).length).toBe(before);
    const renamed = await admin.patch(`/api/orgs/${created.body.id}`, { name: "网络党支部", timeZone: "Asia/Urumqi" });
    expect(renamed.status).toBe(200);
    expect((await admin.post(`/api/orgs/${created.body.id}/archive`)).status).toBe(200);
    expect((await admin.get("/api/orgs")).body.items.map((o: { id: string }) => o.id)).not.toContain(created.body.id);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, created.body.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["org_archived", "org_created", "org_updated"]);
  });

  it("refuses to create an org under a parent that cannot hold it, as a move does, writing nothing", async () => {
    const admin = await as(tree.admin);
    const group = await postOrg(admin, tree.branchA.id, "党小组", "group");
    expect(group.status).toBe(201);
    const before = (await db().select().from(orgs)).length;
    for (const [parentId, kind] of [
      [tree.committee.id, "group"],
      [tree.branchA.id, "branch"],
      [tree.branchA.id, "committee"],
      [tree.school.id, "branch"],
      [group.body.id, "group"],
    ] as const) {
      const r = await postOrg(admin, parentId, "错位组织", kind);
      expect([kind, r.status, r.body.error.code]).toEqual([kind, 409, "wrong_parent_kind"]);
      expect(r.body.error.details).toEqual({ path: "kind" });
    }
    expect((await db().select().from(orgs)).length).toBe(before);
  });

  it("refuses to create an org under an archived one, as a move does", async () => {
    const admin = await as(tree.admin);
    const gone = await postOrg(admin, tree.committee.id, "已撤销支部", "branch");
    expect((await admin.post(`/api/orgs/${gone.body.id}/archive`)).status).toBe(200);
    const r = await postOrg(admin, gone.body.id, "党小组", "group");
    expect([r.status, r.body.error.code]).toEqual([409, "org_archived"]);
    const under = await db().select().from(orgs).where(eq(orgs.parentId, gone.body.id));
    expect(under).toEqual([]);
  });

  it("refuses archiving a branch that still has members", async () => {
    const admin = await as(tree.admin);
    expect((await admin.post(`/api/orgs/${tree.branchA.id}/archive`)).status).toBe(409);
  });

  it("moves a subtree in one update and refuses cycles", async () => {
    const admin = await as(tree.admin);
    const district = (await postOrg(admin, tree.committee.id, "区委", "committee", "regional")).body;
    const branch = (await postOrg(admin, district.id, "支部", "branch")).body;
    const group = (await postOrg(admin, branch.id, "第一党小组", "group")).body;
    const other = (await postOrg(admin, tree.committee.id, "街道党工委", "committee", "regional")).body;

    const cycle = await admin.post(`/api/orgs/${district.id}/move`, { parentId: group.id });
    expect(cycle.status).toBe(409);
    expect((await admin.post(`/api/orgs/${district.id}/move`, { parentId: district.id })).status).toBe(409);
    expect((await admin.post(`/api/orgs/${tree.committee.id}/move`, { parentId: other.id })).status).toBe(409);

    expect((await admin.post(`/api/orgs/${branch.id}/move`, { parentId: other.id })).status).toBe(200);
    const [movedGroup] = await db().select().from(orgs).where(eq(orgs.id, group.id));
    expect(movedGroup?.path).toBe(`${other.path}${branch.id}/${group.id}/`);
  });

  it("a moved org takes its new parent's zone, and its inheriting descendants with it, unless it set its own", async () => {
    const admin = await as(tree.admin);
    const create = async (parentId: string, name: string, kind: string, timeZone?: string) =>
      (await postOrg(admin, parentId, name, kind, "unit", timeZone ? { timeZone } : {})).body;
    const east = await create(tree.committee.id, "东区", "committee");
    const west = await create(tree.committee.id, "西区", "committee", "Asia/Urumqi");
    const branch = await create(east.id, "东区支部", "branch");
    const group = await create(branch.id, "党小组", "group");
    const own = await create(east.id, "自定时区支部", "branch", "Asia/Hong_Kong");
    for (const o of [branch, own])
      expect((await admin.post(`/api/orgs/${o.id}/move`, { parentId: west.id })).status).toBe(200);
    const zones = Object.fromEntries(
      (await db().select().from(orgs)).map((o) => [o.id, [o.timeZone, o.ownTimeZone]] as const),
    );
    expect([zones[branch.id], zones[group.id], zones[own.id]]).toEqual([
      ["Asia/Urumqi", false],
      ["Asia/Urumqi", false],
      ["Asia/Hong_Kong", true],
    ]);
  });

  it("only admins change the tree; secretaries get 403, outsiders 404", async () => {
    const sec = await as(tree.secA);
    expect((await sec.patch(`/api/orgs/${tree.branchA.id}`, { name: "x" })).status).toBe(403);
    expect((await sec.patch(`/api/orgs/${tree.branchB.id}`, { name: "x" })).status).toBe(404);
    expect((await postOrg(sec, tree.branchA.id, "组", "group")).status).toBe(403);
    const school = await as(tree.publisher);
    expect((await school.get(`/api/orgs/${tree.branchA.id}`)).status).toBe(404);
    expect((await school.get("/api/orgs/no-such-id")).status).toBe(404);
  });

  it("shows the audit log of a subtree to its admin only", async () => {
    const admin = await as(tree.admin);
    const log = await admin.get(`/api/orgs/${tree.committee.id}/audit?limit=5`);
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThan(0);
    expect((await (await as(tree.secA)).get(`/api/orgs/${tree.branchA.id}/audit`)).status).toBe(403);
  });
});
