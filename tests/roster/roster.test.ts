import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, memberships, users } from "../../schema";
import { as, Client, db, makeTree } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const gb18030 = (text: string) => {
  // "党员" etc. encoded by hand would be brittle: build the bytes from a known GB18030 table subset.
  const table: Record<string, number[]> = {
    用: [0xd3, 0xc3],
    户: [0xbb, 0xa7],
    名: [0xc3, 0xfb],
    姓: [0xd0, 0xd5],
    王: [0xcd, 0xf5],
    芳: [0xb7, 0xbc],
  };
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(table[ch] ?? [ch.charCodeAt(0)]));
  return new Uint8Array(bytes);
};

describe("roster", () => {
  it("a secretary lists and searches their branch; the committee admin sees all branches", async () => {
    const sec = await as(tree.secA);
    const list = await sec.get(`/api/orgs/${tree.branchA.id}/members`);
    expect(list.status).toBe(200);
    const names = list.body.items.map((m: { displayName: string }) => m.displayName);
    expect(names).toEqual(expect.arrayContaining(["memA", "secA"]));
    expect(names).not.toContain("memB");
    expect(JSON.stringify(list.body)).not.toMatch(/password/i);
    const search = await sec.get(`/api/orgs/${tree.branchA.id}/members?q=memA`);
    expect(search.body.items).toHaveLength(1);
    const admin = await as(tree.admin);
    const page1 = await admin.get(`/api/orgs/${tree.committee.id}/members?limit=2`);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.next).toEqual(expect.any(String));
    const page2 = await admin.get(`/api/orgs/${tree.committee.id}/members?limit=2&after=${page1.body.next}`);
    expect(page2.body.items.map((m: { id: string }) => m.id)).not.toContain(page1.body.items[0].id);
    expect((await admin.get(`/api/orgs/${tree.committee.id}/members?limit=1000`)).status).toBe(400);
  });

  it("searches % and _ literally", async () => {
    const sec = await as(tree.secA);
    await sec.post(`/api/orgs/${tree.branchA.id}/members`, { username: "pct.member", displayName: "满分100%" });
    await sec.post(`/api/orgs/${tree.branchA.id}/members`, { username: "plain.member", displayName: "一百分" });
    const pct = await sec.get(`/api/orgs/${tree.branchA.id}/members?q=${encodeURIComponent("100%")}`);
    expect(pct.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(["满分100%"]);
    const underscore = await sec.get(`/api/orgs/${tree.branchA.id}/members?q=_`);
    expect(underscore.body.items).toHaveLength(0);
  });

  it("authorization matrix: another branch's roster and members are 404, a member's own branch 403", async () => {
    const secA = await as(tree.secA);
    const memA = await as(tree.memA);
    const anon = new Client();
    expect((await secA.get(`/api/orgs/${tree.branchB.id}/members`)).status).toBe(404);
    expect((await secA.get(`/api/users/${tree.memB.id}`)).status).toBe(404);
    expect((await secA.patch(`/api/users/${tree.memB.id}`, { displayName: "x" })).status).toBe(404);
    expect((await secA.post(`/api/users/${tree.memB.id}/deactivate`)).status).toBe(404);
    expect((await memA.get(`/api/orgs/${tree.branchA.id}/members`)).status).toBe(403);
    expect((await memA.get(`/api/users/${tree.secA.id}`)).status).toBe(403);
    expect((await anon.get(`/api/orgs/${tree.branchA.id}/members`)).status).toBe(401);
    expect((await secA.get("/api/users/guessed-id-000")).status).toBe(404);
    const [memB] = await db().select().from(users).where(eq(users.id, tree.memB.id));
    expect(memB?.displayName).toBe("memB");
  });

  it("adds a member with an archive event; refuses a taken username and a committee as the branch", async () => {
    const sec = await as(tree.secA);
    const added = await sec.post(`/api/orgs/${tree.branchA.id}/members`, {
      username: "new.member",
      displayName: "新党员",
      phone: "13900001111",
      gender: "female",
      joinedPartyOn: "2020-07-01",
    });
    expect(added.status).toBe(201);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.memberId, added.body.id));
    expect(events.map((e) => e.kind)).toEqual(["joined"]);
    const again = await sec.post(`/api/orgs/${tree.branchA.id}/members`, {
      username: "new.member",
      displayName: "重复",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0].path).toBe("username");
    const admin = await as(tree.admin);
    expect(
      (await admin.post(`/api/orgs/${tree.committee.id}/members`, { username: "x1", displayName: "x" })).status,
    ).toBe(422);
    expect(
      (await sec.post(`/api/orgs/${tree.branchA.id}/members`, { username: "bad name!", displayName: "x" })).status,
    ).toBe(400);
  });

  it("transfers a member between branches, keeping the history", async () => {
    const admin = await as(tree.admin);
    const added = await admin.post(`/api/orgs/${tree.branchA.id}/members`, {
      username: "mover",
      displayName: "调动者",
    });
    const secA = await as(tree.secA);
    // The branch A secretary may not place someone into branch B.
    expect((await secA.post(`/api/users/${added.body.id}/transfer`, { toOrgId: tree.branchB.id })).status).toBe(404);
    const r = await admin.post(`/api/users/${added.body.id}/transfer`, { toOrgId: tree.branchB.id });
    expect(r.status).toBe(200);
    const detail = await admin.get(`/api/users/${added.body.id}`);
    expect(
      detail.body.history.map((h: { orgId: string; endedAt: number | null }) => [h.orgId, h.endedAt === null]),
    ).toEqual([
      [tree.branchA.id, false],
      [tree.branchB.id, true],
    ]);
    expect((await secA.get(`/api/users/${added.body.id}`)).status).toBe(404);
    const events = await db().select().from(archiveEvents).where(eq(archiveEvents.memberId, added.body.id));
    expect(events.map((e) => e.kind).sort()).toEqual(["joined", "transferred"]);
    expect((await admin.post(`/api/users/${added.body.id}/transfer`, { toOrgId: tree.branchB.id })).status).toBe(409);
  });

  it("deactivates a member: their sessions end and they cannot log in", async () => {
    const admin = await as(tree.admin);
    const added = await admin.post(`/api/orgs/${tree.branchB.id}/members`, {
      username: "leaver",
      displayName: "离开者",
      password: "leaver-pass-1",
    });
    const leaver = await new Client().login("leaver", "leaver-pass-1");
    expect((await admin.post(`/api/users/${added.body.id}/deactivate`)).status).toBe(200);
    expect((await leaver.get("/api/me")).status).toBe(401);
    expect((await new Client().post("/api/auth/login", { username: "leaver", password: "leaver-pass-1" })).status).toBe(
      401,
    );
    const inactive = await admin.get(`/api/orgs/${tree.branchB.id}/members?inactive=1&q=leaver`);
    expect(inactive.body.items[0].active).toBe(false);
    expect((await admin.get(`/api/orgs/${tree.branchB.id}/members?q=leaver`)).body.items).toHaveLength(0);
  });

  it("grants and revokes roles with archive events", async () => {
    const admin = await as(tree.admin);
    const r = await admin.post(`/api/users/${tree.memA.id}/roles`, { orgId: tree.branchA.id, role: "secretary" });
    expect(r.status).toBe(201);
    expect(
      (await admin.post(`/api/users/${tree.memA.id}/roles`, { orgId: tree.branchA.id, role: "secretary" })).status,
    ).toBe(409);
    const memA = await as(tree.memA);
    expect((await memA.get(`/api/orgs/${tree.branchA.id}/members`)).status).toBe(200);
    expect(
      (await admin.post(`/api/users/${tree.memA.id}/roles/revoke`, { orgId: tree.branchA.id, role: "secretary" }))
        .status,
    ).toBe(200);
    expect((await memA.get(`/api/orgs/${tree.branchA.id}/members`)).status).toBe(403);
    const sec = await as(tree.secA);
    expect((await sec.post(`/api/users/${tree.memA.id}/roles`, { orgId: tree.branchA.id, role: "admin" })).status).toBe(
      403,
    );
  });
});

describe("CSV import", () => {
  const post = (c: Client, orgId: string, body: string | Uint8Array, type = "text/csv; charset=utf-8") =>
    c.request("POST", `/api/orgs/${orgId}/members/import`, body, { "Content-Type": type });

  it("imports UTF-8 with a BOM and Chinese headers, into named branches", async () => {
    const admin = await as(tree.admin);
    const csv = `\uFEFF用户名,姓名,手机,性别,入党日期,支部\nimp1,王芳,13900000001,女,2019/07/01,${tree.branchA.name}\nimp2,李强,,男,,${tree.branchB.name}\n`;
    const r = await post(admin, tree.committee.id, csv);
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(2);
    const [u] = await db().select().from(users).where(eq(users.username, "imp1"));
    expect(u?.joinedPartyOn).toBe("2019-07-01");
    expect(u?.gender).toBe("female");
    const m = await db()
      .select()
      .from(memberships)
      .where(eq(memberships.userId, u?.id ?? ""));
    expect(m[0]?.orgId).toBe(tree.branchA.id);
  });

  it("imports GB18030 as exported by Chinese Excel", async () => {
    const sec = await as(tree.secA);
    const bytes = gb18030("用户名,姓名\ngbuser,王芳\n");
    const r = await post(sec, tree.branchA.id, bytes);
    expect(r.status).toBe(200);
    const [u] = await db().select().from(users).where(eq(users.username, "gbuser"));
    expect(u?.displayName).toBe("王芳");
  });

  it("rejects the whole file with a per-row report when any row is bad", async () => {
    const sec = await as(tree.secA);
    const before = (await db().select().from(users)).length;
    const csv = [
      "username,name,phone,gender,branch",
      "good1,好人,13900000009,male,",
      "imp1,重名,,,",
      "bad name,坏名,,,",
      "dup1,甲,,,",
      "dup1,乙,,unknown,",
      `far1,远方,,,${tree.branchB.name}`,
    ].join("\r\n");
    const r = await post(sec, tree.branchA.id, csv);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("import_rejected");
    const byRow = r.body.error.details.map(
      (d: { row: number; column: string; code: string }) => `${d.row}:${d.column}:${d.code}`,
    );
    expect(byRow).toEqual(
      expect.arrayContaining([
        "3:username:taken",
        "4:username:invalid_format",
        "6:username:duplicate_in_file",
        "6:gender:invalid_value",
        "7:branch:unknown_branch",
      ]),
    );
    expect((await db().select().from(users)).length).toBe(before);
  });

  it("refuses impossible dates, naming the column by the header the file used", async () => {
    const sec = await as(tree.secA);
    const before = (await db().select().from(users)).length;
    const csv = [
      "用户名,姓名,入党日期",
      "date1,甲,2020-13-45",
      "date2,乙,2023-02-29",
      "date3,丙,2024/02/30",
      "date4,丁,2019-7-1x",
      "date5,戊,2024-02-29",
    ].join("\n");
    const r = await post(sec, tree.branchA.id, csv);
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([
      { row: 2, column: "入党日期", code: "invalid_date", value: "2020-13-45" },
      { row: 3, column: "入党日期", code: "invalid_date", value: "2023-02-29" },
      { row: 4, column: "入党日期", code: "invalid_date", value: "2024/02/30" },
      { row: 5, column: "入党日期", code: "invalid_date", value: "2019-7-1x" },
    ]);
    const english = await post(sec, tree.branchA.id, "username,name,joined_party_on\ndate6,己,2021-04-31\n");
    expect(english.body.error.details).toEqual([
      { row: 2, column: "joined_party_on", code: "invalid_date", value: "2021-04-31" },
    ]);
    expect((await db().select().from(users)).length).toBe(before);
    // The API shares the same check.
    const added = await sec.post(`/api/orgs/${tree.branchA.id}/members`, {
      username: "date7",
      displayName: "庚",
      joinedPartyOn: "2020-13-45",
    });
    expect(added.status).toBe(400);
    expect(added.body.error.details).toEqual([{ path: "joinedPartyOn", code: "custom", message: "invalid_date" }]);
    const ok = await post(sec, tree.branchA.id, "用户名,姓名,入党日期\ndate8,辛,2024-02-29\n");
    expect(ok.status).toBe(200);
  });

  it("refuses other types, missing columns, empty files and other subtrees", async () => {
    const sec = await as(tree.secA);
    expect((await post(sec, tree.branchA.id, "a,b\n1,2\n", "application/json")).status).toBe(415);
    const missing = await post(sec, tree.branchA.id, "姓名\n张三\n");
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe("missing_columns");
    expect((await post(sec, tree.branchA.id, "username,name\n")).status).toBe(422);
    expect((await post(sec, tree.branchB.id, "username,name\nx,y\n")).status).toBe(404);
    expect((await post(sec, tree.branchA.id, "x".repeat(1_000_001))).status).toBe(413);
  });
});
